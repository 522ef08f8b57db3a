/** The concurrency suite on DuckDB (a file, as the server uses it), one ClickHouse server and a two-shard cluster. */
import { join } from 'node:path';
import { prepareShard } from '../../src/store/clickhouse/clickhouse-store.js';
import { openStore } from '../../src/store/open-store.js';
import { startClickHouse, startClickHouseCluster } from '../helpers/clickhouse-server.js';
import { tempDir } from '../helpers/temp.js';
import { concurrencySuite } from './concurrency-suite.js';

const SIZE = { writers: 50, perWriter: 200, readers: 10 };

concurrencySuite(
  'DuckDB',
  async () => {
    const store = await openStore(join(tempDir('nf-conc-'), 'c.duckdb'));
    return { store: store.measurements, close: () => store.close() };
  },
  SIZE,
);

concurrencySuite(
  'ClickHouse',
  async () => {
    const server = await startClickHouse();
    const store = await openStore(`clickhouse:${server.url}/nf_conc`);
    return {
      store: store.measurements,
      close: async () => {
        await store.close();
        await server.stop();
      },
    };
  },
  SIZE,
);

concurrencySuite(
  'ClickHouse two-shard cluster',
  async () => {
    const cluster = await startClickHouseCluster();
    for (const url of cluster.shardUrls.slice(1)) await prepareShard(url, 'nf_conc');
    const store = await openStore(`clickhouse:${cluster.url}/nf_conc?cluster=${cluster.cluster}`);
    return {
      store: store.measurements,
      close: async () => {
        await store.close();
        await cluster.stop();
      },
    };
  },
  SIZE,
);
