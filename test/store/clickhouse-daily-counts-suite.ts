/**
 * The suite for ClickHouse's daily counts (materialized views into a SummingMergeTree, clickhouse-daily-counts.ts),
 * for every ClickHouse engine: aggregation answers and blocked sites equal to those read from the measurements with
 * FINAL, whatever wrote: ingest, the same records put again (also by another store on the same database),
 * re-analysis (a cell emptied, a uid repeated), the reanalyze pipeline, optimize.
 */
import { createClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reanalyze } from '../../src/ingest/reanalyze.js';
import type { Outcome } from '../../src/model/verdict.js';
import { query } from '../../src/store/clickhouse/clickhouse-query.js';
import type { ClickHouseStore } from '../../src/store/clickhouse/clickhouse-store.js';
import type {
  AggregationAxis,
  AggregationQuery,
  MeasurementFilter,
} from '../../src/store/measurement-store.js';
import {
  AXES,
  aggregateSql,
  blockedDetailSql,
  blockedSitesSql,
} from '../../src/store/sql/measurement-queries.js';
import { asNumber } from '../../src/store/sql/measurement-row.js';
import { ClickHouseDialect } from '../../src/store/sql/sql-dialect.js';
import { corroboratedSitesSql, sitesFromRows } from '../../src/store/sql/trust-queries.js';
import { analysis, standardSet } from './measurement-fixtures.js';
import { randomSet } from './random-records.js';

const PAIRS: [AggregationAxis?, AggregationAxis?][] = [
  [],
  ...AXES.map((a): [AggregationAxis] => [a]),
  ['measurement_start_day', 'technique'],
  ['probe_cc', 'domain'],
];

/** Each axis and two pairs, under filters the daily counts serve (unverified and simulated ones included). */
function queries(): AggregationQuery[] {
  const filters: AggregationQuery[] = [
    {},
    { probeCc: ['KZ'] },
    { probeCc: ['KZ', 'RU'], probeAsn: ['AS9198'], since: '2024-03-02', until: '2024-03-04' },
    { domain: ['meduza.io'], categoryCode: ['NEWS'] },
    { technique: ['tls_sni', 'dns'], includeSimulated: true },
    { probeCc: ['KZ'], includeUnverified: true, includeSimulated: true },
  ];
  return filters.flatMap((f) =>
    PAIRS.map(([x, y]) => ({ ...f, ...(x ? { axisX: x } : {}), ...(y ? { axisY: y } : {}) })),
  );
}

export interface Engine {
  open(): Promise<ClickHouseStore>;
  /** Any server's URL with the store's database, to read the measurements as the reference. */
  url: string;
  database: string;
  stop(): Promise<void>;
}

/** The answer read from the measurements themselves (FINAL), normalised like the store's. */
async function fromMeasurements(engine: Engine, q: AggregationQuery): Promise<unknown[]> {
  const client = createClient({ url: engine.url });
  const run = (sql: string) => query(client, sql);
  const table = `${engine.database}.measurements`;
  const sites = sitesFromRows(await run(corroboratedSitesSql(new ClickHouseDialect(), table, q)));
  const rows = await run(aggregateSql(new ClickHouseDialect(), table, q, sites));
  await client.close();
  return rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r))
      out[k] = k.endsWith('_count') ? asNumber(v) : v === null ? null : String(v);
    return out;
  });
}

/** A country's blocked sites read from the measurements (FINAL), in the store's answer's terms. */
async function blockedFromMeasurements(engine: Engine, cc: string, f: MeasurementFilter): Promise<unknown[]> {
  const client = createClient({ url: engine.url });
  const table = `${engine.database}.measurements`;
  const d = () => new ClickHouseDialect();
  const sites = sitesFromRows(await query(client, corroboratedSitesSql(d(), table, { ...f, probeCc: [cc] })));
  const rows = await query(client, blockedSitesSql(d(), table, cc, f, sites));
  const details = await query(client, blockedDetailSql(d(), table, cc, f));
  await client.close();
  const of = (domain: unknown, key: string) =>
    [
      ...new Set(details.filter((r) => r.domain === domain && r[key] !== null).map((r) => String(r[key]))),
    ].sort();
  return rows.map((r) => ({
    domain: r.domain,
    categoryCode: r.first_category,
    techniques: of(r.domain, 'technique').filter((t) => t !== 'false'),
    networks: of(r.domain, 'probe_asn'),
    counts: [
      r.measurement_count,
      r.blocked_count,
      r.anomaly_count,
      r.confirmed_count,
      r.tls_confirmed_count,
    ].map(asNumber),
    seen: [r.first_seen, r.last_seen],
  }));
}

