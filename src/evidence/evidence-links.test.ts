/** Evidence links: the snapshot when linked beside today's figures, the coverage period, idempotent re-linking. */
import { describe, expect, it } from 'vitest';
import { evidenceTestStore } from '../../test/helpers/evidence-store.js';
import { record } from '../../test/store/measurement-fixtures.js';
import { linkEvidence } from './evidence-links.js';
import { resolvedLinks } from './evidence-views.js';
import { recordEvent } from './record-facts.js';
import { countryTimeline } from './timeline.js';

const at = (iso: string) => () => new Date(iso);

describe('evidence links', () => {
  it("keeps the figures of a query as they were when linked, beside today's", async () => {
    const { store, methodology } = await evidenceTestStore();
    const blocked = (day: string) =>
      record({
        domain: 'meduza.io',
        startTime: `${day}T10:00:00Z`,
        outcome: 'anomaly',
        technique: 'tls_sni',
      });
    await store.measurements.put([
      blocked('2023-07-01'),
      record({ domain: 'meduza.io', startTime: '2023-07-02T10:00:00Z' }),
    ]);
    const input = {
      country: 'KZ',
      edition: 2024,
      target: { kind: 'question' as const, id: 'B1' },
      request: { kind: 'measurement_query' as const, filters: { domain: ['meduza.io'] } },
      now: at('2024-01-01T00:00:00Z'),
    };
    const { link, result } = await linkEvidence(store, methodology, input);
    expect(result).toBe('added');
    expect(link.evidence).toMatchObject({
      query: { query: 'probe_cc=KZ&domain=meduza.io&since=2023-06-01&until=2024-06-01' },
      snapshot: {
        computedAt: '2024-01-01T00:00:00.000Z',
        measurementCount: 2,
        anomalyCount: 1,
        blockedSiteCount: 1,
      },
    });
    await store.measurements.put([blocked('2023-08-01'), blocked('2023-09-01'), blocked('2025-01-01')]);
    // Linking the same query again changes nothing: the first snapshot stays.
    expect(
      (await linkEvidence(store, methodology, { ...input, now: at('2024-02-01T00:00:00Z') })).result,
    ).toBe('unchanged');
    const [resolved] = await resolvedLinks(store, 'KZ', 2024, at('2024-03-01T00:00:00Z'));
    expect(resolved?.link.evidence).toMatchObject({ snapshot: { measurementCount: 2, anomalyCount: 1 } });
    // Today's figures count the measurements added since, inside the window only (2025 is outside it).
    expect(resolved?.current).toMatchObject({
      computedAt: '2024-03-01T00:00:00.000Z',
      measurementCount: 4,
      anomalyCount: 3,
    });
  });

  it("refuses an event outside the edition's coverage period, a query window outside it, and unknown targets", async () => {
    const { store, methodology, sourceId } = await evidenceTestStore();
    await recordEvent(store, methodology, {
      id: 'kz-2019',
      country: 'KZ',
      start: '2019-07-17',
      end: null,
      type: 'interception',
      title: 't',
      summary: 's',
      indicators: [],
      indicatorAttribution: 'netfreedom',
      keyControls: [],
      sourceIds: [sourceId],
    });
    const base = { country: 'KZ', edition: 2024, target: { kind: 'key_control' as const, id: 'KIC2' } };
    await expect(
      linkEvidence(store, methodology, { ...base, request: { kind: 'event', eventId: 'kz-2019' } }),
    ).rejects.toThrow(/kz-2019 \(2019-07-17\) is outside KZ 2024's coverage period 2023-06-01 – 2024-05-31/);
    await expect(
      linkEvidence(store, methodology, {
        ...base,
        request: { kind: 'measurement_query', filters: { since: '2022-01-01', until: '2022-02-01' } },
      }),
    ).rejects.toThrow(/outside the coverage period/);
    await expect(
      linkEvidence(store, methodology, { ...base, request: { kind: 'event', eventId: 'nope' } }),
    ).rejects.toThrow(/no event nope for KZ/);
    await expect(
      linkEvidence(store, methodology, {
        ...base,
        request: { kind: 'source', sourceId: 'src-0000000000000000' },
      }),
    ).rejects.toThrow(/no source/);
    expect(await store.evidence.count('evidence_link')).toBe(0);
    const ok = await linkEvidence(store, methodology, { ...base, request: { kind: 'source', sourceId } });
    expect(ok.link.target).toEqual({ kind: 'key_control', id: 'KIC2' });
  });
});

describe('timeline', () => {
  it('puts measured changes beside reported events, marked by origin, and filters by type, indicator and dates', async () => {
    const { store, methodology, sourceId } = await evidenceTestStore();
    await recordEvent(store, methodology, {
      id: 'kz-law',
      country: 'KZ',
      start: '2023-09',
      end: null,
      type: 'law',
      title: 'law',
      summary: 's',
      indicators: ['B3'],
      indicatorAttribution: 'source',
      keyControls: [],
      sourceIds: [sourceId],
    });
    await store.measurements.putChanges('KZ', [
      {
        id: 'c1',
        probeCc: 'KZ',
        probeAsn: 'AS9198',
        domain: 'meduza.io',
        kind: 'blocking_started',
        at: '2023-08-02T00:00:00Z',
        score: 9,
        method: 'cusum',
        measurementUids: ['u1', 'u2'],
      },
    ]);
    const all = await countryTimeline(store, 'KZ');
    expect(all.map((i) => [i.id, i.origin, i.type])).toEqual([
      ['measured-c1', 'measured', 'block'],
      ['kz-law', 'reported', 'law'],
    ]);
    expect(all[0]?.measured).toMatchObject({
      measurementUids: ['u1', 'u2'],
      query: 'probe_cc=KZ&probe_asn=AS9198&domain=meduza.io',
    });
    expect(all[0]?.sourceIds).toEqual([]);
    expect((await countryTimeline(store, 'KZ', { indicators: ['B3'] })).map((i) => i.id)).toEqual(['kz-law']);
    expect((await countryTimeline(store, 'KZ', { types: ['block'] })).map((i) => i.id)).toEqual([
      'measured-c1',
    ]);
    expect((await countryTimeline(store, 'KZ', { since: '2023-09-30' })).map((i) => i.id)).toEqual([
      'kz-law',
    ]);
    expect((await countryTimeline(store, 'KZ', { until: '2023-09-01' })).map((i) => i.id)).toEqual([
      'measured-c1',
    ]);
    expect((await countryTimeline(store, 'KZ', { origin: 'reported' })).map((i) => i.id)).toEqual(['kz-law']);
  });
});
