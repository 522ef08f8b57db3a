/**
 * Aggregation benchmark: 10,000,000 measurement rows; a day × outcome query for one country and a domain × outcome
 * query, through the DuckDB measurement store, against the same SQL on better-sqlite3 with indexes (the floor,
 * measured in the same run) and on ClickHouse when its server binary is installed. The store answers from its
 * daily counts (measurement_daily); the same query over the measurements table, and SQLite over the same daily
 * counts, are printed beside it so that the share of the gain that is pre-aggregation stays visible.
 * Run: npx tsx bench/aggregate/run.ts [--rows N] [--runs N]
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { ClickHouseStore } from '../../src/store/clickhouse/clickhouse-store.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import type { AggregationQuery, MeasurementStore } from '../../src/store/measurement-store.js';
import { aggregateSql } from '../../src/store/sql/measurement-queries.js';
import { DuckDbDialect } from '../../src/store/sql/sql-dialect.js';
import { CLICKHOUSE_BINARY, startClickHouse } from '../../test/helpers/clickhouse-server.js';
import {
  ASN,
  buildSyntheticDailyCounts,
  CC,
  checkSyntheticLoad,
  clickHouseInsertSql,
  DAY_OFFSET,
  DOMAIN,
  insertSyntheticRows,
  OUTCOME,
  SYNTHETIC_FIRST_DAY,
} from '../shared/synthetic-measurements.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '10000000' }, runs: { type: 'string', default: '15' } },
});
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);

const SQLITE_DAILY_SUMS = `sum(measurement_count) AS measurement_count, sum(ok_count) AS ok_count,
  sum(anomaly_count) AS anomaly_count, sum(confirmed_count) AS confirmed_count, sum(failure_count) AS failure_count`;

const QUERIES: { name: string; query: AggregationQuery; sqlite: string; sqliteDaily: string }[] = [
  {
    name: 'day × outcome, one country',
    query: { probeCc: ['KZ'], axisX: 'measurement_start_day' },
    sqlite: `SELECT start_day AS measurement_start_day, count(*) AS measurement_count,
      sum(outcome = 'ok') AS ok_count, sum(outcome = 'anomaly') AS anomaly_count,
      sum(outcome = 'confirmed') AS confirmed_count, sum(outcome = 'failure') AS failure_count
      FROM measurements WHERE probe_cc = 'KZ' AND simulated = 0 GROUP BY start_day ORDER BY start_day`,
    sqliteDaily: `SELECT start_day AS measurement_start_day, ${SQLITE_DAILY_SUMS}
      FROM measurement_daily WHERE probe_cc = 'KZ' AND simulated = 0 GROUP BY start_day ORDER BY start_day`,
  },
  {
    name: 'domain × outcome, all countries',
    query: { axisX: 'domain' },
    sqlite: `SELECT domain, count(*) AS measurement_count,
      sum(outcome = 'ok') AS ok_count, sum(outcome = 'anomaly') AS anomaly_count,
      sum(outcome = 'confirmed') AS confirmed_count, sum(outcome = 'failure') AS failure_count
      FROM measurements WHERE simulated = 0 GROUP BY domain ORDER BY domain`,
    sqliteDaily: `SELECT domain, ${SQLITE_DAILY_SUMS}
      FROM measurement_daily WHERE simulated = 0 GROUP BY domain ORDER BY domain`,
  },
];

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(0);
}

function p50(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Warm-up before timing: until WARM_UP_RUNS runs or WARM_UP_MS, whichever comes first (at least one run). */
const WARM_UP_RUNS = 30;
const WARM_UP_MS = 1000;

