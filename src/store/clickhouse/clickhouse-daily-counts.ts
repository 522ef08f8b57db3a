/**
 * ClickHouse's daily counts: a SummingMergeTree of per-day counts per cell, filled by materialized views on the
 * table that holds the measurements (on every shard), read through a Distributed table on a cluster, never with
 * FINAL (the reader sums). Written for 18.16 and current ClickHouse alike.
 *
 * Duplicates: the views count every row inserted, so the store never inserts a uid it already holds (the duplicate
 * check under its single writer, `writeBatches`). Re-analysis inserts a newer version of a row that carries the
 * verdict it replaces (`prev_*` columns): one view adds the new verdict's counts, the other subtracts the old one's,
 * both from the same INSERT.
 */
import { DAILY_COUNT_KEYS, DAILY_COUNT_VALUES } from '../sql/daily-counts-queries.js';
import { checkIdentifier } from '../sql/sql-literal.js';

/** The verdict a re-analysed row replaces, as the `prev_*` columns hold it. */
export interface PreviousVerdict {
  prev_outcome: string;
  prev_technique: string | null;
  prev_tls_confirmed: number;
}

export const DAILY_TABLE = 'measurement_daily';
export const DAILY_LOCAL_TABLE = 'measurement_daily_local';

/** The cell's keys (DAILY_COUNT_KEYS, shared with the DuckDB store) with ClickHouse's types. */
const KEY_COLUMNS = `start_day Date, probe_cc String, probe_asn String, domain Nullable(String),
  category_code Nullable(String), test_name String, technique Nullable(String), simulated UInt8, origin String,
  reporter Nullable(String)`;
/**
 * A count's column: its answer's name with `cell_` before it, since ClickHouse substitutes an alias wherever its
 * name appears (`sum(...) AS confirmed_count` inside another sum would nest aggregates).
 */
export function dailyCountColumn(name: string): string {
  return `cell_${name}`;
}

const VALUES = DAILY_COUNT_VALUES.map(dailyCountColumn);

/**
 * Nullable columns enter the sorting key as (isNull, ifNull) pairs: neither 18.16 nor a current server (without
 * `allow_nullable_key`) takes a Nullable key, and a NULL domain must stay apart from any text.
 */
const nullableKey = (c: string) => `isNull(${c}), ifNull(${c}, '')`;
const ORDER = [
  'probe_cc',
  'start_day',
  nullableKey('domain'),
  'probe_asn',
  'test_name',
  nullableKey('technique'),
  nullableKey('category_code'),
  'simulated',
  'origin',
  nullableKey('reporter'),
].join(', ');

/** The counts of one verdict: `sign` 1 adds the row's verdict, -1 takes back the one it replaced (`prev_`). */
function counts(sign: 1 | -1, prefix: '' | 'prev_'): string {
  const s = sign === 1 ? '' : '-';
  const outcome = `${prefix}outcome`;
  return [
    `toInt64(${sign})`,
    `${s}toInt64(${outcome} = 'ok')`,
    `${s}toInt64(${outcome} = 'anomaly')`,
    `${s}toInt64(${outcome} = 'confirmed')`,
    `${s}toInt64(${outcome} = 'failure')`,
    `${s}toInt64(${prefix}tls_confirmed)`,
  ]
    .map((e, i) => `${e} AS ${VALUES[i]}`)
    .join(', ');
}

/**
 * The daily table beside `source` (the table rows are inserted into) and its two views. A view's output names
 * must not be columns its expressions read (18.16 substitutes aliases), hence one view per sign rather than an
 * ARRAY JOIN over both verdicts.
 */
export function dailyStatements(database: string, source: string, target: string): string[] {
  const db = checkIdentifier(database);
  const keys = DAILY_COUNT_KEYS.filter((k) => k !== 'technique').join(', ');
  return [
    `CREATE TABLE IF NOT EXISTS ${db}.${target} (${KEY_COLUMNS}, ${VALUES.map((v) => `${v} Int64`).join(', ')})
      ENGINE = SummingMergeTree((${VALUES.join(', ')})) PARTITION BY toYYYYMM(start_day) ORDER BY (${ORDER})`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${db}.${target}_add TO ${db}.${target} AS
      SELECT ${keys}, technique, ${counts(1, '')} FROM ${db}.${source}`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${db}.${target}_retract TO ${db}.${target} AS
      SELECT ${keys}, prev_technique AS technique, ${counts(-1, 'prev_')} FROM ${db}.${source}
      WHERE prev_outcome != ''`,
  ];
}

/** Fills the daily table from the rows already stored (a table made before the views existed); FINAL: once. */
export function dailyBackfillSql(database: string, source: string, target: string): string {
  const db = checkIdentifier(database);
  const keys = DAILY_COUNT_KEYS.join(', ');
  const n = (cond: string) => `toInt64(countIf(${cond}))`;
  return `INSERT INTO ${db}.${target} (${keys}, ${VALUES.join(', ')})
    SELECT ${keys}, toInt64(count()), ${n("outcome = 'ok'")}, ${n("outcome = 'anomaly'")},
      ${n("outcome = 'confirmed'")}, ${n("outcome = 'failure'")}, ${n('tls_confirmed = 1')}
    FROM ${db}.${source} FINAL GROUP BY ${keys}`;
}

/** The Distributed table a cluster reads the shards' daily tables through (never written to). */
export function dailyDistributedSql(database: string, cluster: string): string {
  const db = checkIdentifier(database);
  return `CREATE TABLE IF NOT EXISTS ${db}.${DAILY_TABLE} AS ${db}.${DAILY_LOCAL_TABLE}
    ENGINE = Distributed(${checkIdentifier(cluster)}, ${db}, ${DAILY_LOCAL_TABLE}, rand())`;
}
