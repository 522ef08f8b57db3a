/** ClickHouse tables for measurements (18.16-compatible DDL): one server, or local tables per shard behind a Distributed table. */
import { checkIdentifier } from '../sql/sql-literal.js';
import {
  DAILY_LOCAL_TABLE,
  DAILY_TABLE,
  dailyDistributedSql,
  dailyStatements,
} from './clickhouse-daily-counts.js';

export interface ClickHouseLayout {
  database: string;
  /** Name of a cluster in the server's <remote_servers>; absent for a lone server. */
  cluster?: string;
}

/** Where reads and writes go: the Distributed table on a cluster, the table itself otherwise. */
export const MEASUREMENTS_TABLE = 'measurements';
export const LOCAL_TABLE = 'measurements_local';

/**
 * The origin of a row stored before the column existed: a content-hash id (`h-…`) may have been an anonymous
 * submission or an import, so `unknown` (not trusted); OONI ids and Censored Planet rows only came from imports.
 * Rows written since always carry their origin.
 */
const ORIGIN_DEFAULT = "if(startsWith(uid, 'h-'), 'unknown', 'import')";

const COLUMNS = `
  uid String,
  source String,
  test_name String,
  input Nullable(String),
  domain Nullable(String),
  probe_cc String,
  probe_asn String,
  start_time DateTime('UTC'),
  start_day Date,
  category_code Nullable(String),
  simulated UInt8,
  rules_version UInt32,
  blocking Nullable(String),
  accessible Nullable(UInt8),
  technique Nullable(String),
  outcome String,
  confirmed UInt8,
  tls_confirmed UInt8 DEFAULT 0,
  origin String DEFAULT ${ORIGIN_DEFAULT},
  reporter Nullable(String),
  analysis String,
  raw String,
  version UInt64,
  prev_outcome String DEFAULT '',
  prev_technique Nullable(String),
  prev_tls_confirmed UInt8 DEFAULT 0`;

/** The table that holds rows: re-analysis writes a newer `version` of a row; reads use FINAL. */
function dataTable(db: string, name: string): string {
  return `CREATE TABLE IF NOT EXISTS ${db}.${name} (${COLUMNS}
  ) ENGINE = ReplacingMergeTree(version) PARTITION BY toYYYYMM(start_day) ORDER BY (probe_cc, start_day, uid)`;
}

/** A column a table created before it lacks: added when system.columns does not list it (18.16 has no IF NOT EXISTS). */
export interface AddedColumn {
  database: string;
  table: string;
  column: string;
  add: string;
}

/**
 * Columns added after the first release, for tables created before them (append-only, like DuckDB's migrations).
 * Rows written before keep the default until `reanalyze` re-judges them (their rules version is older).
 */
function addedColumns(db: string, name: string): AddedColumn[] {
  return [
    {
      database: db,
      table: name,
      column: 'tls_confirmed',
      add: `ALTER TABLE ${db}.${name} ADD COLUMN tls_confirmed UInt8 DEFAULT 0 AFTER confirmed`,
    },
    {
      database: db,
      table: name,
      column: 'origin',
      add: `ALTER TABLE ${db}.${name} ADD COLUMN origin String DEFAULT ${ORIGIN_DEFAULT} AFTER tls_confirmed`,
    },
    {
      database: db,
      table: name,
      column: 'reporter',
      add: `ALTER TABLE ${db}.${name} ADD COLUMN reporter Nullable(String) AFTER origin`,
    },
    // The verdict a re-analysed row replaces, which the daily counts' view takes back (clickhouse-daily-counts.ts).
    ...(
      [
        ['prev_outcome', "String DEFAULT ''", 'version'],
        ['prev_technique', 'Nullable(String)', 'prev_outcome'],
        ['prev_tls_confirmed', 'UInt8 DEFAULT 0', 'prev_technique'],
      ] as const
    ).map(([column, type, after]) => ({
      database: db,
      table: name,
      column,
      add: `ALTER TABLE ${db}.${name} ADD COLUMN ${column} ${type} AFTER ${after}`,
    })),
  ];
}

/** Statements for the shard-local tables (measurements, daily counts and their views); run on every shard. */
export function shardStatements(layout: ClickHouseLayout): string[] {
  const db = checkIdentifier(layout.database);
  return [`CREATE DATABASE IF NOT EXISTS ${db}`, dataTable(db, LOCAL_TABLE)];
}

/**
 * The daily counts beside the table rows are inserted into: `measurements` on a lone server, `measurements_local`
 * on each shard. Run after the columns were added (the views read `prev_*`).
 */
