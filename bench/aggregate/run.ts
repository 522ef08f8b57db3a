/**
 * Aggregation benchmark: 10,000,000 measurement rows; a day × outcome query for one country and a domain × outcome
 * query, through the DuckDB measurement store, against the same SQL on better-sqlite3 with indexes (the floor,
 * measured in the same run) and on ClickHouse when its server binary is installed.
 * Run: npx tsx bench/aggregate/run.ts [--rows N] [--runs N]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { ClickHouseStore } from '../../src/store/clickhouse/clickhouse-store.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import type { AggregationQuery, MeasurementStore } from '../../src/store/measurement-store.js';
import { CLICKHOUSE_BINARY, startClickHouse } from '../../test/helpers/clickhouse-server.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '10000000' }, runs: { type: 'string', default: '15' } },
});
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);

// The synthetic distribution, written once as SQL over a row number `i` (same in the three engines).
// 20 countries, 50 networks, 1000 domains, 365 days; outcomes ≈ 80% ok, 12% anomaly, 3% confirmed, 5% failure.
const CC = `substr('KZRUUZKGTJTMIRCNTRBYAMAZGEUAMDPKINEGTHVN', 1 + 2 * (i % 20), 2)`;
const ASN = `'AS' || (9000 + (i * 7) % 50)`;
const DOMAIN = `'site' || ((i * 13) % 1000) || '.example'`;
const DAY_OFFSET = `((i % 7919) % 365)`;
const OUTCOME = `CASE WHEN (i * 17) % 100 < 80 THEN 'ok' WHEN (i * 17) % 100 < 92 THEN 'anomaly' WHEN (i * 17) % 100 < 95 THEN 'confirmed' ELSE 'failure' END`;

const QUERIES: { name: string; query: AggregationQuery; sqlite: string }[] = [
  {
    name: 'day × outcome, one country',
    query: { probeCc: ['KZ'], axisX: 'measurement_start_day' },
    sqlite: `SELECT start_day AS measurement_start_day, count(*) AS measurement_count,
      sum(outcome = 'ok') AS ok_count, sum(outcome = 'anomaly') AS anomaly_count,
      sum(outcome = 'confirmed') AS confirmed_count, sum(outcome = 'failure') AS failure_count
      FROM measurements WHERE probe_cc = 'KZ' AND simulated = 0 GROUP BY start_day ORDER BY start_day`,
  },
  {
    name: 'domain × outcome, all countries',
    query: { axisX: 'domain' },
    sqlite: `SELECT domain, count(*) AS measurement_count,
      sum(outcome = 'ok') AS ok_count, sum(outcome = 'anomaly') AS anomaly_count,
      sum(outcome = 'confirmed') AS confirmed_count, sum(outcome = 'failure') AS failure_count
      FROM measurements WHERE simulated = 0 GROUP BY domain ORDER BY domain`,
  },
];

function p50(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: () => Promise<unknown> | unknown, runs = RUNS): Promise<number[]> {
  await fn(); // warm-up
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
  console.log(`aggregate benchmark: ${ROWS.toLocaleString('en')} rows, p50 of ${RUNS} runs after a warm-up`);
  try {
    // DuckDB: the real store and schema (migrations), rows generated in SQL.
    let t = performance.now();
    const duck = await DuckDbStore.open(join(dir, 'bench.duckdb'));
    await duck.db.run(`INSERT INTO measurements SELECT 'u' || i, 'ooni', 'web_connectivity', 'https://' || ${DOMAIN} || '/',
      ${DOMAIN}, ${CC}, ${ASN}, TIMESTAMP '2024-01-01' + INTERVAL (${DAY_OFFSET}) DAY + INTERVAL (i % 86400) SECOND,
      DATE '2024-01-01' + CAST(${DAY_OFFSET} AS INTEGER), 'NEWS', false, 1, NULL, NULL, NULL, ${OUTCOME}, ${OUTCOME} = 'confirmed', '{}', '{}'
      FROM range(${ROWS}) t(i)`);
    console.log(`  DuckDB load: ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // SQLite floor: same rows, indexes that serve both queries.
    t = performance.now();
    const lite = new Database(join(dir, 'bench.sqlite'));
    lite.pragma('journal_mode = OFF');
    lite.pragma('synchronous = OFF');
    lite.exec(`CREATE TABLE measurements (uid TEXT, domain TEXT, probe_cc TEXT, probe_asn TEXT, start_day TEXT,
      outcome TEXT, simulated INTEGER)`);
    lite.exec(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n LIMIT ${ROWS})
      INSERT INTO measurements SELECT 'u' || i, ${DOMAIN}, ${CC}, ${ASN}, date('2024-01-01', '+' || ${DAY_OFFSET} || ' days'), ${OUTCOME}, 0 FROM n`);
    lite.exec('CREATE INDEX m_cc_day ON measurements (probe_cc, simulated, start_day, outcome)');
    lite.exec('CREATE INDEX m_domain ON measurements (simulated, domain, outcome)');
    lite.exec('ANALYZE');
    console.log(`  SQLite load + indexes: ${((performance.now() - t) / 1000).toFixed(1)} s`);

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
      const chi = 'number';
      await ddl(`INSERT INTO bench.measurements SELECT concat('u', toString(${chi})), 'ooni', 'web_connectivity',
        concat('https://site', toString((${chi} * 13) % 1000), '.example/'), concat('site', toString((${chi} * 13) % 1000), '.example'),
        substring('KZRUUZKGTJTMIRCNTRBYAMAZGEUAMDPKINEGTHVN', 1 + 2 * (${chi} % 20), 2), concat('AS', toString(9000 + (${chi} * 7) % 50)),
        toDateTime('2024-01-01 00:00:00', 'UTC') + ((${chi} % 7919) % 365) * 86400 + ${chi} % 86400,
        toDate('2024-01-01') + ((${chi} % 7919) % 365), 'NEWS', 0, 1, NULL, NULL, NULL,
        multiIf((${chi} * 17) % 100 < 80, 'ok', (${chi} * 17) % 100 < 92, 'anomaly', (${chi} * 17) % 100 < 95, 'confirmed', 'failure'),
        (${chi} * 17) % 100 >= 92 AND (${chi} * 17) % 100 < 95, '{}', '{}', 1
        FROM system.numbers LIMIT ${ROWS}`);
      await ddl('OPTIMIZE TABLE bench.measurements FINAL');
      console.log(`  ClickHouse load: ${((performance.now() - t) / 1000).toFixed(1)} s`);
      ch = { store: store.measurements };
    } else console.log(`  ClickHouse: ${CLICKHOUSE_BINARY} not installed, skipped`);

    // Ingest order spreads every country over every row group; `netfreedom optimize` re-sorts by (country, day).
    const before: number[] = [];
    for (const q of QUERIES) before.push(p50(await time(() => duck.measurements.aggregate(q.query))));
    t = performance.now();
    await duck.measurements.optimize();
    console.log(
      `  DuckDB optimize (re-sort by country, day): ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    for (const [qi, q] of QUERIES.entries()) {
      const duckRows = await duck.measurements.aggregate(q.query);
      const liteRows = lite.prepare(q.sqlite).all() as Record<string, unknown>[];
      if (
        duckRows.length !== liteRows.length ||
        duckRows[0]?.measurement_count !== liteRows[0]?.measurement_count
      ) {
        throw new Error(
          `${q.name}: DuckDB and SQLite disagree (${duckRows.length} vs ${liteRows.length} rows)`,
        );
      }
      const duckP50 = p50(await time(() => duck.measurements.aggregate(q.query)));
      const stmt = lite.prepare(q.sqlite);
      const liteP50 = p50(await time(() => stmt.all()));
      let line = `  ${q.name.padEnd(32)} DuckDB p50 ${duckP50.toFixed(1)} ms (${before[qi]!.toFixed(1)} before optimize) · SQLite p50 ${liteP50.toFixed(1)} ms · ratio ${(liteP50 / duckP50).toFixed(1)}× (${duckRows.length} cells)`;
      if (ch) {
        const chStore = ch.store;
        try {
          const chRows = await chStore.aggregate(q.query);
          if (chRows.length !== duckRows.length) throw new Error(`returned ${chRows.length} cells`);
          const chP50 = p50(await time(() => chStore.aggregate(q.query), 5));
          line += ` · ClickHouse p50 ${chP50.toFixed(1)} ms (${(liteP50 / chP50).toFixed(1)}×, 5 runs)`;
        } catch (err) {
          line += ` · ClickHouse failed: ${(err as Error).message}`;
        }
      }
      console.log(line);
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
