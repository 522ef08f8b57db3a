/** The documents and audit log suite against DuckDB. */
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { accountStoreSuite } from './account-store-suite.js';

accountStoreSuite('DuckDB', async () => {
  const store = await DuckDbStore.open(':memory:');
  return { store, tamper: (sql) => store.db.run(sql), close: () => store.close() };
});
