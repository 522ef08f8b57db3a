/** The measurement store suite against a real ClickHouse 18.16: one server, and a two-shard cluster (Distributed table). */
import { describe, expect, it } from 'vitest';
import { partsState } from '../../src/store/clickhouse/clickhouse-parts.js';
import {
  ClickHouseStore,
  parseClickHouseUrl,
  prepareShard,
} from '../../src/store/clickhouse/clickhouse-store.js';
import { openStore } from '../../src/store/open-store.js';
import { startClickHouse, startClickHouseCluster } from '../helpers/clickhouse-server.js';
import { analysis, record } from './measurement-fixtures.js';
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

describe('ClickHouse reads and FINAL', () => {
  it('read the current verdicts whether or not the table is merged (FINAL skipped only when merged)', async () => {
    const server = await startClickHouse();
    try {
      const store = await ClickHouseStore.open(`${server.url}/nf_final`);
      const select = async (sql: string) => {
        const r = await fetch(`${server.url}/?query=${encodeURIComponent(`${sql} FORMAT JSONEachRow`)}`);
        return (await r.text())
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Record<string, unknown>);
      };
      const parts = () => partsState(select, 'nf_final', 'measurements');
      const days = ['2024-03-01', '2024-04-01'];
      const batch = Array.from({ length: 40 }, (_, i) =>
        record({ startTime: `${days[i % 2]}T10:00:00Z`, outcome: i % 4 === 0 ? 'anomaly' : 'ok' }),
      );
      await store.measurements.put(batch);
      const counts = async () =>
        (await store.measurements.aggregate({ axisX: 'measurement_start_day' })).map((r) => [
          r.measurement_start_day,
          r.measurement_count,
          r.anomaly_count,
        ]);
      // Freshly inserted parts are not deduplicated by ReplacingMergeTree: FINAL is still needed.
      expect((await parts()).merged).toBe(false);
      expect(await counts()).toEqual([
        ['2024-03-01', 20, 10],
        ['2024-04-01', 20, 0],
      ]);
      await store.measurements.optimize();
      expect((await parts()).merged).toBe(true);
      expect(await counts()).toEqual([
        ['2024-03-01', 20, 10],
        ['2024-04-01', 20, 0],
      ]);
      // Re-analysis writes second versions: a read without FINAL would count 25 rows on each day.
      await store.measurements.updateAnalyses(
        batch.slice(0, 10).map((r) => ({ uid: r.uid, analysis: analysis('anomaly', 'dns', 2) })),
      );
      expect((await parts()).merged).toBe(false);
      expect(await counts()).toEqual([
        ['2024-03-01', 20, 12],
        ['2024-04-01', 20, 5],
      ]);
      await store.measurements.optimize();
      expect((await parts()).merged).toBe(true);
      expect(await counts()).toEqual([
        ['2024-03-01', 20, 12],
        ['2024-04-01', 20, 5],
      ]);
      await store.close();
    } finally {
      await server.stop();
    }
  });
});

/** Runs one statement on the server at `url`, as an operator's client would. */
function sqlAt(url: string) {
  return async (sql: string) => {
    const r = await fetch(`${url}/`, { method: 'POST', body: sql });
    if (!r.ok) throw new Error(await r.text());
    return r.text();
  };
}

describe('ClickHouse tables made by an older version', () => {
  it('gain the uid index, filled from the rows stored before it, and filled again when the fill was cut short', async () => {
    const server = await startClickHouse();
    const exec = sqlAt(server.url);
    const indexed = async () =>
      (await exec('SELECT count(), uniqExact(uid) FROM nf_uids.measurement_uids FORMAT TSV')).trim();
    try {
      const first = await ClickHouseStore.open(`${server.url}/nf_uids`);
      const stored = Array.from({ length: 300 }, (_, i) =>
        record({ probeCc: i % 2 ? 'KZ' : 'RU', startTime: `2024-0${1 + (i % 3)}-05T00:00:00Z` }),
      );
      await first.measurements.put(stored);
      await first.close();
      // A store made before the index: no view, no index, no marker.
      for (const table of ['measurement_uids_add', 'measurement_uids', 'measurement_uids_filled'])
        await exec(`DROP TABLE nf_uids.${table}`);
      const reopened = await ClickHouseStore.open(`${server.url}/nf_uids`);
      expect(await indexed()).toBe('300\t300');
      expect(await reopened.measurements.put(stored)).toEqual({ added: 0, duplicates: 300 });
      expect(await reopened.measurements.get(stored[299]!.uid)).toEqual(stored[299]);
      await reopened.close();
      // A fill cut short before its marker: the next open fills again, and the set of uids stays the same.
      await exec('DROP TABLE nf_uids.measurement_uids_filled');
      const again = await ClickHouseStore.open(`${server.url}/nf_uids`);
      try {
        expect((await indexed()).split('\t')[1]).toBe('300');
        const fresh = record({ probeCc: 'KZ' });
        expect(await again.measurements.put([stored[0]!, fresh])).toEqual({ added: 1, duplicates: 1 });
        expect(await again.measurements.count({ includeSimulated: true })).toBe(301);
      } finally {
        await again.close();
      }
    } finally {
      await server.stop();
    }
  });

  it("gain netfreedom's TLS confirmation column, old rows read false, new rows carry it", async () => {
    const server = await startClickHouse();
    const exec = sqlAt(server.url);
    try {
      const store = await ClickHouseStore.open(`${server.url}/nf_old`);
      const old = record({ probeCc: 'KZ' });
      await store.measurements.put([old]);
      await store.close();
      // The table as it was before the column existed.
      await exec('ALTER TABLE nf_old.measurements DROP COLUMN tls_confirmed');
      const reopened = await ClickHouseStore.open(`${server.url}/nf_old`);
      try {
        const fresh = record({ probeCc: 'KZ' });
        await reopened.measurements.put([{ ...fresh, analysis: { ...fresh.analysis, tlsConfirmed: true } }]);
        const page = await reopened.measurements.search({ probeCc: ['KZ'] });
        expect(Object.fromEntries(page.items.map((i) => [i.uid, i.tlsConfirmed]))).toEqual({
          [old.uid]: false,
          [fresh.uid]: true,
        });
        expect((await reopened.measurements.aggregate({}))[0]!.tls_confirmed_count).toBe(1);
      } finally {
        await reopened.close();
      }
    } finally {
      await server.stop();
    }
  });
});