export async function expectSameAnswers(store: ClickHouseStore, engine: Engine): Promise<void> {
  for (const q of queries()) {
    const stored = (await store.measurements.aggregate(q)).map((r) => ({ ...r }));
    expect(stored, JSON.stringify(q)).toEqual(await fromMeasurements(engine, q));
  }
  const filters: MeasurementFilter[] = [
    {},
    { includeSimulated: true, includeUnverified: true },
    { since: '2024-03-03' },
  ];
  for (const cc of ['KZ', 'RU', 'IR']) {
    for (const f of filters) {
      const sites = (await store.measurements.blockedSites(cc, f)).map((b) => ({
        domain: b.domain,
        categoryCode: b.categoryCode,
        techniques: b.techniques,
        networks: b.networks,
        counts: [b.measurementCount, b.blockedCount, b.anomalyCount, b.confirmedCount, b.tlsConfirmedCount],
        seen: [b.firstSeen, b.lastSeen].map((t) => t.replace('T', ' ').replace('Z', '')),
      }));
      expect(sites.length, cc).toBeGreaterThan(0);
      expect(sites, `${cc} ${JSON.stringify(f)}`).toEqual(await blockedFromMeasurements(engine, cc, f));
    }
  }
}

export function dailyCountsSuite(name: string, start: (database: string) => Promise<Engine>): void {
  describe(`ClickHouse daily counts: ${name}`, () => {
    let engine: Engine;
    let store: ClickHouseStore;
    beforeAll(async () => {
      engine = await start('nf_daily');
      store = await engine.open();
    }, 120_000);
    afterAll(async () => {
      await store?.close();
      await engine?.stop();
    }, 60_000);

    it('answer like the measurements after ingest, and the same records again change nothing', async () => {
      const data = [...standardSet(), ...randomSet(300, 7)];
      await store.measurements.put(data.slice(0, 200));
      await expectSameAnswers(store, engine);
      const before = await store.measurements.aggregate({ axisX: 'probe_cc', includeSimulated: true });
      expect((await store.measurements.put([...data, data[5]!])).duplicates).toBe(201);
      // Re-imported by another process's store on the same database: its duplicate check reads the same rows.
      const other = await engine.open();
      try {
        expect(await other.measurements.put(data)).toEqual({ added: 0, duplicates: data.length });
      } finally {
        await other.close();
      }
      const after = await store.measurements.aggregate({ axisX: 'probe_cc', includeSimulated: true });
      const added = data.length - 200;
      expect(after.reduce((n, r) => n + r.measurement_count, 0)).toBe(
        before.reduce((n, r) => n + r.measurement_count, 0) + added,
      );
      await expectSameAnswers(store, engine);
    }, 120_000);

    it('follow re-analysis, also when a cell empties, a uid repeats or does not exist', async () => {
      const data = randomSet(400, 11);
      await store.measurements.put(data);
      // Every tls_sni measurement of this set becomes dns: their counts leave the tls_sni cells.
      const tlsSni = async () =>
        (await store.measurements.aggregate({ technique: ['tls_sni'], includeSimulated: true }))[0]!
          .measurement_count;
      const before = await tlsSni();
      const moved = data.filter((r) => r.analysis.technique === 'tls_sni');
      expect(moved.length).toBeGreaterThan(20);
      await store.measurements.updateAnalyses([
        ...moved.map((r) => ({ uid: r.uid, analysis: analysis('anomaly', 'dns', 2) })),
        { uid: moved[0]!.uid, analysis: analysis('confirmed', 'dns', 2) },
        { uid: 'no-such-uid', analysis: analysis('ok', null, 2) },
      ]);
      expect(await tlsSni()).toBe(before - moved.length);
      await expectSameAnswers(store, engine);
    }, 120_000);

    it('follow the reanalyze pipeline page by page, and optimize', async () => {
      const outcomes: Outcome[] = ['ok', 'anomaly', 'confirmed', 'failure'];
      let k = 0;
      const summary = await reanalyze(
        store.measurements,
        () => ({
          ...analysis(outcomes[k++ % 4]!, k % 3 === 0 ? 'tcp_ip' : 'dns', 3),
          tlsConfirmed: k % 5 === 0,
        }),
        3,
        { pageSize: 64 },
      );
      expect(summary.updated).toBeGreaterThan(600);
      await expectSameAnswers(store, engine);
      await store.measurements.optimize();
      await expectSameAnswers(store, engine);
    }, 180_000);
  });
}
