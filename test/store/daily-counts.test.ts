/**
 * The DuckDB store's daily counts give the same aggregation answers as the measurements table, whatever wrote
 * to it: ingest, re-ingest of duplicates, re-analysis, a failed transaction, optimize, and migrations 4, 5, 8 and 9 over
 * a store that already holds measurements.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reanalyze } from '../../src/ingest/reanalyze.js';
import type { Outcome } from '../../src/model/verdict.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import type { AggregationAxis, AggregationQuery } from '../../src/store/measurement-store.js';
import { AXES as ALL_AXES, aggregateSql } from '../../src/store/sql/measurement-queries.js';
import { asNumber } from '../../src/store/sql/measurement-row.js';
import { DuckDbDialect } from '../../src/store/sql/sql-dialect.js';
import { corroboratedSitesSql, sitesFromRows } from '../../src/store/sql/trust-queries.js';
import { analysis, record, standardSet } from './measurement-fixtures.js';
import { randomSet } from './random-records.js';

/** Every ordered pair of two different axes (42). */
const PAIRS = ALL_AXES.flatMap((x) =>
  ALL_AXES.filter((y) => y !== x).map((y): [AggregationAxis, AggregationAxis] => [x, y]),
);

/**
 * Under every filter the daily counts serve: no axis, each axis alone, and a seventh of the axis pairs, chosen in
 * turn so that each pair is asked under two different filters. All pairs under all filters asked the same thing
 * 350 times over, and took most of a minute and a half; this asks 140, and each filter still meets every axis
 * alone, as the first of a pair and as the second.
 */
function queries(): AggregationQuery[] {
  const filters: AggregationQuery[] = [
    {},
    { probeCc: ['KZ'] },
    { probeCc: ['KZ', 'RU'], probeAsn: ['AS9198'], since: '2024-03-02', until: '2024-03-04' },
    { domain: ['meduza.io'], categoryCode: ['NEWS'], testName: ['web_connectivity'] },
    { technique: ['tls_sni', 'dns'] },
    { includeSimulated: true },
    { probeCc: ['KZ'], includeUnverified: true, includeSimulated: true },
  ];
  const turn = (p: number, f: number) =>
    p % filters.length === f || p % filters.length === (f + 3) % filters.length;
  return filters.flatMap((f, fi) => [
    f,
    ...ALL_AXES.map((x) => ({ ...f, axisX: x })),
    ...PAIRS.filter((_, p) => turn(p, fi)).map(([x, y]) => ({ ...f, axisX: x, axisY: y })),
  ]);
}

/** The answer read from the measurements themselves, normalised like the store's. */
async function fromMeasurements(store: DuckDbStore, q: AggregationQuery): Promise<unknown[]> {
  const s = new DuckDbDialect();
  const sites = sitesFromRows(
    await store.db.all(corroboratedSitesSql(s, 'measurements', q), s.params as never),
  );
  const d = new DuckDbDialect();
  const rows = await store.db.all(aggregateSql(d, 'measurements', q, sites), d.params as never);
  return rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r))
      out[k] = k.endsWith('_count') ? asNumber(v) : v === null ? null : String(v);
    return out;
  });
}

async function expectSameAnswers(store: DuckDbStore): Promise<void> {
  for (const q of queries()) {
    const stored = (await store.measurements.aggregate(q)).map((r) => ({ ...r }));
    expect(stored, JSON.stringify(q)).toEqual(await fromMeasurements(store, q));
  }
}

