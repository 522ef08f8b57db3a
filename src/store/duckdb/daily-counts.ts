/**
 * Keeps `measurement_daily`, the per-day counts that answer aggregate() without reading every measurement, equal
 * to what the measurements table says: every write that adds or re-judges measurements adds its counts here in
 * the same transaction, and optimize() rebuilds the table from the measurements.
 */
import { OUTCOMES, type Outcome } from '../../model/verdict.js';
import { DAILY_COUNT_KEYS } from '../sql/daily-counts-queries.js';
import type { MeasurementColumns } from '../sql/measurement-row.js';
import { appendAll } from './append-all.js';
import type { DuckDbDatabase } from './database.js';

export const DAILY_COUNTS_TABLE = 'measurement_daily';

/**
 * The table as the migrations leave it (migration 4 created it, migration 5 added `tls_confirmed_count`, migration 8 the `origin` key, migration 9 `reporter`). No key:
 * a write appends its counts as new rows (differences for a re-analysis) and readers sum them, so writing never
 * looks rows up; optimize() folds them back into one row per cell.
 */
export function dailyCountsTableDdl(name: string): string {
  return `CREATE TABLE ${name} (
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
      )`;
}

/** The counts of the measurements matching `where`, one row per cell, multiplied by `sign` (1 or -1). */
export function dailyCountsSelect(where = '', sign = 1): string {
  const keys = DAILY_COUNT_KEYS.join(', ');
  const count = (filter?: string) =>
    `CAST(${sign} * count(*)${filter ? ` FILTER (WHERE ${filter})` : ''} AS INTEGER)`;
  const outcomes = ['ok', 'anomaly', 'confirmed', 'failure'].map((o) => count(`outcome = '${o}'`));
  return `SELECT ${keys}, ${count()}, ${outcomes.join(', ')}, ${count('tls_confirmed')}
    FROM measurements ${where} GROUP BY ${keys}`;
}

/** Statements that (re)build the table from the measurements, one row per cell, sorted like the measurements. */
export function rebuildDailyCountsSql(): string[] {
  const next = `${DAILY_COUNTS_TABLE}_rebuilt`;
  return [
    dailyCountsTableDdl(next),
    `INSERT INTO ${next} ${dailyCountsSelect()} ORDER BY probe_cc, start_day`,
    `DROP TABLE ${DAILY_COUNTS_TABLE}`,
    `ALTER TABLE ${next} RENAME TO ${DAILY_COUNTS_TABLE}`,
  ];
}

/** Rebuilds the table from the measurements; call inside the caller's transaction. */
export async function rebuildDailyCounts(db: DuckDbDatabase): Promise<void> {
  for (const statement of rebuildDailyCountsSql()) await db.run(statement);
}

type Cell = { key: (string | boolean | null)[]; counts: number[] };

/** Where each outcome is counted in a cell's counts: after measurement_count, in OUTCOMES order (DAILY_COUNT_VALUES). */
const OUTCOME_COLUMN = Object.fromEntries(OUTCOMES.map((o, i) => [o, 1 + i])) as Record<Outcome, number>;
/** Where the TLS-confirmed measurements are counted: the last of DAILY_COUNT_VALUES. */
const TLS_CONFIRMED_COLUMN = 1 + OUTCOMES.length;

/** Adds the counts of newly stored rows (put() calls it for the rows it appended, in its transaction). */
export async function addDailyCounts(db: DuckDbDatabase, rows: MeasurementColumns[]): Promise<void> {
  if (rows.length === 0) return;
  const cells = new Map<string, Cell>();
  for (const r of rows) {
    const key = DAILY_COUNT_KEYS.map((k) => r[k]);
    // NUL cannot occur in these texts, and a null key is told apart from the text "null" by its own marker.
    const id = key.map((v) => (v === null ? '\u0001' : String(v))).join('\0');
    let cell = cells.get(id);
    if (!cell) {
      cell = { key, counts: [0, 0, 0, 0, 0, 0] };
      cells.set(id, cell);
    }
    cell.counts[0]!++;
    cell.counts[OUTCOME_COLUMN[r.outcome]]!++;
    if (r.tls_confirmed) cell.counts[TLS_CONFIRMED_COLUMN]!++;
  }
  appendAll(await db.appender(DAILY_COUNTS_TABLE), (appender) => {
    for (const { key, counts } of cells.values()) {
      for (const v of key) {
        if (v === null) appender.appendNull();
        else if (typeof v === 'boolean') appender.appendBoolean(v);
        else appender.appendVarchar(v);
      }
      for (const n of counts) appender.appendInteger(n);
      appender.endRow();
    }
  });
}

const STAGED = 'WHERE uid IN (SELECT uid FROM reanalysis_stage)';

/**
 * Before re-judging the measurements with these uids: remembers the uids and subtracts their current counts.
 * putBackDailyCounts adds their new counts once the change is written; both run in the caller's transaction.
 */
export async function takeOutDailyCounts(db: DuckDbDatabase, uids: string[]): Promise<void> {
  await db.run('CREATE TEMP TABLE IF NOT EXISTS reanalysis_stage (uid VARCHAR)');
  await db.run('DELETE FROM reanalysis_stage');
  appendAll(await db.appender('reanalysis_stage', 'main', 'temp'), (stage) => {
    for (const uid of new Set(uids)) {
      stage.appendVarchar(uid);
      stage.endRow();
    }
  });
  await db.run(`INSERT INTO ${DAILY_COUNTS_TABLE} ${dailyCountsSelect(STAGED, -1)}`);
}

/** After re-judging the measurements given to takeOutDailyCounts: adds their counts as they are now. */
export async function putBackDailyCounts(db: DuckDbDatabase): Promise<void> {
  await db.run(`INSERT INTO ${DAILY_COUNTS_TABLE} ${dailyCountsSelect(STAGED, 1)}`);
}
