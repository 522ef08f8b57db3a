/**
 * The same sync on a ClickHouse store: what was fetched is kept in its sync tables, a second run fetches nothing, a
 * changed ETag is fetched again, and the measurements equal those of the same sync into DuckDB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_ANALYZER } from '../../src/cli/ingest-context.js';
import { archiveTransport } from '../../src/netx/archive-transport.js';
import { systemNetwork } from '../../src/netx/network.js';

const transport = archiveTransport(systemNetwork.lookup);

import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { syncFromS3 } from '../../src/sync/sync-s3.js';
import type { SyncRequest } from '../../src/sync/sync-summary.js';
import { type ClickHouseServer, startClickHouse } from '../helpers/clickhouse-server.js';
import { type S3Server, startS3Server } from '../helpers/s3-server.js';
import { ASK, buildOoniBucket } from './ooni-bucket.js';

const request = (): SyncRequest => ({
  ...ASK,
  concurrency: 4,
  fetch: { timeoutMs: 2000, retries: 2, backoffMs: 20, transport },
  ingest: { analyze: CURRENT_ANALYZER.analyze, source: 'ooni' },
});

async function uids(store: Store): Promise<string[]> {
  const out: string[] = [];
  for (let cursor: string | null | undefined; ; ) {
    const page = await store.measurements.search({
      limit: 1000,
      includeSimulated: true,
      ...(cursor ? { cursor } : {}),
    });
    out.push(...page.items.map((i) => i.uid));
    if (!page.nextCursor) return out.sort();
    cursor = page.nextCursor;
  }
}

describe('sync ooni into ClickHouse', () => {
  let server: ClickHouseServer;
  let s3: S3Server;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nf-sync-ch-'));
    [server, s3] = await Promise.all([startClickHouse(), startS3Server()]);
    for (const o of buildOoniBucket()) await s3.put(o.key, o.body);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([server?.stop(), s3?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its state in ClickHouse: a rerun fetches nothing, a changed ETag is fetched again', async () => {
    const store = await openStore(`clickhouse:${server.url}/nf_sync`);
    const duck = await openStore(join(dir, 'same.duckdb'));
    try {
      const location = { bucket: s3.bucket, endpoint: s3.url };
      const first = await syncFromS3(store, location, request());
      const reference = await syncFromS3(duck, location, request());
      expect(first.fetched).toBe(reference.fetched);
      expect(first.measurements).toMatchObject({
        added: reference.measurements.added,
        rejected: reference.measurements.rejected,
      });
      expect(await uids(store)).toEqual(await uids(duck));
      expect(await store.sync.lastCountrySync('US')).toMatchObject({
        source: 's3',
        objects: expect.any(Number),
      });

      const second = await syncFromS3(store, location, request());
      expect(second).toMatchObject({ fetched: 0, bytes: 0, held: first.fetched });

      const key = 'raw/20240301/14/US/webconnectivity/2024030114_US_webconnectivity.n1.0.jsonl.gz';
      const line = JSON.stringify({
        ...JSON.parse(
          (await import('node:fs')).readFileSync(
            join(import.meta.dirname, '..', 'fixtures', 'pipeline', 'ooni', 'report1.json'),
            'utf8',
          ),
        ),
        report_id: 'changed-upstream',
      });
      await s3.put(key, gzipSync(`${line}\n`));
      const third = await syncFromS3(store, location, request());
      expect(third).toMatchObject({ changed: 1, fetched: 1 });
      expect(third.measurements.added).toBe(1);
      expect((await store.sync.fetchedObjects('s3://ooni-data-eu-fra', 'US')).get(key)?.records).toBe(1);
    } finally {
      await Promise.all([store.close(), duck.close()]);
    }
  }, 120_000);
});
