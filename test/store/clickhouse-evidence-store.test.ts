/** The evidence store suite against a real ClickHouse 18.16 server. */
import { openStore } from '../../src/store/open-store.js';
import { startClickHouse } from '../helpers/clickhouse-server.js';
import { evidenceStoreSuite } from './evidence-store-suite.js';

evidenceStoreSuite('ClickHouse', async () => {
  const server = await startClickHouse();
  const store = await openStore(`clickhouse:${server.url}/nf_evidence`);
  return {
    store,
    close: async () => {
      await store.close();
      await server.stop();
    },
  };
});
