/**
 * The DuckDB client, loaded with require. The package is CommonJS of about fifty files: imported as ESM, Node
 * first lexes every one of them for its named exports, which took 0.1 s of CPU at each start of a command that
 * opens the store (0.27 against 0.17 s for the import alone). Types come from the package as usual.
 */
import { createRequire } from 'node:module';

export const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');