async function time(fn: () => Promise<unknown> | unknown, runs = RUNS): Promise<number[]> {
  // A freshly opened DuckDB answers a query's first fifteen or so runs 1.5–6× slower than later ones (its
  // buffers fill, the conversion code gets compiled): the p50 should be the steady state a serving process sees,
  // for every engine alike.
  const warmUntil = performance.now() + WARM_UP_MS;
  for (let i = 0; i < WARM_UP_RUNS && (i === 0 || performance.now() < warmUntil); i++) await fn();
  const out: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nf-bench-agg-'));
  // Stopped in `finally`, whatever fails: a benchmark never leaves a server behind.
  let chServer: { stop: () => Promise<void> } | null = null;
  console.log(
    `aggregate benchmark: ${ROWS.toLocaleString('en')} rows, p50 of ${RUNS} runs after a warm-up (${WARM_UP_RUNS} runs or ${WARM_UP_MS / 1000} s, whichever comes first)`,
  );
  try {
    // DuckDB: the real store and schema (migrations), rows generated in SQL.
    let t = performance.now();
    const dbPath = join(dir, 'bench.duckdb');
    let duck = await DuckDbStore.open(dbPath);
    await insertSyntheticRows(duck, ROWS);
    console.log(`  DuckDB load: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const rawBytes = statSync(dbPath).size;
    t = performance.now();
    await buildSyntheticDailyCounts(duck);
    const dailySeconds = (performance.now() - t) / 1000;
    await checkSyntheticLoad(duck, ROWS);
    const dailyRows = (
      await duck.db.all<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM measurement_daily')
    )[0]!.n;
    console.log(
      `  DuckDB daily counts built from the loaded rows: ${dailySeconds.toFixed(1)} s, ${dailyRows.toLocaleString('en')} rows (${(ROWS / dailyRows).toFixed(1)}× fewer than measurements), file ${mb(rawBytes)} → ${mb(statSync(dbPath).size)} MB`,
    );
    // The same query over the measurements table, as the store ran it before it kept daily counts.
    const fromMeasurements = (q: AggregationQuery) => {
      const d = new DuckDbDialect();
      return duck.db.all(aggregateSql(d, 'measurements', q), d.params as never);
    };

    // SQLite floor: same rows, indexes that serve both queries.
    t = performance.now();
    const lite = new Database(join(dir, 'bench.sqlite'));
    lite.pragma('journal_mode = OFF');
    lite.pragma('synchronous = OFF');
    lite.exec(`CREATE TABLE measurements (uid TEXT, domain TEXT, probe_cc TEXT, probe_asn TEXT, start_day TEXT,
      outcome TEXT, simulated INTEGER)`);
    lite.exec(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n LIMIT ${ROWS})
      INSERT INTO measurements SELECT 'u' || i, ${DOMAIN}, ${CC}, ${ASN}, date('${SYNTHETIC_FIRST_DAY}', '+' || ${DAY_OFFSET} || ' days'), ${OUTCOME}, 0 FROM n`);
    lite.exec('CREATE INDEX m_cc_day ON measurements (probe_cc, simulated, start_day, outcome)');
    lite.exec('CREATE INDEX m_domain ON measurements (simulated, domain, outcome)');
    lite.exec('ANALYZE');
    console.log(`  SQLite load + indexes: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    // Not the floor: the same daily counts in SQLite, to show what pre-aggregation alone gives.
    t = performance.now();
    lite.exec(`CREATE TABLE measurement_daily AS SELECT start_day, probe_cc, probe_asn, domain, simulated,
      count(*) AS measurement_count, sum(outcome = 'ok') AS ok_count, sum(outcome = 'anomaly') AS anomaly_count,
      sum(outcome = 'confirmed') AS confirmed_count, sum(outcome = 'failure') AS failure_count
      FROM measurements GROUP BY start_day, probe_cc, probe_asn, domain, simulated`);
    lite.exec('CREATE INDEX d_cc_day ON measurement_daily (probe_cc, simulated, start_day)');
    lite.exec('CREATE INDEX d_domain ON measurement_daily (simulated, domain)');
    lite.exec('ANALYZE');
    console.log(`  SQLite daily counts + indexes: ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // Ingest order spreads every country over every row group; `netfreedom optimize` re-sorts by (country, day).
    const before: { daily: number; table: number }[] = [];
    for (const q of QUERIES) {
      before.push({
        daily: p50(await time(() => duck.measurements.aggregate(q.query))),
        table: p50(await time(() => fromMeasurements(q.query))),
      });
    }
    t = performance.now();
    await duck.measurements.optimize();
    console.log(
      `  DuckDB optimize (re-sort by country, day; daily counts rebuilt): ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    // Timed from here on the store as a server opens it: a fresh process state, not the loader's (its buffers and
    // allocator are full of the 10 M-row load and rewrite).
    await duck.close();
    duck = await DuckDbStore.open(dbPath);

    const lines: {
      first: string;
      second: string;
      query: AggregationQuery;
      cells: number;
      liteP50: number;
    }[] = [];
    for (const [qi, q] of QUERIES.entries()) {
      const duckRows = await duck.measurements.aggregate(q.query);
      const tableRows = await fromMeasurements(q.query);
      const liteRows = lite.prepare(q.sqlite).all() as Record<string, unknown>[];
      const same = (rows: Record<string, unknown>[]) =>
        JSON.stringify(rows.map((r) => Number(r.measurement_count))) ===
        JSON.stringify(duckRows.map((r) => r.measurement_count));
      if (!same(liteRows) || !same(tableRows)) {
        throw new Error(`${q.name}: DuckDB daily counts, DuckDB measurements and SQLite disagree`);
      }
      const duckP50 = p50(await time(() => duck.measurements.aggregate(q.query)));
      const tableP50 = p50(await time(() => fromMeasurements(q.query)));
      const stmt = lite.prepare(q.sqlite);
      const liteP50 = p50(await time(() => stmt.all()));
      const dailyStmt = lite.prepare(q.sqliteDaily);
      const liteDailyP50 = p50(await time(() => dailyStmt.all()));
      const b = before[qi]!;
      const line1 = `  ${q.name.padEnd(32)} DuckDB p50 ${duckP50.toFixed(1)} ms (${b.daily.toFixed(1)} before optimize) · SQLite p50 ${liteP50.toFixed(1)} ms · ratio ${(liteP50 / duckP50).toFixed(1)}× (${duckRows.length} cells)`;
      lines.push({
        first: line1,
        second: `  ${''.padEnd(32)} DuckDB measurements table p50 ${tableP50.toFixed(1)} ms (${b.table.toFixed(1)} before optimize, ${(liteP50 / tableP50).toFixed(1)}×) · SQLite daily counts p50 ${liteDailyP50.toFixed(1)} ms`,
        query: q.query,
        cells: duckRows.length,
        liteP50,
      });
    }

    // ClickHouse last: its server (and its background merges after a load) never runs while another engine is timed.
    let ch: { store: MeasurementStore } | null = null;
    if (existsSync(CLICKHOUSE_BINARY)) {
      t = performance.now();
      const server = await startClickHouse();
      chServer = server;
      const store = await ClickHouseStore.open(`${server.url}/bench`);
      const ddl = (sql: string) =>
        fetch(`${server.url}/`, { method: 'POST', body: sql }).then(async (r) => {
          if (!r.ok) throw new Error(await r.text());
        });
      await ddl(clickHouseInsertSql('bench.measurements', ROWS));
      await ddl('OPTIMIZE TABLE bench.measurements FINAL');
      console.log(`  ClickHouse load: ${((performance.now() - t) / 1000).toFixed(1)} s`);
      ch = { store: store.measurements };
    } else console.log(`  ClickHouse: ${CLICKHOUSE_BINARY} not installed, skipped`);

    for (const l of lines) {
      let second = l.second;
      if (ch) {
        const chStore = ch.store;
        try {
          const chRows = await chStore.aggregate(l.query);
          if (chRows.length !== l.cells) throw new Error(`returned ${chRows.length} cells`);
          const chP50 = p50(await time(() => chStore.aggregate(l.query), 5));
          second += ` · ClickHouse p50 ${chP50.toFixed(1)} ms (${(l.liteP50 / chP50).toFixed(1)}×, 5 runs)`;
        } catch (err) {
          second += ` · ClickHouse failed: ${(err as Error).message}`;
        }
      }
      console.log(l.first);
      console.log(second);
    }
    console.log('  goals: DuckDB p50 ≤ 50 ms and ≥ 20× the SQLite floor');
    lite.close();
    await duck.close();
  } finally {
    await chServer?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
