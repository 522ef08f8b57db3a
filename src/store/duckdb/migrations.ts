/** Versioned schema migrations, applied in order on open; each domain appends its own. */
import type { DuckDbDatabase } from './database.js';

export interface Migration {
  version: number;
  name: string;
  sql: string[];
}

/** The columns of the measurements table as migration 2 created them (released: never changes). */
const MEASUREMENT_COLUMNS_V2 = `
        uid VARCHAR PRIMARY KEY,
        source VARCHAR NOT NULL,
        test_name VARCHAR NOT NULL,
        input VARCHAR,
        domain VARCHAR,
        probe_cc VARCHAR NOT NULL,
        probe_asn VARCHAR NOT NULL,
        start_time TIMESTAMP NOT NULL,
        start_day DATE NOT NULL,
        category_code VARCHAR,
        simulated BOOLEAN NOT NULL,
        rules_version INTEGER NOT NULL,
        blocking VARCHAR,
        accessible BOOLEAN,
        technique VARCHAR,
        outcome VARCHAR NOT NULL,
        confirmed BOOLEAN NOT NULL,
        analysis VARCHAR NOT NULL,
        raw VARCHAR NOT NULL`;

/**
 * The measurements table as the migrations leave it (optimize() rebuilds it in another order): since migration 3
 * `raw` is only for rows written before it, newer rows point into the raw archive (raw_block, raw_start, raw_length).
 */
export function measurementsTableDdl(name: string): string {
  const columns = MEASUREMENT_COLUMNS_V2.replace('raw VARCHAR NOT NULL', 'raw VARCHAR');
  return `CREATE TABLE ${name} (${columns},
        raw_block BIGINT,
        raw_start INTEGER,
        raw_length INTEGER,
        tls_confirmed BOOLEAN DEFAULT false,
        origin VARCHAR DEFAULT 'unknown',
        reporter VARCHAR
      )`;
}

/** The daily counts' cell keys, as migrations 4 and 5 wrote them (released: never changes). */
const DAILY_KEYS_V4 =
  'start_day, probe_cc, probe_asn, domain, category_code, test_name, technique, simulated';

/** The daily counts table as migration 4 created it (released: never changes; daily-counts.ts has today's). */
const DAILY_COLUMNS_V4 = `
        start_day DATE NOT NULL,
        probe_cc VARCHAR NOT NULL,
        probe_asn VARCHAR NOT NULL,
        domain VARCHAR,
        category_code VARCHAR,
        test_name VARCHAR NOT NULL,
        technique VARCHAR,
        simulated BOOLEAN NOT NULL,
        measurement_count INTEGER NOT NULL,
        ok_count INTEGER NOT NULL,
        anomaly_count INTEGER NOT NULL,
        confirmed_count INTEGER NOT NULL,
        failure_count INTEGER NOT NULL`;

/** OONI's five counts of a cell, as migration 4 computed them (released: never changes). */
const DAILY_COUNTS_V4 = ['', 'ok', 'anomaly', 'confirmed', 'failure']
  .map((o) => `CAST(count(*)${o ? ` FILTER (WHERE outcome = '${o}')` : ''} AS INTEGER)`)
  .join(', ');

