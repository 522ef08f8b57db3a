/** The documents and audit log suite against a real ClickHouse 18.16 (edits behind its back as mutations). */
import { openStore } from '../../src/store/open-store.js';
import { startClickHouse } from '../helpers/clickhouse-server.js';
import { accountStoreSuite } from './account-store-suite.js';

accountStoreSuite('ClickHouse', async () => {
  const server = await startClickHouse();
  const store = await openStore(`clickhouse:${server.url}/nf_accounts`);
  const post = async (query: string) => {
    const res = await fetch(`${server.url}/?database=nf_accounts`, { method: 'POST', body: query });
    const text = await res.text();
    if (!res.ok) throw new Error(text);
    return text;
  };
  // 18.16 runs mutations in the background (it has no mutations_sync): wait until none is pending.
  const run = async (query: string) => {
    await post(query);
    for (let i = 0; i < 200; i++) {
      const pending = await post(
        "SELECT count() FROM system.mutations WHERE database = 'nf_accounts' AND is_done = 0",
      );
      if (pending.trim() === '0') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the mutation did not finish in 10 s');
  };
  return {
    store,
    // ClickHouse 18.16 spells UPDATE and DELETE as mutations.
    tamper: (sql) =>
      run(
        sql
          .replace(/^UPDATE audit_log SET (.*) WHERE (.*)$/, 'ALTER TABLE audit_log UPDATE $1 WHERE $2')
          .replace(/^DELETE FROM audit_log WHERE (.*)$/, 'ALTER TABLE audit_log DELETE WHERE $1'),
      ),
    close: async () => {
      await store.close();
      await server.stop();
    },
  };
});
