/** The rules every fact obeys: refusals for a missing source, an unknown indicator, a date outside the coverage period. */
import { describe, expect, it } from 'vitest';
import { evidenceTestStore } from '../../test/helpers/evidence-store.js';
import type { CountryEvent, KeyDevelopment } from '../model/evidence.js';
import {
  narrativeId,
  recordEvent,
  recordKeyDevelopment,
  recordNarrative,
  recordRecommendation,
  recordSurvey,
} from './record-facts.js';

function event(over: Partial<CountryEvent>): CountryEvent {
  return {
    id: 'kz-test',
    country: 'KZ',
    start: '2022-01-05',
    end: null,
    type: 'shutdown',
    title: 'A shutdown',
    summary: 'What happened',
    indicators: ['A3'],
    indicatorAttribution: 'netfreedom',
    keyControls: ['KIC3'],
    sourceIds: [],
    ...over,
  };
}

describe('facts and their rules', () => {
  it('stores an event with a stored source, and answers unchanged the second time', async () => {
    const { store, methodology, sourceId } = await evidenceTestStore();
    expect(await recordEvent(store, methodology, event({ sourceIds: [sourceId] }))).toBe('added');
    expect(await recordEvent(store, methodology, event({ sourceIds: [sourceId] }))).toBe('unchanged');
  });

  it('refuses a fact without a source, or naming a source that is not stored', async () => {
    const { store, methodology } = await evidenceTestStore();
    await expect(recordEvent(store, methodology, event({ sourceIds: [] }))).rejects.toThrow(/has no source/);
    await expect(
      recordEvent(store, methodology, event({ sourceIds: ['src-0000000000000000'] })),
    ).rejects.toThrow(/names source src-0000000000000000, which is not stored/);
    await expect(
      recordSurvey(store, {
        id: 'kz-s',
        country: 'KZ',
        edition: 2024,
        method: null,
        population: null,
        fieldworkStart: null,
        fieldworkEnd: null,
        questions: [{ question: 'q', sampleSize: 10, answers: [{ answer: 'a', share: 0.5 }] }],
        sourceIds: [],
      }),
    ).rejects.toThrow(/has no source/);
    await expect(
      recordRecommendation(store, {
        id: 'kz-r',
        country: 'KZ',
        edition: 2024,
        addressees: ['government'],
        text: 't',
        sourceIds: [],
        statuses: [],
      }),
    ).rejects.toThrow(/has no source/);
    expect(await store.evidence.count('event')).toBe(0);
  });

  it('refuses an unknown indicator, key internet control, type or a malformed date', async () => {
    const { store, methodology, sourceId } = await evidenceTestStore();
    const ok = { sourceIds: [sourceId] };
    await expect(recordEvent(store, methodology, event({ ...ok, indicators: ['B9'] }))).rejects.toThrow(
      /unknown indicator B9/,
    );
    await expect(recordEvent(store, methodology, event({ ...ok, keyControls: ['KIC10'] }))).rejects.toThrow(
      /unknown key internet control KIC10/,
    );
    await expect(recordEvent(store, methodology, event({ ...ok, type: 'riot' as never }))).rejects.toThrow(
      /type "riot"/,
    );
    await expect(recordEvent(store, methodology, event({ ...ok, start: '2022-13' }))).rejects.toThrow(
      /not YYYY/,
    );
    await expect(
      recordEvent(store, methodology, event({ ...ok, start: '2022-02', end: '2022-01-31' })),
    ).rejects.toThrow(/ends \(2022-01-31\) before it starts/);
    await expect(
      recordNarrative(store, methodology, {
        id: narrativeId('KZ', 2024, 'D1'),
        country: 'KZ',
        edition: 2024,
        questionId: 'D1',
        text: 't',
        scoreChange: null,
        sourceIds: [sourceId],
      }),
    ).rejects.toThrow(/unknown indicator D1/);
  });

  it("refuses a key development dated outside its edition's coverage period, and takes one inside", async () => {
    const { store, methodology, sourceId } = await evidenceTestStore();
    const kd: KeyDevelopment = {
      id: 'kz-2024-kd',
      country: 'KZ',
      edition: 2024,
      position: 1,
      text: 'A law',
      indicators: ['B3'],
      start: '2023-09',
      end: null,
      sourceIds: [sourceId],
    };
    expect(await recordKeyDevelopment(store, methodology, kd)).toBe('added');
    await expect(recordKeyDevelopment(store, methodology, { ...kd, start: '2022-01-05' })).rejects.toThrow(
      /2022-01-05 is outside the coverage period 2023-06-01 – 2024-05-31/,
    );
    // A month reaching past the period's end is not inside it either.
    await expect(
      recordKeyDevelopment(store, methodology, { ...kd, start: '2024-05', end: '2024-06' }),
    ).rejects.toThrow(/outside the coverage period/);
    // An edition whose coverage period nobody knows cannot be checked: refused, not guessed.
    await expect(recordKeyDevelopment(store, methodology, { ...kd, edition: 2012 })).rejects.toThrow(
      /no coverage period is known for KZ 2012/,
    );
  });
});