export function dailyCountStatements(layout: ClickHouseLayout, shard: boolean): string[] {
  const db = checkIdentifier(layout.database);
  if (shard) return dailyStatements(db, LOCAL_TABLE, DAILY_LOCAL_TABLE);
  if (!layout.cluster) return dailyStatements(db, MEASUREMENTS_TABLE, DAILY_TABLE);
  return [...dailyStatements(db, LOCAL_TABLE, DAILY_LOCAL_TABLE), dailyDistributedSql(db, layout.cluster)];
}

/** The columns to add to the shard-local table of an older shard. */
export function shardAddedColumns(layout: ClickHouseLayout): AddedColumn[] {
  return addedColumns(checkIdentifier(layout.database), LOCAL_TABLE);
}

/** The columns to add to the tables the store talks to, when they were created before those columns. */
export function schemaAddedColumns(layout: ClickHouseLayout): AddedColumn[] {
  const db = checkIdentifier(layout.database);
  return layout.cluster
    ? [...addedColumns(db, LOCAL_TABLE), ...addedColumns(db, MEASUREMENTS_TABLE)]
    : addedColumns(db, MEASUREMENTS_TABLE);
}

/** Statements for the server the store talks to. */
export function schemaStatements(layout: ClickHouseLayout): string[] {
  const db = checkIdentifier(layout.database);
  const out = [`CREATE DATABASE IF NOT EXISTS ${db}`];
  if (layout.cluster) {
    const cluster = checkIdentifier(layout.cluster);
    out.push(dataTable(db, LOCAL_TABLE));
    // A uid always lands on the same shard, so the duplicate check and re-analysis stay per shard.
    out.push(
      `CREATE TABLE IF NOT EXISTS ${db}.${MEASUREMENTS_TABLE} (${COLUMNS}
      ) ENGINE = Distributed(${cluster}, ${db}, ${LOCAL_TABLE}, cityHash64(uid))`,
    );
  } else out.push(dataTable(db, MEASUREMENTS_TABLE));
  // Change events are few: a plain table on this server, one generation per detection run and country.
  out.push(
    `CREATE TABLE IF NOT EXISTS ${db}.change_events (
      id String, probe_cc String, probe_asn String, domain String, kind String, at_time DateTime('UTC'),
      score Float64, method String, measurement_uids String, generation UInt64
    ) ENGINE = MergeTree ORDER BY (probe_cc, generation, id)`,
    `CREATE TABLE IF NOT EXISTS ${db}.change_runs (probe_cc String, generation UInt64)
      ENGINE = MergeTree ORDER BY (probe_cc, generation)`,
    `CREATE TABLE IF NOT EXISTS ${db}.assessments (country String, edition UInt16, doc String, version UInt64)
      ENGINE = ReplacingMergeTree(version) ORDER BY (country, edition)`,
    // What `netfreedom sync` fetched (sync-store.ts): the newest version of a key is the one that counts.
    `CREATE TABLE IF NOT EXISTS ${db}.sync_objects (
      origin String, key String, etag String, size UInt64, probe_cc String, outcome String, records UInt32,
      added UInt32, duplicates UInt32, rejected UInt32, fetched_at DateTime('UTC'), version UInt64
    ) ENGINE = ReplacingMergeTree(version) ORDER BY (origin, probe_cc, key)`,
    `CREATE TABLE IF NOT EXISTS ${db}.sync_countries (
      probe_cc String, origin String, source String, endpoint String, synced_at DateTime('UTC'), added UInt32,
      objects UInt32, bytes UInt64, version UInt64
    ) ENGINE = ReplacingMergeTree(version) ORDER BY (probe_cc, origin)`,
    // Country evidence (sources, events, key developments, …): few rows, one document each.
    `CREATE TABLE IF NOT EXISTS ${db}.evidence_records (
      kind String, id String, country String, edition UInt16, doc String, version UInt64
    ) ENGINE = ReplacingMergeTree(version) ORDER BY (kind, id)`,
    // Accounts, sessions, tokens, probes and revisions (document-store.ts), the latest version of each read.
    `CREATE TABLE IF NOT EXISTS ${db}.documents (kind String, id String, doc String, version UInt64)
      ENGINE = ReplacingMergeTree(version) ORDER BY (kind, id)`,
    // Append-only and hash-chained (audit-chain.ts): a plain MergeTree, rows never replaced.
    `CREATE TABLE IF NOT EXISTS ${db}.audit_log (
      seq UInt64, at_time String, actor String, action String, entity String, before_json String, after_json String,
      reason Nullable(String), request_id Nullable(String), prev_hash String, hash String
    ) ENGINE = MergeTree ORDER BY seq`,
  );
  return out;
}
