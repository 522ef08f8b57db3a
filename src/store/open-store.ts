/** Opens the store a location names: a DuckDB file path (the default), `duckdb:PATH` or `clickhouse:URL`. */
import { UsageError } from '../shared/errors.js';
import { DuckDbStore } from './duckdb/duckdb-store.js';
import type { Store } from './store.js';

export const DEFAULT_DB_PATH = './netfreedom.duckdb';

/** `memoryLimit`: the memory a DuckDB store may use (`8GB`); ClickHouse servers have their own settings. */
export async function openStore(
  location: string,
  options: { readOnly?: boolean; memoryLimit?: string } = {},
): Promise<Store> {
  const [kind, rest] = splitLocation(location);
  if (kind === 'duckdb') return DuckDbStore.open(rest, options);
  // Loaded only when named: the ClickHouse client's modules took about 40 ms of every DuckDB command's start-up.
  if (kind === 'clickhouse')
    return (await import('./clickhouse/clickhouse-store.js')).ClickHouseStore.open(rest);
  throw new UsageError(`unknown store "${location}": use a DuckDB file path, duckdb:PATH or clickhouse:URL`);
}

function splitLocation(location: string): [string, string] {
  const m = /^([a-z]+):(?!\/\/)(.*)$|^([a-z]+):(\/\/.*)$/.exec(location);
  if (m?.[1]) return [m[1], m[2]!];
  if (m?.[3]) return [m[3], m[4]!];
  return ['duckdb', location];
}