/** The schema history. Append only: a released migration never changes. */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'assessments',
    sql: [
      `CREATE TABLE assessments (
        country VARCHAR NOT NULL,
        edition INTEGER NOT NULL,
        scale VARCHAR NOT NULL,
        total INTEGER,
        status VARCHAR,
        doc JSON NOT NULL,
        updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        PRIMARY KEY (country, edition)
      )`,
    ],
  },
  {
    version: 2,
    name: 'measurements',
    sql: [
      // Flat columns for filters and aggregation; the analysis and the raw record as JSON text.
      `CREATE TABLE measurements (${MEASUREMENT_COLUMNS_V2}\n      )`,
      `CREATE TABLE change_events (
        id VARCHAR PRIMARY KEY,
        probe_cc VARCHAR NOT NULL,
        probe_asn VARCHAR NOT NULL,
        domain VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        at_time TIMESTAMP NOT NULL,
        score DOUBLE NOT NULL,
        method VARCHAR NOT NULL,
        measurement_uids VARCHAR NOT NULL
      )`,
    ],
  },
  {
    version: 3,
    name: 'raw archive',
    sql: [
      // New raw records go to FILE.raw/ (see raw-archive.ts); rows written before keep their text in `raw`.
      'ALTER TABLE measurements ALTER COLUMN raw DROP NOT NULL',
      'ALTER TABLE measurements ADD COLUMN raw_block BIGINT',
      'ALTER TABLE measurements ADD COLUMN raw_start INTEGER',
      'ALTER TABLE measurements ADD COLUMN raw_length INTEGER',
      `CREATE TABLE raw_blocks (
        id BIGINT PRIMARY KEY,
        segment INTEGER NOT NULL,
        "offset" BIGINT NOT NULL,
        size INTEGER NOT NULL
      )`,
    ],
  },
  {
    version: 4,
    name: 'measurement daily counts',
    sql: [
      // Per-day counts per cell, kept by every write (daily-counts.ts) so aggregate() need not read every row.
      `CREATE TABLE measurement_daily (${DAILY_COLUMNS_V4}
      )`,
      `INSERT INTO measurement_daily SELECT ${DAILY_KEYS_V4}, ${DAILY_COUNTS_V4}
        FROM measurements GROUP BY ${DAILY_KEYS_V4} ORDER BY probe_cc, start_day`,
    ],
  },
  {
    version: 5,
    name: "netfreedom's TLS confirmation apart from OONI's",
    sql: [
      // Until `reanalyze` re-judges them (rules version 2), rows keep false here and their `confirmed`, which
      // mixed the two confirmations; nothing stored tells which one it was.
      'ALTER TABLE measurements ADD COLUMN tls_confirmed BOOLEAN DEFAULT false',
      // The daily counts gain the TLS-confirmed count: rebuilt from the measurements, one row per cell.
      'DROP TABLE measurement_daily',
      `CREATE TABLE measurement_daily (${DAILY_COLUMNS_V4},
        tls_confirmed_count INTEGER NOT NULL
      )`,
      `INSERT INTO measurement_daily SELECT ${DAILY_KEYS_V4}, ${DAILY_COUNTS_V4},
        CAST(count(*) FILTER (WHERE tls_confirmed) AS INTEGER)
        FROM measurements GROUP BY ${DAILY_KEYS_V4} ORDER BY probe_cc, start_day`,
    ],
  },
  {
    version: 6,
    name: 'sync state',
    sql: [
      // What `netfreedom sync` fetched from an archive, so that a rerun fetches only what is missing (sync-store.ts).
      `CREATE TABLE sync_objects (
        origin VARCHAR NOT NULL,
        key VARCHAR NOT NULL,
        etag VARCHAR NOT NULL,
        size BIGINT NOT NULL,
        probe_cc VARCHAR NOT NULL,
        outcome VARCHAR NOT NULL,
        records INTEGER NOT NULL,
        added INTEGER NOT NULL,
        duplicates INTEGER NOT NULL,
        rejected INTEGER NOT NULL,
        fetched_at TIMESTAMP NOT NULL,
        PRIMARY KEY (origin, key)
      )`,
      `CREATE TABLE sync_countries (
        probe_cc VARCHAR NOT NULL,
        origin VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        endpoint VARCHAR NOT NULL,
        synced_at TIMESTAMP NOT NULL,
        added INTEGER NOT NULL,
        objects INTEGER NOT NULL,
        bytes BIGINT NOT NULL,
        PRIMARY KEY (probe_cc, origin)
      )`,
    ],
  },
  {
    version: 7,
    name: 'country evidence',
    sql: [
      // Sources and the facts citing them, each a whole document (src/store/evidence-store.ts).
      `CREATE TABLE evidence_records (
        kind VARCHAR NOT NULL,
        id VARCHAR NOT NULL,
        country VARCHAR,
        edition INTEGER,
        doc VARCHAR NOT NULL,
        updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        PRIMARY KEY (kind, id)
      )`,
    ],
  },
  {
    version: 8,
    name: 'accounts, audit log, assessment revisions, where each measurement came from',
    sql: [
      // Users, sessions, tokens, probes and assessment revisions, each a JSON document (document-store.ts).
      `CREATE TABLE documents (
        kind VARCHAR NOT NULL,
        id VARCHAR NOT NULL,
        doc VARCHAR NOT NULL,
        updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        PRIMARY KEY (kind, id)
      )`,
      // Append-only, hash-chained (audit-chain.ts); `at_time` is the ISO text that was hashed.
      `CREATE TABLE audit_log (
        seq BIGINT PRIMARY KEY,
        at_time VARCHAR NOT NULL,
        actor VARCHAR NOT NULL,
        action VARCHAR NOT NULL,
        entity VARCHAR NOT NULL,
        before_json VARCHAR NOT NULL,
        after_json VARCHAR NOT NULL,
        reason VARCHAR,
        request_id VARCHAR,
        prev_hash VARCHAR NOT NULL,
        hash VARCHAR NOT NULL
      )`,
      // Where each measurement came from. A row stored before this migration under a content-hash id (`h-…`) may
      // have been an anonymous submission or an import of a file without OONI ids: nothing tells which, so it is
      // `unknown`, which the trust rule treats as anonymous. OONI ids and Censored Planet rows (`cp-…`) only ever
      // came from imports. The table is copied (DuckDB refuses an UPDATE after an ALTER of the same table in one
      // transaction), in the order it had.
      `CREATE TABLE measurements_v8 (${MEASUREMENT_COLUMNS_V2.replace('raw VARCHAR NOT NULL', 'raw VARCHAR')},
        raw_block BIGINT,
        raw_start INTEGER,
        raw_length INTEGER,
        tls_confirmed BOOLEAN DEFAULT false,
        origin VARCHAR DEFAULT 'unknown',
        reporter VARCHAR
      )`,
      `INSERT INTO measurements_v8 SELECT *, CASE WHEN uid LIKE 'h-%' THEN 'unknown' ELSE 'import' END, NULL
        FROM measurements`,
      'DROP TABLE measurements',
      'ALTER TABLE measurements_v8 RENAME TO measurements',
      // The daily counts gain the origin as a key, so that the trust rule can be applied to them when read.
      'DROP TABLE measurement_daily',
      `CREATE TABLE measurement_daily (
        start_day DATE NOT NULL,
        probe_cc VARCHAR NOT NULL,
        probe_asn VARCHAR NOT NULL,
        domain VARCHAR,
        category_code VARCHAR,
        test_name VARCHAR NOT NULL,
        technique VARCHAR,
        simulated BOOLEAN NOT NULL,
        origin VARCHAR NOT NULL,
        measurement_count INTEGER NOT NULL,
        ok_count INTEGER NOT NULL,
        anomaly_count INTEGER NOT NULL,
        confirmed_count INTEGER NOT NULL,
        failure_count INTEGER NOT NULL,
        tls_confirmed_count INTEGER NOT NULL
      )`,
      `INSERT INTO measurement_daily SELECT ${DAILY_KEYS_V4}, origin, ${DAILY_COUNTS_V4},
        CAST(count(*) FILTER (WHERE tls_confirmed) AS INTEGER)
        FROM measurements GROUP BY ${DAILY_KEYS_V4}, origin ORDER BY probe_cc, start_day`,
    ],
  },
  {
    version: 9,
    name: 'daily counts by reporter',
    sql: [
      // The daily counts gain the reporter as a key, so that the trust rule's corroboration is read from them.
      'DROP TABLE measurement_daily',
      `CREATE TABLE measurement_daily (
        start_day DATE NOT NULL,
        probe_cc VARCHAR NOT NULL,
        probe_asn VARCHAR NOT NULL,
        domain VARCHAR,
        category_code VARCHAR,
        test_name VARCHAR NOT NULL,
        technique VARCHAR,
        simulated BOOLEAN NOT NULL,
        origin VARCHAR NOT NULL,
        reporter VARCHAR,
        measurement_count INTEGER NOT NULL,
        ok_count INTEGER NOT NULL,
        anomaly_count INTEGER NOT NULL,
        confirmed_count INTEGER NOT NULL,
        failure_count INTEGER NOT NULL,
        tls_confirmed_count INTEGER NOT NULL
      )`,
      `INSERT INTO measurement_daily SELECT ${DAILY_KEYS_V4}, origin, reporter, ${DAILY_COUNTS_V4},
        CAST(count(*) FILTER (WHERE tls_confirmed) AS INTEGER)
        FROM measurements GROUP BY ${DAILY_KEYS_V4}, origin, reporter ORDER BY probe_cc, start_day`,
    ],
  },
];

/** Brings the schema up to date inside one transaction; returns the versions applied. */
export async function migrate(db: DuckDbDatabase, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  await db.run(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`,
  );
  const done = new Set(
    (await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
  );
  const pending = migrations.filter((m) => !done.has(m.version)).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return [];
  await db.transaction(async () => {
    for (const m of pending) {
      for (const statement of m.sql) await db.run(statement);
      await db.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
  });
  return pending.map((m) => m.version);
}
