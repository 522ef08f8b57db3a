/**
 * ClickHouse's daily counts against the measurements on Debian's 18.16, one server and a two-shard cluster
 * (clickhouse-daily-counts-suite.ts), and on a store made before the daily counts existed.
 */
import { describe, expect, it } from 'vitest';
import { ClickHouseStore, prepareShard } from '../../src/store/clickhouse/clickhouse-store.js';
import { startClickHouse, startClickHouseCluster } from '../helpers/clickhouse-server.js';
import { dailyCountsSuite, expectSameAnswers } from './clickhouse-daily-counts-suite.js';
import { analysis } from './measurement-fixtures.js';
import { randomSet } from './random-records.js';

dailyCountsSuite('one server', async (database) => {
  const server = await startClickHouse();
  return {
    open: () => ClickHouseStore.open(`${server.url}/${database}`),
    url: server.url,
    database,
    stop: () => server.stop(),
  };
});

dailyCountsSuite('two-shard cluster', async (database) => {
  const cluster = await startClickHouseCluster();
  for (const url of cluster.shardUrls.slice(1)) await prepareShard(url, database);
  return {
    open: () => ClickHouseStore.open(`${cluster.url}/${database}?cluster=${cluster.cluster}`),
    url: cluster.url,
    database,
    stop: () => cluster.stop(),
  };
});

describe('ClickHouse daily counts on a store made before them', () => {
  it('are filled from the stored rows when the store opens, once', async () => {
    const server = await startClickHouse();
    const engine = { url: server.url, database: 'nf_old_daily', stop: () => server.stop() };
    const exec = async (sql: string) => {
      const r = await fetch(`${server.url}/`, { method: 'POST', body: sql });
      if (!r.ok) throw new Error(await r.text());
    };
    try {
      const first = await ClickHouseStore.open(`${server.url}/nf_old_daily`);
      await first.measurements.put(randomSet(300, 13));
      await first.measurements.updateAnalyses([
        { uid: (await first.measurements.staleRecords(9, { limit: 1 }))[0]!.uid, analysis: analysis('ok') },
      ]);
      await first.close();
      for (const t of ['measurement_daily_add', 'measurement_daily_retract', 'measurement_daily'])
        await exec(`DROP TABLE nf_old_daily.${t}`);
      const reopened = await ClickHouseStore.open(`${server.url}/nf_old_daily`);
      try {
        await expectSameAnswers(reopened, { ...engine, open: () => Promise.reject() });
        expect(
          (await reopened.measurements.aggregate({ includeSimulated: true }))[0]!.measurement_count,
        ).toBe(300);
      } finally {
        await reopened.close();
      }
      // Opened again: the table exists, nothing is added twice.
      const again = await ClickHouseStore.open(`${server.url}/nf_old_daily`);
      try {
        expect((await again.measurements.aggregate({ includeSimulated: true }))[0]!.measurement_count).toBe(
          300,
        );
      } finally {
        await again.close();
      }
    } finally {
      await server.stop();
    }
  }, 120_000);
});
