/** The country-evidence read routes over the bundled Kazakhstan evidence: answers, filters, CSV, errors, no writes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceId } from '../../src/shared/source-id.js';
import { type ApiFixture, startApiFixture } from './api-fixture.js';

let fixture: ApiFixture;
beforeAll(async () => {
  fixture = await startApiFixture();
});
afterAll(async () => fixture?.stop());

async function get<T = { items: Record<string, unknown>[]; next_cursor: string | null }>(
  url: string,
): Promise<T> {
  const res = await fixture.app.request(url);
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
}

describe('country evidence routes', () => {
  it("answers Kazakhstan's timeline in date order, each event with a type, a date and its sources", async () => {
    const { items } = await get('/api/v1/countries/KZ/events?limit=1000');
    expect(items.length).toBeGreaterThanOrEqual(12);
    // In order of the first day each (partial) date can mean.
    const dates = items.map((i) =>
      String(i.start).padEnd(10, String(i.start).length === 4 ? '-01-01' : '-01'),
    );
    expect(dates).toEqual([...dates].sort());
    const shutdown = items.find((i) => i.id === 'kz-2022-01-shutdown')!;
    expect(shutdown).toMatchObject({
      origin: 'reported',
      type: 'shutdown',
      end: '2022-01-11',
      key_controls: ['KIC3'],
    });
    expect((shutdown.sources as { url: string }[]).map((s) => s.url)).toContain(
      'https://labs.ripe.net/author/emileaben/the-kazakhstan-outage-as-seen-from-ripe-atlas',
    );
    expect(shutdown.verification).toBe('primary');
    // The fixture's change event is on the same timeline, marked measured, with its measurements.
    const measured = items.find((i) => i.origin === 'measured')!;
    expect(measured).toMatchObject({
      type: 'block',
      sources: [],
      verification: null,
      measured: { measurement_uids: ['uid-a'] },
    });
  });

  it('filters the timeline by type, indicator and dates, and answers CSV', async () => {
    const shutdowns = await get('/api/v1/countries/KZ/events?type=shutdown');
    expect(shutdowns.items.map((i) => i.id)).toEqual(['kz-2022-01-shutdown']);
    const c8 = await get('/api/v1/countries/KZ/events?indicator=c8&since=2024-01-01');
    expect(c8.items.map((i) => i.id)).toEqual([
      'kz-2023-2024-attacks-on-online-media',
      'kz-2024-02-apt41-revealed',
    ]);
    expect((await fixture.app.request('/api/v1/countries/KZ/events?indicator=B9')).status).toBe(400);
    expect((await fixture.app.request('/api/v1/countries/KZ/events?type=riot')).status).toBe(400);
    const csv = await (
      await fixture.app.request('/api/v1/countries/KZ/events?type=shutdown&format=csv')
    ).text();
    const [header, row] = csv.split('\n');
    expect(header).toContain('origin,id,country,start,end,type');
    expect(row).toContain('https://gixtools.net/2022/01/internet-shut-down-in-kazakhstan-amid-unrest/;');
  });

  it("answers the 2024 key developments in order with Freedom House's indicator references", async () => {
    const { items } = await get('/api/v1/assessments/KZ/2024/key-developments');
    expect(items.map((i) => [i.position, i.indicators])).toEqual([
      [1, ['B3', 'B6', 'C2', 'C6']],
      [2, ['B6']],
      [3, ['C8']],
      [4, ['C8']],
    ]);
    expect(items.every((i) => i.verification === 'secondary')).toBe(true);
  });

  it("answers narratives with their links, and each link with the snapshot beside today's figures", async () => {
    const narratives = await get('/api/v1/assessments/KZ/2024/narratives');
    expect(narratives.items).toHaveLength(1);
    expect(narratives.items[0]).toMatchObject({ question_id: 'B1' });
    expect(narratives.items[0]!.evidence_link_ids).toHaveLength(3);
    const links = await get('/api/v1/assessments/KZ/2024/evidence');
    const kinds = links.items.map((l) => l.evidence_kind).sort();
    expect(kinds).toEqual(['event', 'measurement_query', 'source']);
    const q = links.items.find((l) => l.evidence_kind === 'measurement_query')!;
    expect(q.query).toMatchObject({ since: '2023-06-01', until: '2024-06-01', domain: ['meduza.io'] });
    expect(q.snapshot).toMatchObject({ measurement_count: expect.any(Number) });
    expect(q.current).toMatchObject({
      measurement_count: (q.snapshot as { measurement_count: number }).measurement_count,
    });
    const e = links.items.find((l) => l.evidence_kind === 'event')!;
    expect(e).toMatchObject({
      event: { id: 'kz-2023-06-tls-blocking-seen-by-ooni' },
      snapshot: null,
      current: null,
    });
  });

  it('answers suggestions: the shutdown for 2022, not for 2024', async () => {
    const s2022 = await get('/api/v1/assessments/KZ/2022/suggestions');
    const kic3 = s2022.items.find((s) => s.control_id === 'KIC3')!;
    expect(kic3).toMatchObject({ coverage_start: '2021-06-01', coverage_end: '2022-05-31', decision: null });
    expect((kic3.evidence as { event_id: string }[]).map((e) => e.event_id)).toContain('kz-2022-01-shutdown');
    const s2024 = await get('/api/v1/assessments/KZ/2024/suggestions');
    expect(s2024.items.map((s) => s.control_id)).not.toContain('KIC3');
    expect((await fixture.app.request('/api/v1/assessments/KZ/2012/suggestions')).status).toBe(400);
  });

  it('answers the survey without a margin, saying why, and the recommendations as unverified', async () => {
    const { items } = await get('/api/v1/countries/KZ/surveys?edition=2024');
    const q = (items[0]!.questions as { margin_note: string; answers: { margin_of_error: null }[] }[])[0]!;
    expect(q.margin_note).toMatch(/no sample size/);
    expect(q.answers.map((a) => a.margin_of_error)).toEqual([null, null, null]);
    expect(items[0]!.verification).toBe('unverified');
    const recs = await get('/api/v1/countries/KZ/recommendations');
    expect(recs.items).toHaveLength(7);
    expect(
      recs.items.every((r) => r.verification === 'unverified' && (r.statuses as unknown[]).length === 0),
    ).toBe(true);
  });

  it('answers sources one by one and as a list; an unknown one is 404, a malformed id 400', async () => {
    const id = sourceId('https://ooni.org/post/2024-kazakhstan-report/');
    expect(await get(`/api/v1/sources/${id}`)).toMatchObject({
      id,
      published: '2024-09-19',
      verification: 'primary',
    });
    expect((await fixture.app.request('/api/v1/sources/src-0000000000000000')).status).toBe(404);
    expect((await fixture.app.request('/api/v1/sources/abc')).status).toBe(400);
    const list = await get('/api/v1/sources?limit=1000');
    expect(list.items.length).toBeGreaterThan(70);
  });

  it('refuses an anonymous write of evidence (401; route-authorization.test.ts checks each with roles), and has no source route', async () => {
    const post = (path: string) =>
      fixture.app.request(path, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
    for (const path of ['/api/v1/countries/KZ/events', '/api/v1/assessments/KZ/2024/evidence'])
      expect((await post(path)).status, path).toBe(401);
    // Sources are written with the facts that cite them (`source_urls`), never alone.
    expect((await post('/api/v1/sources')).status).toBe(404);
  });
});
