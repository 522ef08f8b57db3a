/** The measurement store suite against a real ClickHouse 18.16: one server, and a two-shard cluster (Distributed table). */
import { describe, expect, it } from 'vitest';
import {
  ClickHouseStore,
  parseClickHouseUrl,
  prepareShard,
} from '../../src/store/clickhouse/clickhouse-store.js';
import { openStore } from '../../src/store/open-store.js';
import { startClickHouse, startClickHouseCluster } from '../helpers/clickhouse-server.js';
import { record } from './measurement-fixtures.js';
import { measurementStoreSuite } from './measurement-store-suite.js';

measurementStoreSuite('ClickHouse', async () => {
  const server = await startClickHouse();
  const store = await openStore(`clickhouse:${server.url}/nf_test`);
  return {
    store: store.measurements,
    close: async () => {
      await store.close();
      await server.stop();
    },
  };
});

measurementStoreSuite('ClickHouse two-shard cluster', async () => {
  const cluster = await startClickHouseCluster();
  for (const url of cluster.shardUrls.slice(1)) await prepareShard(url, 'nf_test');
  const store = await ClickHouseStore.open(`${cluster.url}/nf_test?cluster=${cluster.cluster}`);
  return {
    store: store.measurements,
    close: async () => {
      await store.close();
      await cluster.stop();
    },
  };
});

describe('ClickHouse cluster', () => {
  it('spreads rows over both shards and reads them back through the Distributed table', async () => {
    const cluster = await startClickHouseCluster();
    try {
      for (const url of cluster.shardUrls.slice(1)) await prepareShard(url, 'nf_spread');
      const store = await ClickHouseStore.open(`${cluster.url}/nf_spread?cluster=${cluster.cluster}`);
      const batch = Array.from({ length: 200 }, () => record({}));
      expect(await store.measurements.put(batch)).toEqual({ added: 200, duplicates: 0 });
      expect(await store.measurements.put(batch)).toEqual({ added: 0, duplicates: 200 });
      const perShard = await Promise.all(
        cluster.shardUrls.map(async (url) => {
          const r = await fetch(
            `${url}/?query=${encodeURIComponent('SELECT count() FROM nf_spread.measurements_local')}`,
          );
          return Number((await r.text()).trim());
        }),
      );
      expect(perShard[0]! + perShard[1]!).toBe(200);
      expect(Math.min(...perShard)).toBeGreaterThan(50);
      expect(await store.measurements.count()).toBe(200);
      await store.close();
    } finally {
      await cluster.stop();
    }
  });

  it('parses store URLs and refuses bad ones', () => {
    expect(parseClickHouseUrl('http://127.0.0.1:8123/nf?cluster=c1')).toEqual({
      url: 'http://127.0.0.1:8123',
      database: 'nf',
      cluster: 'c1',
    });
    expect(parseClickHouseUrl('http://h:8123')).toMatchObject({ database: 'netfreedom' });
    expect(() => parseClickHouseUrl('http://h:8123/nf;drop')).toThrow(/identifier/);
    expect(() => parseClickHouseUrl('ftp://h/nf')).toThrow(/http/);
  });
});
