/** The concurrency suite on DuckDB, in a file as the server uses it. */
import { join } from 'node:path';
import { openStore } from '../../src/store/open-store.js';
import { tempDir } from '../helpers/temp.js';
import { concurrencySuite } from './concurrency-suite.js';

concurrencySuite(
  'DuckDB',
  async () => {
    const store = await openStore(join(tempDir('nf-conc-'), 'c.duckdb'));
    return { store: store.measurements, close: () => store.close() };
  },
  { writers: 50, perWriter: 200, readers: 10, readBackEvery: 1 },
);
