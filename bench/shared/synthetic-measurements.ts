/**
 * The synthetic measurements the aggregation benchmarks load (bench/aggregate, bench/api): one distribution written
 * as SQL over a row number `i`, and its loaders into the DuckDB store (with its daily counts) and into ClickHouse.
 */

import { OUTCOMES } from '../../src/model/verdict.js';
import { rebuildDailyCounts } from '../../src/store/duckdb/daily-counts.js';
import type { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';

/** The 20 countries, in the order `CC` assigns them (row i is in country i % 20). */
export const SYNTHETIC_COUNTRIES = 'KZRUUZKGTJTMIRCNTRBYAMAZGEUAMDPKINEGTHVN'.match(/../g)!;
/** Rows are spread over the 365 days from this one. */
export const SYNTHETIC_FIRST_DAY = '2024-01-01';

// 20 countries, 50 networks, 1000 domains, 365 days; outcomes ≈ 80% ok, 12% anomaly, 3% confirmed, 5% failure.
// The same text is valid SQL in DuckDB and SQLite.
export const CC = `substr('${SYNTHETIC_COUNTRIES.join('')}', 1 + 2 * (i % 20), 2)`;
export const ASN = `'AS' || (9000 + (i * 7) % 50)`;
export const DOMAIN = `'site' || ((i * 13) % 1000) || '.example'`;
export const DAY_OFFSET = `((i % 7919) % 365)`;
/**
 * Whether row i is an anonymous submission (from one of seven reporters) rather than an import from OONI's
 * archive: one row in 1,009 (a prime, so that they fall on every country, network and domain), so that the trust
 * rule has submissions to weigh beside a year of OONI, as it would in use.
 */
export const submitted = (i: string) => `(${i} % 1009 = 0)`;
export const OUTCOME = `CASE WHEN (i * 17) % 100 < 80 THEN 'ok' WHEN (i * 17) % 100 < 92 THEN 'anomaly' WHEN (i * 17) % 100 < 95 THEN 'confirmed' ELSE 'failure' END`;

/**
 * The measurements table's columns, each with its value for row i. Named in the INSERT, so a column added later
 * is NULL (or its default) here instead of shifting every value, and a new NOT NULL column fails the load loudly.
 */
const DUCKDB_COLUMNS: [column: string, value: string][] = [
  ['uid', `'u' || i`],
  ['source', `'ooni'`],
  ['test_name', `'web_connectivity'`],
  ['input', `'https://' || ${DOMAIN} || '/'`],
  ['domain', DOMAIN],
  ['probe_cc', CC],
  ['probe_asn', ASN],
  [
    'start_time',
    `TIMESTAMP '${SYNTHETIC_FIRST_DAY}' + INTERVAL (${DAY_OFFSET}) DAY + INTERVAL (i % 86400) SECOND`,
  ],
  ['start_day', `DATE '${SYNTHETIC_FIRST_DAY}' + CAST(${DAY_OFFSET} AS INTEGER)`],
  ['category_code', `'NEWS'`],
  ['simulated', 'false'],
  ['rules_version', '1'],
  ['blocking', 'NULL'],
  ['accessible', 'NULL'],
  ['technique', 'NULL'],
  ['outcome', OUTCOME],
  ['confirmed', `${OUTCOME} = 'confirmed'`],
  ['origin', `CASE WHEN ${submitted('i')} THEN 'anonymous' ELSE 'import' END`],
  ['reporter', `CASE WHEN ${submitted('i')} THEN 'r' || (i % 7) ELSE NULL END`],
  ['analysis', `'{}'`],
  // Rows written by SQL keep their (empty) raw record inline, as rows from before the raw archive do.
  ['raw', `'{}'`],
];

/** Inserts `rows` synthetic measurements into the store's measurements table by SQL, then checkpoints. */
export async function insertSyntheticRows(store: DuckDbStore, rows: number): Promise<void> {
  const columns = DUCKDB_COLUMNS.map(([c]) => c).join(', ');
  const values = DUCKDB_COLUMNS.map(([, v]) => v).join(',\n      ');
  await store.db.run(`INSERT INTO measurements (${columns})
    SELECT ${values}
    FROM range(${rows}) t(i)`);
  await store.db.run('CHECKPOINT');
}

/** The rows went in by SQL, not through put(): builds the daily counts from them as migration 4 and optimize() do. */
export async function buildSyntheticDailyCounts(store: DuckDbStore): Promise<void> {
  await store.transaction(() => rebuildDailyCounts(store.db));
  await store.db.run('CHECKPOINT');
}

/**
 * aggregate() answers from the daily counts, except when it filters on the outcome: then it reads the measurements.
 * Both must give the same counts per country, and `rows` in all. A derived table that the loader does not fill
 * (one added to the schema after this was written) makes the benchmark stop here, not measure a wrong store.
 */
export async function checkSyntheticLoad(store: DuckDbStore, rows: number): Promise<void> {
  const daily = await store.measurements.aggregate({ axisX: 'probe_cc' });
  const table = await store.measurements.aggregate({ axisX: 'probe_cc', outcome: [...OUTCOMES] });
  const total = daily.reduce((n, r) => n + r.measurement_count, 0);
  const stored = await store.measurements.count();
  if (JSON.stringify(daily) !== JSON.stringify(table) || total !== rows || stored !== rows) {
    throw new Error(
      `synthetic load: the daily counts (${total} measurements) disagree with the measurements table ` +
        `(${stored} rows, ${rows} inserted)`,
    );
  }
}

/**
 * The same rows for ClickHouse's `measurements` table (its SQL dialect), columns named as above. `shard` keeps only
 * the rows a two-shard Distributed table sharded by cityHash64(uid) sends to that shard, so that each shard can
 * generate its own rows in place.
 */
export function clickHouseInsertSql(
  table: string,
  rows: number,
  shard?: { index: number; of: number },
): string {
  const i = 'number';
  const outcome = `multiIf((${i} * 17) % 100 < 80, 'ok', (${i} * 17) % 100 < 92, 'anomaly', (${i} * 17) % 100 < 95, 'confirmed', 'failure')`;
  const domain = `concat('site', toString((${i} * 13) % 1000), '.example')`;
  const dayOffset = `((${i} % 7919) % 365)`;
  const columns: [string, string][] = [
    ['uid', `concat('u', toString(${i}))`],
    ['source', `'ooni'`],
    ['test_name', `'web_connectivity'`],
    ['input', `concat('https://', ${domain}, '/')`],
    ['domain', domain],
    ['probe_cc', `substring('${SYNTHETIC_COUNTRIES.join('')}', 1 + 2 * (${i} % 20), 2)`],
    ['probe_asn', `concat('AS', toString(9000 + (${i} * 7) % 50))`],
    [
      'start_time',
      `toDateTime('${SYNTHETIC_FIRST_DAY} 00:00:00', 'UTC') + ${dayOffset} * 86400 + ${i} % 86400`,
    ],
    ['start_day', `toDate('${SYNTHETIC_FIRST_DAY}') + ${dayOffset}`],
    ['category_code', `'NEWS'`],
    ['simulated', '0'],
    ['rules_version', '1'],
    ['blocking', 'NULL'],
    ['accessible', 'NULL'],
    ['technique', 'NULL'],
    ['outcome', outcome],
    ['confirmed', `${outcome} = 'confirmed'`],
    ['origin', `if(${submitted(i)}, 'anonymous', 'import')`],
    ['reporter', `if(${submitted(i)}, concat('r', toString(${i} % 7)), NULL)`],
    ['analysis', `'{}'`],
    ['raw', `'{}'`],
    ['version', '1'],
  ];
  return `INSERT INTO ${table} (${columns.map(([c]) => c).join(', ')})
    SELECT ${columns.map(([, v]) => v).join(', ')}
    FROM ${shard ? `numbers(${rows}) WHERE cityHash64(concat('u', toString(${i}))) % ${shard.of} = ${shard.index}` : `system.numbers LIMIT ${rows}`}`;
}
