/**
 * The scale-out store: ClickHouse over HTTP (`clickhouse:http://host:8123/DATABASE[?cluster=NAME]`).
 * ClickHouse has no multi-statement transactions: `transaction` runs the function in the store's single writer
 * (so no other write of this process interleaves), and atomicity is per INSERT (each group of measurement
 * batches is one INSERT; see ClickHouseMeasurementStore).
 */
import { type ClickHouseClient, ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { StoreError, UsageError } from '../../shared/errors.js';
import { checkIdentifier, quoteValue } from '../sql/sql-literal.js';
import type { Store } from '../store.js';
import { WriteLock } from '../write-lock.js';
import { ClickHouseAssessmentStore } from './clickhouse-assessment-store.js';
import { ClickHouseAuditLog } from './clickhouse-audit-log.js';
import { DAILY_LOCAL_TABLE, DAILY_TABLE, dailyBackfillSql } from './clickhouse-daily-counts.js';
import { ClickHouseDocumentStore } from './clickhouse-document-store.js';
import { ClickHouseEvidenceStore } from './clickhouse-evidence-store.js';
import { ClickHouseMeasurementStore } from './clickhouse-measurement-store.js';
import {
  type AddedColumn,
  type ClickHouseLayout,
  dailyCountStatements,
  LOCAL_TABLE,
  MEASUREMENTS_TABLE,
  schemaAddedColumns,
  schemaStatements,
  shardAddedColumns,
  shardStatements,
} from './clickhouse-schema.js';
import { ClickHouseSyncStore } from './clickhouse-sync-store.js';
import {
  UID_LOCAL_TABLE,
  UID_TABLE,
  uidBackfillStatements,
  uidIndexDistributedSql,
  uidIndexMarker,
  uidIndexStatements,
} from './clickhouse-uid-index.js';

export interface ClickHouseTarget extends ClickHouseLayout {
  /** http(s)://host:port of the server. */
  url: string;
}

/** Parses `http://host:port/DATABASE?cluster=NAME` (database defaults to `netfreedom`). */
export function parseClickHouseUrl(text: string): ClickHouseTarget {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UsageError(
      `"${text}" is not a ClickHouse URL such as clickhouse:http://127.0.0.1:8123/netfreedom`,
    );
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new UsageError(`ClickHouse URL must be http(s): ${text}`);
  const database = checkIdentifier(u.pathname.replace(/^\/+|\/+$/g, '') || 'netfreedom');
  const cluster = u.searchParams.get('cluster');
  return {
    url: `${u.protocol}//${u.host}`,
    database,
    ...(cluster ? { cluster: checkIdentifier(cluster) } : {}),
  };
}

function client(url: string): ClickHouseClient {
  return createClient({ url, log: { level: ClickHouseLogLevel.OFF }, request_timeout: 120_000 });
}

async function run(c: ClickHouseClient, statements: string[], where: string): Promise<void> {
  for (const s of statements) {
    try {
      await c.command({ query: s });
    } catch (err) {
      throw new StoreError(`ClickHouse at ${where}: ${(err as Error).message.split('\n')[0]?.slice(0, 300)}`);
    }
  }
}

/** Adds the columns a table created by an older version lacks (system.columns says which). */
async function addColumns(c: ClickHouseClient, columns: AddedColumn[], where: string): Promise<void> {
  for (const col of columns) {
    let present: boolean;
    try {
      const rs = await c.query({
        query: `SELECT count() AS n FROM system.columns WHERE database = ${quoteValue(col.database)}
          AND table = ${quoteValue(col.table)} AND name = ${quoteValue(col.column)}`,
        format: 'JSONEachRow',
      });
      present = Number(((await rs.json()) as { n: string | number }[])[0]?.n ?? 0) > 0;
    } catch (err) {
      throw new StoreError(`ClickHouse at ${where}: ${(err as Error).message.split('\n')[0]?.slice(0, 300)}`);
    }
    if (!present) await run(c, [col.add], where);
  }
}

/** The table rows are inserted into and a table derived from it: the shard-local pair on a cluster's shard. */
function sourceAndDerived(
  layout: ClickHouseLayout,
  shard: boolean,
  derived: { lone: string; local: string },
): [string, string] {
  return shard || layout.cluster ? [LOCAL_TABLE, derived.local] : [MEASUREMENTS_TABLE, derived.lone];
}

/**
 * Creates the daily counts and their views; when the daily table is new and rows are already stored (a store made
 * before it), fills it from them first, once. Run by the one writing process as it opens the store.
 */
async function prepareDailyCounts(
  c: ClickHouseClient,
  layout: ClickHouseLayout,
  shard: boolean,
  where: string,
): Promise<void> {
  const [source, target] = sourceAndDerived(layout, shard, { lone: DAILY_TABLE, local: DAILY_LOCAL_TABLE });
  const existed = await tableExists(c, layout.database, target, where);
  await run(c, dailyCountStatements(layout, shard), where);
  if (!existed) await run(c, [dailyBackfillSql(layout.database, source, target)], where);
}

/**
 * Creates the uid index and its view; fills it from the rows already stored until a fill has finished (a store made
 * before it, or a fill cut short: filling again adds nothing, clickhouse-uid-index.ts).
 */
async function prepareUidIndex(
  c: ClickHouseClient,
  layout: ClickHouseLayout,
  shard: boolean,
  where: string,
): Promise<void> {
  const [source, target] = sourceAndDerived(layout, shard, { lone: UID_TABLE, local: UID_LOCAL_TABLE });
  await run(c, uidIndexStatements(layout.database, source, target), where);
  if (!(await tableExists(c, layout.database, uidIndexMarker(target), where)))
    await run(c, uidBackfillStatements(layout.database, source, target), where);
  if (!shard && layout.cluster)
    await run(c, [uidIndexDistributedSql(layout.database, layout.cluster)], where);
}

async function tableExists(c: ClickHouseClient, database: string, table: string, where: string) {
  try {
    const rs = await c.query({
      query: `SELECT count() AS n FROM system.tables WHERE database = ${quoteValue(database)}
        AND name = ${quoteValue(table)}`,
      format: 'JSONEachRow',
    });
    return Number(((await rs.json()) as { n: string | number }[])[0]?.n ?? 0) > 0;
  } catch (err) {
    throw new StoreError(`ClickHouse at ${where}: ${(err as Error).message.split('\n')[0]?.slice(0, 300)}`);
  }
}

/** Creates the shard-local tables on one shard of a cluster (run once per shard). */
export async function prepareShard(url: string, database: string): Promise<void> {
  const c = client(url);
  try {
    await run(c, shardStatements({ database }), url);
    await addColumns(c, shardAddedColumns({ database }), url);
    await prepareDailyCounts(c, { database }, true, url);
    await prepareUidIndex(c, { database }, true, url);
  } finally {
    await c.close();
  }
}

export class ClickHouseStore implements Store {
  readonly measurements: ClickHouseMeasurementStore;
  readonly assessments: ClickHouseAssessmentStore;
  readonly documents: ClickHouseDocumentStore;
  readonly audit: ClickHouseAuditLog;
  readonly sync: ClickHouseSyncStore;
  readonly evidence: ClickHouseEvidenceStore;
  private readonly lock = new WriteLock();

  private constructor(
    readonly location: string,
    private readonly client: ClickHouseClient,
    target: ClickHouseTarget,
  ) {
    this.measurements = new ClickHouseMeasurementStore(
      client,
      target.database,
      Boolean(target.cluster),
      this.lock,
    );
    this.assessments = new ClickHouseAssessmentStore(client, target.database, this.lock);
    this.documents = new ClickHouseDocumentStore(client, target.database, this.lock);
    this.audit = new ClickHouseAuditLog(client, target.database, this.lock);
    this.sync = new ClickHouseSyncStore(client, target.database, this.lock);
    this.evidence = new ClickHouseEvidenceStore(client, target.database, this.lock);
  }

  /** Connects and creates the tables if needed; an unreachable server is a StoreError naming it. */
  static async open(location: string): Promise<ClickHouseStore> {
    const target = parseClickHouseUrl(location);
    const c = client(target.url);
    try {
      const ping = await c.ping();
      if (!ping.success)
        throw new StoreError(`cannot reach ClickHouse at ${target.url}: ${ping.error.message}`);
      await run(c, schemaStatements(target), target.url);
      await addColumns(c, schemaAddedColumns(target), target.url);
      await prepareDailyCounts(c, target, false, target.url);
      await prepareUidIndex(c, target, false, target.url);
    } catch (err) {
      await c.close();
      throw err;
    }
    return new ClickHouseStore(`clickhouse:${location}`, c, target);
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.lock.run(fn);
  }

  /** Waits for the writes queued, then closes the connection pool. */
  async close(): Promise<void> {
    await this.measurements.flush();
    await this.lock.drain();
    await this.client.close();
  }
}
