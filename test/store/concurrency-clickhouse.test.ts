/** The concurrency suite on one ClickHouse server and on a two-shard cluster. */
import { prepareShard } from '../../src/store/clickhouse/clickhouse-store.js';
import { openStore } from '../../src/store/open-store.js';
import { startClickHouse, startClickHouseCluster } from '../helpers/clickhouse-server.js';
import { concurrencySuite } from './concurrency-suite.js';

/**
 * ClickHouse 18.16 answers a read in 10–20 ms of its own CPU, and the cluster is three servers on this
 * machine's two cores: fewer reads, so that the writes are what is tested, and half the records on the cluster.
 */
const SIZE = { writers: 50, perWriter: 200, readers: 4, readBackEvery: 4 };

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
  { ...SIZE, perWriter: 100 },
);
