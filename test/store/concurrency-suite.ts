/**
 * Many writers and readers on one store at once, for every engine: every acknowledged record is there exactly once
 * with its own raw record, readable as soon as it is acknowledged; counts, daily counts, search and aggregation
 * agree afterwards; no read fails. Writers also re-post each other's records, as retrying probes do.
 */
import { describe, expect, it } from 'vitest';
import type { MeasurementRecord, PipelineMeasurementStore } from '../../src/store/measurement-store.js';
import { record } from './measurement-fixtures.js';
import { storedRecords } from './stored-records.js';

export interface ConcurrencyHandle {
  store: PipelineMeasurementStore;
  close(): Promise<void>;
}

export interface ConcurrencySize {
  writers: number;
  perWriter: number;
  readers: number;
  /** A writer reads back every n-th batch it had acknowledged, at once (1: every one). */
  readBackEvery: number;
}

const DAYS = ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04'];
const OUTCOMES = ['ok', 'ok', 'anomaly', 'confirmed', 'failure'] as const;

/** Writer w's records: each with a raw record naming its writer and place, on one of a few days and countries. */
function writerRecords(w: number, n: number): MeasurementRecord[] {
  return Array.from({ length: n }, (_, i) =>
    record({
      uid: `c-${w}-${i}`,
      domain: `site${(w * 7 + i) % 23}.example`,
      probeCc: ['KZ', 'UZ', 'KG'][(w + i) % 3]!,
      startTime: `${DAYS[(w + i) % DAYS.length]}T${String(i % 24).padStart(2, '0')}:00:00Z`,
      outcome: OUTCOMES[(w * 3 + i) % OUTCOMES.length],
      raw: { writer: w, index: i, body: `record ${w}/${i} `.repeat(1 + (i % 7)) },
    }),
  );
}

/** Registers the suite; `open` gives an empty store. */
export function concurrencySuite(
  name: string,
  open: () => Promise<ConcurrencyHandle>,
  size: ConcurrencySize,
): void {
  describe(`concurrent writers and readers: ${name}`, () => {
    it(`keeps every acknowledged record of ${size.writers} writers × ${size.perWriter}, with ${size.readers} readers`, async () => {
      const h = await open();
      try {
        await runRound(h.store, size);
      } finally {
        await h.close();
      }
    }, 600_000);
  });
}

async function runRound(s: PipelineMeasurementStore, size: ConcurrencySize): Promise<void> {
  const all = Array.from({ length: size.writers }, (_, w) => writerRecords(w, size.perWriter));
  const byUid = new Map(all.flat().map((r) => [r.uid, r]));
  const addedTimes = new Map<string, number>();
  const acknowledged = new Set<string>();
  const failures: string[] = [];
  let writing = true;

  const note = (uid: string, added: boolean) => {
    acknowledged.add(uid);
    if (added) addedTimes.set(uid, (addedTimes.get(uid) ?? 0) + 1);
  };

  const writer = async (w: number) => {
    const mine = all[w]!;
    for (let i = 0; i < mine.length; ) {
      // Own records one by one or a few at a time; now and then someone else's again.
      const take = 1 + ((w + i) % 3);
      const batch = mine.slice(i, i + take);
      i += take;
      const result = await s.put(batch);
      if (batch.length === 1) note(batch[0]!.uid, result.added === 1);
      else {
        for (const r of batch) acknowledged.add(r.uid);
        addedTimes.set(`batch-${w}-${i}`, result.added); // summed below
      }
      expect(result.added + result.duplicates).toBe(batch.length);
      // Acknowledged means readable, as sent, by anyone, at once.
      if (i % size.readBackEvery === 0) {
        const back = await s.get(batch[0]!.uid);
        if (JSON.stringify(back?.raw) !== JSON.stringify(batch[0]!.raw))
          failures.push(`read after ack of ${batch[0]!.uid}: ${JSON.stringify(back?.raw)?.slice(0, 80)}`);
      }
      if (i % 5 === 0) {
        const other = all[(w * 13 + i) % size.writers]![(i * 7) % size.perWriter]!;
        const again = await s.put([other]);
        note(other.uid, again.added === 1);
      }
    }
  };

  const reader = async (k: number) => {
    let reads = 0;
    while (writing) {
      try {
        const kind = (k + reads) % 4;
        if (kind === 0) await s.aggregate({ axisX: 'measurement_start_day', probeCc: ['KZ'] });
        else if (kind === 1) await s.search({ limit: 50, probeCc: ['UZ'] });
        else if (kind === 2) await s.blockedSites('KG');
        else {
          const uids = [...acknowledged];
          const uid = uids[(reads * 31 + k) % Math.max(1, uids.length)];
          if (uid) {
            const got = await s.get(uid);
            if (JSON.stringify(got?.raw) !== JSON.stringify(byUid.get(uid)!.raw))
              failures.push(`reader got another raw record for ${uid}`);
          }
        }
      } catch (err) {
        failures.push(`read failed: ${(err as Error).message.slice(0, 200)}`);
      }
      reads++;
    }
  };

  const readers = Array.from({ length: size.readers }, (_, k) => reader(k));
  await Promise.all(Array.from({ length: size.writers }, (_, w) => writer(w)));
  writing = false;
  await Promise.all(readers);

  expect(failures).toEqual([]);
  const total = byUid.size;
  // Every record was acknowledged (own records all were put), and was added exactly once in all.
  expect(acknowledged.size).toBe(total);
  const addedSum = [...addedTimes.values()].reduce((a, b) => a + b, 0);
  expect(addedSum).toBe(total);
  expect([...addedTimes.entries()].filter(([k, n]) => !k.startsWith('batch-') && n > 1)).toEqual([]);

  expect(await s.count({ includeSimulated: true })).toBe(total);
  // Every stored record, each once, with its own raw record (read in pages by uid, as re-analysis reads them).
  const stored = new Map<string, unknown>();
  for await (const r of storedRecords(s)) {
    expect(stored.has(r.uid), `${r.uid} stored twice`).toBe(false);
    stored.set(r.uid, r.raw);
  }
  expect(stored.size).toBe(total);
  const mismatched = [...byUid.values()].filter(
    (r) => JSON.stringify(stored.get(r.uid)) !== JSON.stringify(r.raw),
  );
  expect(mismatched.map((r) => r.uid)).toEqual([]);
  // Aggregation (from the daily counts where the engine keeps them) and search agree with the rows.
  const cells = await s.aggregate({ axisX: 'probe_cc', axisY: 'measurement_start_day' });
  expect(cells.reduce((n, c) => n + c.measurement_count, 0)).toBe(total);
  for (const outcome of ['ok', 'anomaly', 'confirmed', 'failure'] as const) {
    const expected = [...byUid.values()].filter((r) => r.analysis.outcome === outcome).length;
    expect(
      cells.reduce((n, c) => n + c[`${outcome}_count`], 0),
      outcome,
    ).toBe(expected);
  }
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await s.search({ limit: 1000, ...(cursor ? { cursor } : {}) });
    for (const item of page.items) {
      expect(seen.has(item.uid), `${item.uid} listed twice`).toBe(false);
      seen.add(item.uid);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  expect(seen.size).toBe(total);
}
