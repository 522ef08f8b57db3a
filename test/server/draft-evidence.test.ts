/**
 * Narratives and events written through the API wait in the draft revision of their assessment: the public API and
 * report do not show them until a reviewer publishes the revision; signed-in readers see them, marked; the revision
 * (the reviewer's diff) lists them; each is audited under its own entity, and publishing it is an entry too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSourceRegistry } from '../../src/assessment/source-registry.js';
import { verifyChain } from '../../src/store/audit-chain.js';
import { type AuthFixture, startAuthFixture } from './auth-fixture.js';

let f: AuthFixture;
beforeAll(async () => {
  f = await startAuthFixture();
}, 60_000);
afterAll(async () => f?.stop());

const SOURCE = 'https://example.org/kz-draft-report';
const NARRATIVE_TEXT = 'Telegram channels were throttled during the January unrest (draft wording).';
const event = {
  id: 'kz-2024-02-draft-block',
  type: 'block',
  start: '2024-02-03',
  title: 'Draft: a news site blocked',
  summary: 'A news site was blocked by SNI filtering.',
  source_urls: [SOURCE],
};
const NARRATIVES = '/api/v1/assessments/KZ/2024/narratives';
const EVENTS = '/api/v1/countries/KZ/events?origin=reported';
const json = async <T>(res: Response) => (await res.json()) as T;
type Items = { items: { id: string; text?: string; title?: string; review_state?: string }[] };
const ids = async (path: string, token?: string) =>
  (await json<Items>(await f.call('GET', path, token ? { token } : {}))).items.map((i) => [
    i.id,
    i.review_state ?? 'published',
  ]);

describe('narratives and events in the draft revision', () => {
  it('are hidden from the public until the revision is published, seen (marked) by signed-in readers', async () => {
    const n = await f.call('POST', `${NARRATIVES}/b1`, {
      token: f.tokens.ana,
      body: { text: NARRATIVE_TEXT, score_change: 'More throttling than last year.', source_urls: [SOURCE] },
    });
    expect(n.status).toBe(200);
    expect(await n.json()).toMatchObject({ kind: 'narrative', id: 'kz-2024-b1', result: 'added' });
    const e = await f.call('POST', '/api/v1/countries/KZ/events', { token: f.tokens.ana, body: event });
    // No edition named: the one whose coverage period (June 2023 – May 2024) holds the date.
    expect(await e.json()).toMatchObject({ result: 'added', draft: { edition: 2024, revision: 1 } });
    // The same again changes nothing and is not audited.
    const again = await f.call('POST', '/api/v1/countries/KZ/events', { token: f.tokens.ana, body: event });
    expect(await again.json()).toEqual({ kind: 'event', id: event.id, result: 'unchanged' });

    expect(await ids(NARRATIVES)).not.toContainEqual(['kz-2024-b1', 'published']);
    expect((await ids(EVENTS)).map(([id]) => id)).not.toContain(event.id);
    expect(await f.store.evidence.get('narrative', 'kz-2024-b1')).toBeNull();
    const report = await (await f.call('GET', '/api/v1/countries/KZ/report?edition=2024&format=html')).text();
    expect(report).not.toContain('January unrest');

    expect(await ids(NARRATIVES, f.tokens.vic)).toContainEqual(['kz-2024-b1', 'draft']);
    expect(await ids(EVENTS, f.tokens.vic)).toContainEqual([event.id, 'draft']);

    // The reviewer's view of the revision lists what it holds.
    const revision = await json<{
      evidence: { kind: string; id: string; text: string }[];
      history: { note: string; change: unknown }[];
    }>(await f.call('GET', '/api/v1/assessments/KZ/2024/revision', { token: f.tokens.rev }));
    expect(revision.evidence).toEqual([
      expect.objectContaining({
        kind: 'narrative',
        id: 'kz-2024-b1',
        question_id: 'B1',
        text: NARRATIVE_TEXT,
      }),
      expect.objectContaining({ kind: 'event', id: event.id, title: event.title, start: '2024-02-03' }),
    ]);
    // Each step says what changed as data too, for readers in other languages.
    expect(revision.history.map((h) => [h.note, h.change])).toEqual([
      ['narrative B1', { part: 'narrative', id: 'B1', from: null, to: null }],
      [`event ${event.id}`, { part: 'event', id: event.id, from: null, to: null }],
    ]);
  });

  it('refuses a write while the revision is in review, and publishes them with the revision', async () => {
    expect(
      (await f.call('POST', '/api/v1/assessments/KZ/2024/submit', { token: f.tokens.ana, body: {} })).status,
    ).toBe(200);
    const late = await f.call('POST', `${NARRATIVES}/b2`, {
      token: f.tokens.ana,
      body: { text: 'Too late.', source_urls: [SOURCE] },
    });
    expect(late.status).toBe(409);
    // The analyst who wrote them cannot publish them (an analyst may not review at all); a reviewer does.
    expect(
      (await f.call('POST', '/api/v1/assessments/KZ/2024/publish', { token: f.tokens.rev, body: {} })).status,
    ).toBe(200);

    expect(await ids(NARRATIVES)).toContainEqual(['kz-2024-b1', 'published']);
    expect(await ids(EVENTS)).toContainEqual([event.id, 'published']);
    expect(await ids(NARRATIVES)).not.toContainEqual(['kz-2024-b2', 'published']);
    const report = await (await f.call('GET', '/api/v1/countries/KZ/report?edition=2024&format=html')).text();
    expect(report).toContain('January unrest');

    const history = await f.store.audit.list({ entity: 'narrative:kz-2024-b1' });
    expect(history.map((h) => [h.action, h.actor.split(' ')[0]])).toEqual([
      ['review.publish', 'rev'],
      ['evidence.narrative', 'ana'],
    ]);
    expect(JSON.parse(history[1]!.afterJson)).toMatchObject({ revision: 1, text: NARRATIVE_TEXT });
    expect((await f.store.audit.list({ entity: `event:${event.id}` })).length).toBe(2);
    expect(await verifyChain((after, limit) => f.store.audit.page(after, limit))).toMatchObject({ ok: true });
  });

  it('opens the next revision for a change to a published narrative, the public keeping the published text', async () => {
    const changed = await f.call('POST', `${NARRATIVES}/b1`, {
      token: f.tokens.ben,
      body: { text: 'Rewritten after review.', score_change: null, source_urls: [SOURCE] },
    });
    expect(await changed.json()).toMatchObject({ result: 'updated', draft: { revision: 2 } });
    const publicText = async (token?: string) =>
      (await json<Items>(await f.call('GET', NARRATIVES, token ? { token } : {}))).items.find(
        (i) => i.id === 'kz-2024-b1',
      )?.text;
    expect(await publicText()).toBe(NARRATIVE_TEXT);
    expect(await publicText(f.tokens.vic)).toBe('Rewritten after review.');
  });

  it('asks for the edition of an event no coverage period holds', async () => {
    const res = await f.call('POST', '/api/v1/countries/KZ/events', {
      token: f.tokens.ana,
      body: { ...event, id: 'kz-1999-old', start: '1999-01-01' },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/name the edition/);
    const named = await f.call('POST', '/api/v1/countries/KZ/events', {
      token: f.tokens.ana,
      body: { ...event, id: 'kz-1999-old', start: '1999-01-01', edition: 2025 },
    });
    expect(await named.json()).toMatchObject({ result: 'added', draft: { edition: 2025 } });
  });
});

describe('one description per source URL', () => {
  it("gives a score's source the bundled list's description (the evidence's), not the analyst's unchecked one", async () => {
    const url = 'https://ooni.org/post/2024-kazakhstan-report/';
    const res = await f.call('POST', '/api/v1/assessments/KZ/2023/questions/B3', {
      token: f.tokens.ana,
      body: {
        score: 3,
        justification: 'blocking of news sites',
        source_url: url,
        source_title: 'my own title',
      },
    });
    expect(res.status).toBe(200);
    const revision = await json<{
      draft: {
        questions: { question_id: string; sources: { url: string; title: string; verification: string }[] }[];
      };
    }>(res);
    const given = revision.draft.questions.find((q) => q.question_id === 'B3')!.sources[0]!;
    // The bundled list, from which the evidence store's sources of the first start come.
    const listed = (await loadSourceRegistry()).get(url)!;
    expect(given).toMatchObject({ url, title: listed.title, verification: listed.verification });
    expect(given.title).toMatch(/^Kazakhstan: TLS MITM attacks/);
    expect(given.verification).toBe('primary');
  });
});