describe('DuckDB daily counts', () => {
  let store: DuckDbStore;
  beforeEach(async () => {
    store = await DuckDbStore.open(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('answer like the measurements after ingest and re-ingest of the same records', async () => {
    const data = [...standardSet(), ...randomSet(300, 7)];
    await store.measurements.put(data.slice(0, 200));
    await expectSameAnswers(store);
    // Duplicates, across batches and within one, add nothing here either.
    expect((await store.measurements.put([...data, data[5]!])).duplicates).toBe(201);
    await expectSameAnswers(store);
  });

  it('follow re-analysis, also when a cell empties, a uid repeats or does not exist', async () => {
    const data = randomSet(400, 11);
    await store.measurements.put(data);
    // Every tls_sni measurement becomes dns: the tls_sni cells sum to zero and must not appear.
    const moved = data.filter((r) => r.analysis.technique === 'tls_sni');
    await store.measurements.updateAnalyses([
      ...moved.map((r) => ({ uid: r.uid, analysis: analysis('anomaly', 'dns', 2) })),
      { uid: moved[0]!.uid, analysis: analysis('confirmed', 'dns', 2) },
      { uid: 'no-such-uid', analysis: analysis('ok', null, 2) },
    ]);
    const techniques = await store.measurements.aggregate({ axisX: 'technique', includeSimulated: true });
    expect(techniques.some((r) => r.technique === 'tls_sni')).toBe(false);
    await expectSameAnswers(store);
  });

  it('take a page larger than one UPDATE statement, each row its own analysis, a repeated uid its last', async () => {
    const data = randomSet(1_200, 13);
    await store.measurements.put(data);
    const outcomes: Outcome[] = ['ok', 'anomaly', 'confirmed', 'failure'];
    const given = data.map((r, i) => ({
      uid: r.uid,
      analysis: { ...analysis(outcomes[i % 4]!, i % 3 ? 'dns' : 'tcp_ip', 3), tlsConfirmed: i % 7 === 0 },
    }));
    const last = { uid: data[0]!.uid, analysis: analysis('confirmed', 'tls_sni', 3) };
    await store.measurements.updateAnalyses([...given, last]);
    const expected = new Map([...given, last].map((u) => [u.uid, u.analysis]));
    const rows = await store.db.all<Record<string, unknown>>(
      `SELECT uid, rules_version, blocking, accessible, technique, outcome, confirmed, tls_confirmed, analysis
       FROM measurements`,
    );
    expect(rows.length).toBe(1_200);
    for (const row of rows) {
      const a = expected.get(String(row.uid))!;
      expect(row, String(row.uid)).toEqual({
        uid: row.uid,
        rules_version: 3,
        blocking: a.blocking === false ? 'false' : a.blocking,
        accessible: a.accessible,
        technique: a.technique === false ? 'false' : a.technique,
        outcome: a.outcome,
        confirmed: a.confirmed,
        tls_confirmed: a.tlsConfirmed,
        analysis: JSON.stringify(a),
      });
    }
    await expectSameAnswers(store);
  });

  it('follow the reanalyze pipeline page by page', async () => {
    await store.measurements.put(randomSet(500, 3));
    const outcomes: Outcome[] = ['ok', 'anomaly', 'confirmed', 'failure'];
    let k = 0;
    const summary = await reanalyze(
      store.measurements,
      () => ({
        ...analysis(outcomes[k++ % 4]!, k % 3 === 0 ? 'tcp_ip' : 'dns', 2),
        tlsConfirmed: k % 5 === 0,
      }),
      2,
      { pageSize: 64 },
    );
    expect(summary.updated).toBe(500);
    await expectSameAnswers(store);
  });

  it('roll back with a failed transaction and survive optimize', async () => {
    await store.measurements.put(randomSet(200, 5));
    await expect(
      store.transaction(async () => {
        await store.measurements.put(randomSet(50, 6));
        await store.measurements.updateAnalyses([{ uid: 'uid-000001', analysis: analysis('failure') }]);
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    await expectSameAnswers(store);
    await store.measurements.optimize();
    await expectSameAnswers(store);
    const rows = await store.db.all<{ n: number; cells: number }>(
      `SELECT CAST(count(*) AS INTEGER) AS n, CAST(count(DISTINCT (start_day, probe_cc, probe_asn, domain,
         category_code, test_name, technique, simulated, origin, reporter)) AS INTEGER) AS cells FROM measurement_daily`,
    );
    expect(rows[0]!.n).toBe(rows[0]!.cells); // optimize folds the appended counts into one row per cell
  });
});

/** Back to the schema of migration 8: daily counts without the reporter (a file made before migration 9). */
async function undoMigration9(store: DuckDbStore): Promise<void> {
  await store.db.run('ALTER TABLE measurement_daily DROP COLUMN reporter');
  await store.db.run('DELETE FROM schema_migrations WHERE version = 9');
}

/** Back to the schema of migration 7: no documents, no audit log, no origin (a file made before migration 8). */
async function undoMigration8(store: DuckDbStore): Promise<void> {
  await undoMigration9(store);
  for (const statement of [
    'DROP TABLE documents',
    'DROP TABLE audit_log',
    'ALTER TABLE measurements DROP COLUMN reporter',
    'ALTER TABLE measurements DROP COLUMN origin',
    'ALTER TABLE measurement_daily DROP COLUMN origin',
    'DELETE FROM schema_migrations WHERE version = 8',
  ])
    await store.db.run(statement);
}

describe('DuckDB migration 9', () => {
  it('keys the daily counts by reporter, so that the corroboration read from them stays the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nf-daily-'));
    try {
      const path = join(dir, 'm.duckdb');
      const before = await DuckDbStore.open(path);
      await before.measurements.put([...standardSet(), ...randomSet(400, 23)]);
      await undoMigration9(before);
      await before.close();
      const after = await DuckDbStore.open(path);
      try {
        const reporters = await after.db.all<{ n: number }>(
          'SELECT CAST(count(DISTINCT reporter) AS INTEGER) AS n FROM measurement_daily',
        );
        expect(reporters[0]!.n).toBe(3);
        // Some sites are corroborated, so that answers depend on reading the corroboration right.
        const d = new DuckDbDialect();
        const sites = await after.db.all(corroboratedSitesSql(d, 'measurements', {}), d.params as never);
        expect(sites.length).toBeGreaterThan(0);
        await expectSameAnswers(after);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('DuckDB migration 8', () => {
  it('marks rows stored under a content-hash id unknown and the others imports, and keeps the daily counts right', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nf-daily-'));
    try {
      const path = join(dir, 'm.duckdb');
      const before = await DuckDbStore.open(path);
      const hashed = randomSet(40, 21).map((r, i) => ({ ...r, uid: `h-${String(i).padStart(8, '0')}` }));
      await before.measurements.put([...standardSet(), ...randomSet(100, 17), ...hashed]);
      await undoMigration8(before);
      await before.close();
      const after = await DuckDbStore.open(path);
      try {
        const origins = await after.db.all<{ origin: string; hashed: boolean; n: number }>(
          `SELECT origin, uid LIKE 'h-%' AS hashed, CAST(count(*) AS INTEGER) AS n FROM measurements
           GROUP BY ALL ORDER BY origin`,
        );
        expect(origins).toEqual([
          { origin: 'import', hashed: false, n: 109 },
          { origin: 'unknown', hashed: true, n: 40 },
        ]);
        expect((await after.measurements.get('h-00000001'))?.origin).toBe('unknown');
        await expectSameAnswers(after);
        await after.documents.put('user', 'a', { name: 'a' });
        expect(await after.documents.get('user', 'a')).toEqual({ name: 'a' });
        expect((await after.audit.page(0, 10)).length).toBe(0);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('DuckDB migration 4', () => {
  it('fills the daily counts from the measurements already stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nf-daily-'));
    try {
      const path = join(dir, 'm.duckdb');
      const before = await DuckDbStore.open(path);
      await before.measurements.put([...standardSet(), ...randomSet(300, 9)]);
      // Back to the schema before migration 4: measurements (without migration 5's column) and no daily counts.
      await undoMigration8(before);
      await before.db.run('DROP TABLE measurement_daily');
      await before.db.run('ALTER TABLE measurements DROP COLUMN tls_confirmed');
      // and none of the later migrations' tables either.
      await before.db.run('DROP TABLE sync_objects');
      await before.db.run('DROP TABLE sync_countries');
      await before.db.run('DROP TABLE evidence_records');
      await before.db.run('DELETE FROM schema_migrations WHERE version >= 4');
      await before.close();
      const after = await DuckDbStore.open(path);
      try {
        await expectSameAnswers(after);
        expect((await after.measurements.aggregate({ includeSimulated: true }))[0]!.measurement_count).toBe(
          309,
        );
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('DuckDB migration 5', () => {
  it("adds netfreedom's TLS confirmation beside OONI's, false until re-analysis, and the daily count of it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nf-daily-'));
    try {
      const path = join(dir, 'm.duckdb');
      const before = await DuckDbStore.open(path);
      await before.measurements.put([...standardSet(), ...randomSet(300, 13)]);
      // Back to the schema of migration 4: no tls_confirmed column, daily counts without its count.
      await undoMigration8(before);
      await before.db.run('ALTER TABLE measurements DROP COLUMN tls_confirmed');
      await before.db.run('ALTER TABLE measurement_daily DROP COLUMN tls_confirmed_count');
      await before.db.run('DELETE FROM schema_migrations WHERE version = 5');
      await before.close();
      const after = await DuckDbStore.open(path);
      try {
        await expectSameAnswers(after);
        const [all] = await after.measurements.aggregate({ includeSimulated: true });
        expect([all!.measurement_count, all!.tls_confirmed_count]).toEqual([309, 0]);
        // New rows carry it from their analysis.
        const fresh = record({ probeCc: 'KZ' });
        await after.measurements.put([{ ...fresh, analysis: { ...fresh.analysis, tlsConfirmed: true } }]);
        expect((await after.measurements.aggregate({ includeSimulated: true }))[0]!.tls_confirmed_count).toBe(
          1,
        );
        await expectSameAnswers(after);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
