/**
 * The active parts of a ClickHouse table, which tell whether FINAL would change a read: ReplacingMergeTree keeps
 * one version per key within each part produced by a merge (an inserted part is not deduplicated), and FINAL
 * merges only within a partition, so when every partition is down to one merged part a plain read sees exactly
 * what FINAL would (and 18.16 runs FINAL on one thread).
 */
import { quoteValue } from '../sql/sql-literal.js';

export interface PartsState {
  /** Every partition has a single active part, made by a merge (level > 0): FINAL would change nothing. */
  merged: boolean;
  /** The active parts' names; part names are never reused, so equal names mean nothing was written or merged. */
  names: string;
}

/** Reads the active parts of `database.table` (a MergeTree table on this server) through `select`. */
export async function partsState(
  select: (sql: string) => Promise<Record<string, unknown>[]>,
  database: string,
  table: string,
): Promise<PartsState> {
  const rows = await select(
    `SELECT partition, name, level FROM system.parts
     WHERE database = ${quoteValue(database)} AND table = ${quoteValue(table)} AND active ORDER BY name`,
  );
  const partitions = new Set(rows.map((r) => String(r.partition)));
  const merged = partitions.size === rows.length && rows.every((r) => Number(r.level) > 0);
  return { merged, names: rows.map((r) => String(r.name)).join(' ') };
}
