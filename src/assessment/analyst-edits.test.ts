import { describe, expect, it } from 'vitest';
import { testActing } from '../../test/helpers/acting.js';
import { tempStore } from '../../test/helpers/temp.js';
import { analystSource, setKeyControl, setQuestionScore } from './analyst-edits.js';
import { BUNDLED_SCORES_PATH } from './bundled-data.js';
import { importScores } from './import-scores.js';
import { loadMethodology } from './methodology-loader.js';
import { getRevision } from './revisions.js';

const methodology = await loadMethodology();
const source = analystSource('https://example.org/kz-measurement-report', '2026-11-28', 'OONI KZ report');

describe('analyst edits', () => {
  it('sets a question score with its justification and source on an imported assessment', async () => {
    const store = await tempStore();
    await importScores(store, methodology, BUNDLED_SCORES_PATH, testActing());
    const { draft: a, state } = await setQuestionScore(store, methodology, testActing(), {
      country: 'KZ',
      edition: 2024,
      questionId: 'B1',
      score: 1,
      justification: ' TLS/SNI blocking of news and circumvention sites ',
      source,
    });
    expect(a.questions).toEqual([
      {
        questionId: 'B1',
        score: 1,
        justification: 'TLS/SNI blocking of news and circumvention sites',
        sources: [source],
      },
    ]);
    expect(a.total).toBe(34);
    // The edit is in a draft: the published assessment is unchanged until a reviewer publishes the revision.
    expect(state).toBe('draft');
    expect((await store.assessments.get('KZ', 2024))!.questions).toHaveLength(0);
    expect((await getRevision(store, 'KZ', 2024))!.draft.questions).toHaveLength(1);
  });

  it('refuses an edit that makes a complete category contradict its given score, and keeps the store unchanged', async () => {
    const store = await tempStore();
    await importScores(store, methodology, BUNDLED_SCORES_PATH, testActing());
    const scores: Record<string, number> = { A1: 4, A2: 2, A3: 2, A4: 2 };
    for (const [questionId, score] of Object.entries(scores)) {
      await setQuestionScore(store, methodology, testActing(), {
        country: 'KZ',
        edition: 2024,
        questionId,
        score,
        justification: 'x',
        source,
      });
    }
    await expect(
      setQuestionScore(store, methodology, testActing(), {
        country: 'KZ',
        edition: 2024,
        questionId: 'A5',
        score: 3,
        justification: 'x',
        source,
      }),
    ).rejects.toThrow('KZ 2024: category A is given as 12 but its questions add up to 13');
    expect((await getRevision(store, 'KZ', 2024))!.draft.questions).toHaveLength(4);
    const ok = await setQuestionScore(store, methodology, testActing(), {
      country: 'KZ',
      edition: 2024,
      questionId: 'A5',
      score: 2,
      justification: 'x',
      source,
    });
    expect(ok.draft.categories[0]).toEqual({ categoryId: 'A', score: 12, computed: false });
  });

  it('creates a new assessment on the scale of its edition and computes what it can', async () => {
    const store = await tempStore();
    const a = await setQuestionScore(store, methodology, testActing(), {
      country: 'KG',
      edition: 2026,
      questionId: 'C8',
      score: 2,
      justification: 'DDoS on media',
      source,
    });
    expect(a.draft).toMatchObject({ scale: 'current', total: null, status: null });
    const legacy = await setQuestionScore(store, methodology, testActing(), {
      country: 'KG',
      edition: 2012,
      questionId: 'C8',
      score: 2,
      justification: 'x',
      source,
    });
    expect(legacy.draft.scale).toBe('legacy');
  });

  it('requires a justification, an http(s) source and a valid question or control', async () => {
    const store = await tempStore();
    const base = { country: 'KZ', edition: 2024, questionId: 'B1', score: 1, justification: 'x', source };
    await expect(
      setQuestionScore(store, methodology, testActing(), { ...base, justification: '  ' }),
    ).rejects.toThrow('a score needs a justification');
    await expect(
      setQuestionScore(store, methodology, testActing(), { ...base, source: { ...source, url: 'ftp://x' } }),
    ).rejects.toThrow(/not an http\(s\) URL/);
    await expect(
      setQuestionScore(store, methodology, testActing(), { ...base, questionId: 'B9' }),
    ).rejects.toThrow('unknown question B9');
    await expect(setQuestionScore(store, methodology, testActing(), { ...base, score: 7 })).rejects.toThrow(
      'question B1 must be an integer from 0 to 6, got 7',
    );
    await expect(
      setKeyControl(store, methodology, testActing(), {
        country: 'KZ',
        edition: 2024,
        controlId: 'KIC12',
        answer: 'yes',
        evidence: 'x',
        source,
      }),
    ).rejects.toThrow('unknown key internet control KIC12');
    expect(await store.assessments.count()).toBe(0);
    expect(await getRevision(store, 'KZ', 2024)).toBeNull();
  });

  it('answers key internet controls with evidence, replacing an earlier answer', async () => {
    const store = await tempStore();
    await importScores(store, methodology, BUNDLED_SCORES_PATH, testActing());
    const edit = {
      country: 'KZ',
      edition: 2024,
      controlId: 'KIC2',
      answer: 'no' as const,
      evidence: 'first',
      source,
    };
    await setKeyControl(store, methodology, testActing(), edit);
    await setKeyControl(store, methodology, testActing(), {
      ...edit,
      controlId: 'KIC1',
      answer: 'unknown',
      evidence: 'unclear',
    });
    const a = await setKeyControl(store, methodology, testActing(), {
      ...edit,
      answer: 'yes',
      evidence: 'News sites blocked by SNI',
    });
    expect(a.draft.keyControls.map((k) => [k.controlId, k.answer, k.evidence])).toEqual([
      ['KIC1', 'unknown', 'unclear'],
      ['KIC2', 'yes', 'News sites blocked by SNI'],
    ]);
  });
});
