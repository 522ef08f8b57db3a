/** The options every command that touches the store shares: --store LOCATION and its shorthand --db PATH. */
import type { Command } from 'commander';
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

/** Resolves the store location: --store, then --db, then the environment, then the default file. */
export function storeLocation(options: StoreOptions): string {
  return (
    options.store ??
    options.db ??
    process.env.NETFREEDOM_STORE ??
    process.env.NETFREEDOM_DB ??
    DEFAULT_DB_PATH
  );
}

/** Opens the store, runs `fn`, and always closes it (releasing the file for other processes). */
export async function withStore<T>(
  options: StoreOptions,
  fn: (store: Store) => Promise<T>,
  openOptions: { readOnly?: boolean } = {},
): Promise<T> {
  const store = await openStore(storeLocation(options), openOptions);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
