/**
 * The aggregation benchmark's ClickHouse: a two-shard cluster of Debian's server, loaded with the synthetic rows
 * (each shard generates the rows the Distributed table would send it, in parallel), merged, and measured: load
 * time, bytes on disk per table and the servers' peak memory.
 */
import { readFileSync } from 'node:fs';
import { Agent, fetch } from 'undici';
import { ClickHouseStore, prepareShard } from '../../src/store/clickhouse/clickhouse-store.js';
import { startClickHouseCluster } from '../../test/helpers/clickhouse-server.js';
import { clickHouseInsertSql } from '../shared/synthetic-measurements.js';

export interface LoadedCluster {
  store: ClickHouseStore;
  /** Runs a SELECT on the server the store talks to (rows as JSON lines). */
  select(sql: string): Promise<string>;
  /** Seconds to generate and insert the rows (the materialized views fill the daily counts in the same INSERTs). */
  loadSeconds: number;
  /** Seconds to merge every shard's tables (OPTIMIZE … FINAL). */
  mergeSeconds: number;
  /** Bytes on disk per table, summed over the shards. */
  sizes(): Promise<Record<string, number>>;
  /** The largest resident memory each server reached so far (VmHWM), in bytes. */
  peakMemory(): number[];
  /** Another database on the same cluster, its tables made and empty (closed by stop()). */
  openEmpty(database: string): Promise<ClickHouseStore>;
  stop(): Promise<void>;
}

const DATABASE = 'bench';

/** A load's INSERT answers only when done: 100 M rows took over fetch's default five minutes for the headers. */
const patient = new Agent({ headersTimeout: 0, bodyTimeout: 0 });

async function post(url: string, sql: string): Promise<string> {
  const r = await fetch(`${url}/`, { method: 'POST', body: sql, dispatcher: patient });
  const text = await r.text();
  if (!r.ok) throw new Error(`ClickHouse at ${url}: ${text.slice(0, 300)}`);
  return text;
}

function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** Starts the cluster, creates the store's tables on both shards and loads `rows` synthetic measurements. */
export async function loadClickHouseCluster(rows: number): Promise<LoadedCluster> {
  const cluster = await startClickHouseCluster();
  try {
    for (const url of cluster.shardUrls.slice(1)) await prepareShard(url, DATABASE);
    const store = await ClickHouseStore.open(`${cluster.url}/${DATABASE}?cluster=${cluster.cluster}`);
    const others: ClickHouseStore[] = [];
    let t = performance.now();
    const of = cluster.shardUrls.length;
    await Promise.all(
      cluster.shardUrls.map((url, index) =>
        post(url, clickHouseInsertSql(`${DATABASE}.measurements_local`, rows, { index, of })),
      ),
    );
    const loadSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    for (const url of cluster.shardUrls) {
      for (const table of ['measurements_local', 'measurement_daily_local'])
        await post(url, `OPTIMIZE TABLE ${DATABASE}.${table} FINAL`);
    }
    const mergeSeconds = (performance.now() - t) / 1000;
    return {
      store,
      select: (sql) => post(cluster.url, `${sql} FORMAT JSONEachRow`),
      loadSeconds,
      mergeSeconds,
      sizes: async () => {
        const out: Record<string, number> = {};
        for (const url of cluster.shardUrls) {
          const text = await post(
            url,
            `SELECT table, sum(bytes_on_disk) FROM system.parts WHERE database = '${DATABASE}' AND active
             GROUP BY table ORDER BY table DESC FORMAT TSV`,
          );
          for (const line of text.trim().split('\n').filter(Boolean)) {
            const [table, bytes] = line.split('\t');
            out[table!] = (out[table!] ?? 0) + Number(bytes);
          }
        }
        return out;
      },
      peakMemory: () => cluster.pids.map(peakRss),
      openEmpty: async (database) => {
        for (const url of cluster.shardUrls.slice(1)) await prepareShard(url, database);
        const opened = await ClickHouseStore.open(`${cluster.url}/${database}?cluster=${cluster.cluster}`);
        others.push(opened);
        return opened;
      },
      stop: async () => {
        for (const other of others) await other.close();
        await store.close();
        await cluster.stop();
      },
    };
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}
