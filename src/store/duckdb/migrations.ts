/** Versioned schema migrations, applied in order on open; each domain appends its own. */
import { DAILY_COUNTS_TABLE, dailyCountsSelect, dailyCountsTableDdl } from './daily-counts.js';
import type { DuckDbDatabase } from './database.js';

export interface Migration {
  version: number;
  name: string;
  sql: string[];
}

/** The measurements table (migration 2); also used to rebuild it in another order (DuckDbMeasurementStore.cluster). */
export function measurementsTableDdl(name: string): string {
  return `CREATE TABLE ${name} (
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
        raw VARCHAR NOT NULL
      )`;
}

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
      measurementsTableDdl('measurements'),
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
    version: 4,
    name: 'measurement daily counts',
    sql: [
      // Per-day counts per cell, kept by every write (daily-counts.ts) so aggregate() need not read every row.
      dailyCountsTableDdl(DAILY_COUNTS_TABLE),
      `INSERT INTO ${DAILY_COUNTS_TABLE} ${dailyCountsSelect()} ORDER BY probe_cc, start_day`,
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
