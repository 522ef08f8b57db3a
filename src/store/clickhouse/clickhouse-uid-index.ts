/**
 * The uid index: every stored uid with the country and day its row sorts under, ordered by uid, filled by a
 * materialized view on the table rows are inserted into (on every shard) and read through a Distributed table on a
 * cluster. Written for 18.16 and current ClickHouse alike.
 *
 * Why: the measurements are sorted by (probe_cc, start_day, uid), so a lookup by uid alone reads the whole uid
 * column. The duplicate check before every INSERT did that: 43 ms at 1 M rows, 215 ms at 10 M on a lone 18.16
 * server, growing with the table, so a year of OONI would spend seconds per submission and per ingest batch. Here
 * the primary key finds each uid in a granule or two, and the row's own key then narrows a read of the measurements.
 *
 * Its rows are a set: a uid written twice (re-analysis inserts a newer version of a row; a backfill run again) is the
 * same fact, which readers take once and ReplacingMergeTree folds in time. So the backfill may run again after it was
 * interrupted: a marker table is created only once it finished.
 */
import { checkIdentifier } from '../sql/sql-literal.js';

export const UID_TABLE = 'measurement_uids';
export const UID_LOCAL_TABLE = 'measurement_uids_local';

/** Created once the backfill of `target` from the rows stored before the index finished. */
export function uidIndexMarker(target: string): string {
  return `${target}_filled`;
}

/** The index beside `source` (the table rows are inserted into), and the view that fills it. */
export function uidIndexStatements(database: string, source: string, target: string): string[] {
  const db = checkIdentifier(database);
  return [
    `CREATE TABLE IF NOT EXISTS ${db}.${target} (uid String, probe_cc String, start_day Date)
      ENGINE = ReplacingMergeTree ORDER BY uid`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${db}.${target}_add TO ${db}.${target} AS
      SELECT uid, probe_cc, start_day FROM ${db}.${source}`,
  ];
}

/** Fills the index from the rows already stored, then marks it filled (run when the marker is missing). */
export function uidBackfillStatements(database: string, source: string, target: string): string[] {
  const db = checkIdentifier(database);
  return [
    `INSERT INTO ${db}.${target} (uid, probe_cc, start_day)
      SELECT DISTINCT uid, probe_cc, start_day FROM ${db}.${source}`,
    `CREATE TABLE IF NOT EXISTS ${db}.${uidIndexMarker(target)} (filled UInt8) ENGINE = TinyLog`,
  ];
}

/** The Distributed table a cluster reads the shards' indexes through (never written to). */
export function uidIndexDistributedSql(database: string, cluster: string): string {
  const db = checkIdentifier(database);
  return `CREATE TABLE IF NOT EXISTS ${db}.${UID_TABLE} AS ${db}.${UID_LOCAL_TABLE}
    ENGINE = Distributed(${checkIdentifier(cluster)}, ${db}, ${UID_LOCAL_TABLE}, cityHash64(uid))`;
}

/**
 * Uids per lookup: the IN list is query text, and ClickHouse parses at most max_query_size (256 KiB) of it; 1,000
 * uids of at most 81 characters stay under 90 KB. (5,000 OONI uids, 62 characters each, were 330 KB and failed.)
 */
export const UIDS_PER_LOOKUP = 1000;
