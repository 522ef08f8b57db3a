/** The options every command that touches the store shares: --store LOCATION and its shorthand --db PATH. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { NotFoundError } from '../shared/errors.js';
import { DEFAULT_DB_PATH, openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { addOptions, type OptionTable } from './option-table.js';

export interface StoreOptions {
  store?: string;
  db?: string;
}

export const STORE_OPTIONS: OptionTable<StoreOptions> = {
  store: {
    flags: '--store <location>',
    description: 'store: duckdb:PATH (default) or clickhouse:URL (env NETFREEDOM_STORE)',
  },
  db: { flags: '--db <path>', description: `DuckDB file (env NETFREEDOM_DB, default ${DEFAULT_DB_PATH})` },
};

export function addStoreOptions(command: Command): Command {
  return addOptions(command, STORE_OPTIONS);
}

/** Where the store is, and which option or variable said so (for messages). */
export function storeChoice(options: StoreOptions): { location: string; given: string } {
  // An empty variable counts as unset.
  const env = process.env;
  if (options.store) return { location: options.store, given: '--store' };
  if (options.db) return { location: options.db, given: '--db' };
  if (env.NETFREEDOM_STORE) return { location: env.NETFREEDOM_STORE, given: 'NETFREEDOM_STORE' };
  if (env.NETFREEDOM_DB) return { location: env.NETFREEDOM_DB, given: 'NETFREEDOM_DB' };
  return { location: DEFAULT_DB_PATH, given: 'the default; --db PATH names another' };
}

/** Resolves the store location: --store, then --db, then the environment, then the default file. */
export function storeLocation(options: StoreOptions): string {
  return storeChoice(options).location;
}

/**
 * Opens the store `options` name, with the DuckDB memory limit of NETFREEDOM_DUCKDB_MEMORY_LIMIT (DuckDB's
 * default is 80 % of the machine's memory; a machine shared with other work, or a very large load, sets less).
 */
export function openChosenStore(
  options: StoreOptions,
  openOptions: { readOnly?: boolean } = {},
): Promise<Store> {
  const memoryLimit = process.env.NETFREEDOM_DUCKDB_MEMORY_LIMIT || undefined;
  return openStore(storeLocation(options), { ...openOptions, memoryLimit });
}

/** Opens the store, runs `fn`, and always closes it (releasing the file for other processes). */
export async function withStore<T>(
  options: StoreOptions,
  fn: (store: Store) => Promise<T>,
  openOptions: { readOnly?: boolean } = {},
): Promise<T> {
  const store = await openChosenStore(options, openOptions);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * As `withStore`, for commands that read what is stored: a DuckDB file that does not exist is an error
 * naming it, rather than a new empty database that answers "nothing found" (most often a mistyped --db).
 */
export async function withExistingStore<T>(
  options: StoreOptions,
  fn: (store: Store) => Promise<T>,
): Promise<T> {
  const { location, given } = storeChoice(options);
  const file = duckDbFile(location);
  if (file !== null && !existsSync(file)) {
    throw new NotFoundError(
      `no database at ${file} (${given}): \`netfreedom ingest\`, \`assessment import\` or \`serve\` creates one`,
    );
  }
  return withStore(options, fn);
}

/** The file of a DuckDB location (`PATH` or `duckdb:PATH`); null for any other kind, which opening judges. */
function duckDbFile(location: string): string | null {
  if (location.startsWith('duckdb:')) return location.slice('duckdb:'.length);
  return /^[a-z]+:/.test(location) ? null : location;
}
