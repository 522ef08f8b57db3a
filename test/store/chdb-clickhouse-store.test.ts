/**
 * The ClickHouse store's suites on a current ClickHouse (chdb, 26.x) as well as Debian's 18.16 server, so that
 * nothing depends on an old version's quirk: the measurement store, and the daily counts against the measurements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseStore } from '../../src/store/clickhouse/clickhouse-store.js';
import { type ChdbServer, startChdb } from '../helpers/chdb-server.js';
import { dailyCountsSuite } from './clickhouse-daily-counts-suite.js';
import { measurementStoreSuite } from './measurement-store-suite.js';

// chdb holds one engine per process: every suite of this file shares it, each in a database of its own.
let engine: ChdbServer | null = null;
async function chdb(): Promise<ChdbServer> {
  engine ??= await startChdb();
  return engine;
}
afterAll(async () => engine?.stop(), 60_000);

describe('chdb', () => {
  let server: ChdbServer;
  beforeAll(async () => {
    server = await chdb();
  }, 120_000);
  it('is a current ClickHouse, not the 18.16 server', () => {
    expect(Number(server.version.split('.')[0])).toBeGreaterThanOrEqual(24);
  });
});

measurementStoreSuite('ClickHouse 26 (chdb)', async () => {
  const server = await chdb();
  const store = await ClickHouseStore.open(`${server.url}/nf_chdb_suite`);
  return { store: store.measurements, close: () => store.close() };
});

dailyCountsSuite('ClickHouse 26 (chdb)', async (database) => {
  const server = await chdb();
  return {
    open: () => ClickHouseStore.open(`${server.url}/${database}_chdb`),
    url: server.url,
    database: `${database}_chdb`,
    stop: async () => undefined,
  };
});
