/**
 * What a store holds after a crash, read the way the product reads it: the store must open, every row's raw record
 * must be readable, its flat columns must agree with its analysis, the daily counts must agree with the rows, and no
 * measurement may be there twice.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import type { MeasurementRecord } from '../../src/store/measurement-store.js';

export interface StoreState {
  /** Raw records by uid, as the store gives them back. */
  records: Map<string, MeasurementRecord>;
  /** Rows whose measurement (report_id and input) is already in another row. */
  duplicates: number;
  /**
   * Rows that are not whole: raw text missing or unreadable, flat columns that disagree with the analysis JSON
   * beside them, and day × outcome cells where the daily counts disagree with the rows.
   */
  partial: number;
  /** Why, for the assertion message (first few). */
  problems: string[];
}

/** Reads a DuckDB store after a crash; throws only when it cannot be opened at all (a failure in itself). */
export async function inspectStore(db: string): Promise<StoreState> {
  const problems: string[] = [];
  let partial = 0;
  const records = new Map<string, MeasurementRecord>();
  const keys = new Set<string>();
  let duplicates = 0;
  const store = await DuckDbStore.open(db);
  try {
    const s = store.measurements;
    for (let after: string | undefined; ; ) {
      let page: MeasurementRecord[];
      try {
        page = await s.staleRecords(Number.MAX_SAFE_INTEGER, {
          limit: 2000,
          ...(after ? { afterUid: after } : {}),
        });
      } catch (err) {
        // A page whose raw text cannot be read: count it and stop, the rest cannot be paged past it.
        partial += 1;
        problems.push(`raw records unreadable after ${after ?? 'the start'}: ${(err as Error).message}`);
        break;
      }
      if (page.length === 0) break;
      for (const r of page) {
        records.set(r.uid, r);
        const raw = r.raw as { report_id?: unknown; input?: unknown } | null;
        const key = JSON.stringify([raw?.report_id, raw?.input]);
        if (keys.has(key)) duplicates++;
        keys.add(key);
      }
      after = page.at(-1)!.uid;
    }
    // aggregate() reads the daily counts unless filtered on the outcome, then it counts rows.
    const query = { axisX: 'measurement_start_day', includeSimulated: true } as const;
    const fromDaily = await s.aggregate(query);
    const fromRows = await s.aggregate({ ...query, outcome: ['ok', 'anomaly', 'confirmed', 'failure'] });
    const cells = new Map(
      fromRows.map((r) => [JSON.stringify(r.measurement_start_day ?? null), JSON.stringify(r)]),
    );
    for (const r of fromDaily) {
      if (cells.get(JSON.stringify(r.measurement_start_day ?? null)) !== JSON.stringify(r)) {
        partial++;
        problems.push(
          `daily counts ${JSON.stringify(r)} against rows ${cells.get(JSON.stringify(r.measurement_start_day ?? null))}`,
        );
      }
      cells.delete(JSON.stringify(r.measurement_start_day ?? null));
    }
    for (const [x, r] of cells) {
      partial++;
      problems.push(`rows ${r} with no daily count (${x})`);
    }
  } finally {
    await store.close();
  }
  const columns = await disagreeingColumns(db);
  partial += columns.count;
  problems.push(...columns.samples);
  return { records, duplicates, partial, problems: problems.slice(0, 10) };
}

/** Rows whose flat columns (outcome, rules version) are not those of their analysis JSON, or with no raw text. */
async function disagreeingColumns(db: string): Promise<{ count: number; samples: string[] }> {
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`
      SELECT uid FROM measurements
      WHERE outcome IS DISTINCT FROM json_extract_string(analysis, '$.outcome')
         OR rules_version IS DISTINCT FROM CAST(json_extract(analysis, '$.rulesVersion') AS INTEGER)
         OR (raw IS NULL AND (raw_block IS NULL OR raw_length IS NULL))`);
    const uids = reader.getRowObjectsJson().map((r) => String(r.uid));
    return {
      count: uids.length,
      samples: uids.slice(0, 5).map((u) => `${u}: columns disagree with analysis`),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
