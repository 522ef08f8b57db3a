/**
 * `sync ooni` against a real S3 server holding a bucket in OONI's layout (test/sync/ooni-bucket.ts): it ingests
 * exactly what `ingest` of the same objects from disk does, fetches nothing the second time, fetches an object again
 * when its ETag changes, retries 503s, 429s and slow answers, refetches a download that stalls, and stops at a byte
 * budget between objects.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_ANALYZER } from '../../src/cli/ingest-context.js';
import { ingestFiles } from '../../src/ingest/ingest-files.js';
import { archiveTransport } from '../../src/netx/archive-transport.js';
import { systemNetwork } from '../../src/netx/network.js';

const transport = archiveTransport(systemNetwork.lookup);

import { RemoteError } from '../../src/shared/errors.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { syncFromS3 } from '../../src/sync/sync-s3.js';
import type { SyncRequest } from '../../src/sync/sync-summary.js';
import { type FaultProxy, startFaultProxy } from '../helpers/fault-proxy.js';
import { type S3Server, startS3Server } from '../helpers/s3-server.js';
import { ASK, type BucketObject, buildOoniBucket, LEGACY_DAY } from './ooni-bucket.js';

const analyze = CURRENT_ANALYZER.analyze;

function request(overrides: Partial<SyncRequest> = {}): SyncRequest {
  return {
    ...ASK,
    concurrency: 4,
    fetch: { timeoutMs: 2000, retries: 3, backoffMs: 20, transport },
    ingest: { analyze, source: 'ooni' },
    ...overrides,
  };
}

/** The older layout's day (listing every day from it to 2024 would be thousands of hours). */
const LEGACY = { since: LEGACY_DAY, until: '2020-03-03' };

describe('sync ooni from S3', () => {
  let dir: string;
  let s3: S3Server;
  let objects: BucketObject[];
  let expected: { read: number; added: number; rejected: number; uids: string[] };
  let n = 0;
  const freshStore = () => DuckDbStore.open(join(dir, `s${n++}.duckdb`));
  const uids = async (store: DuckDbStore) =>
    (await store.db.all<{ uid: string }>('SELECT uid FROM measurements ORDER BY uid')).map((r) => r.uid);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nf-sync-'));
    s3 = await startS3Server();
    objects = buildOoniBucket();
    for (const o of objects) await s3.put(o.key, o.body);
    // The reference: `ingest` of the objects a sync of the whole window should fetch, copied to disk as they are.
    const files = join(dir, 'files');
    for (const o of objects.filter((x) => x.asked)) {
      mkdirSync(dirname(join(files, o.key)), { recursive: true });
      writeFileSync(join(files, o.key), o.body);
    }
    const store = await freshStore();
    const s = await ingestFiles(store, [files], { analyze, source: 'ooni' });
    expected = { read: s.read, added: s.added, rejected: s.rejected, uids: await uids(store) };
    await store.close();
  }, 60_000);
  afterAll(async () => {
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests what ingest of the same objects does, and the second run fetches 0 bytes', async () => {
    const store = await freshStore();
    const asked = objects.filter((o) => o.asked);
    const legacy = await syncFromS3(store, { bucket: s3.bucket, endpoint: s3.url }, request(LEGACY));
    expect(legacy).toMatchObject({ listed: 2, fetched: 2 });
    const first = await syncFromS3(store, { bucket: s3.bucket, endpoint: s3.url }, request());
    first.listed += legacy.listed;
    first.fetched += legacy.fetched;
    first.bytes += legacy.bytes;
    for (const k of ['read', 'added', 'rejected'] as const) first.measurements[k] += legacy.measurements[k];
    expect(first).toMatchObject({
      listed: asked.length,
      fetched: asked.length,
      held: 0,
      unreadable: 1,
      failed: 0,
      left: 0,
      bytes: asked.reduce((b, o) => b + o.body.length, 0),
    });
    expect(first.measurements).toMatchObject({
      read: expected.read,
      added: expected.added,
      rejected: expected.rejected,
    });
    expect(await uids(store)).toEqual(expected.uids);
    // The refusals name the object and the line, as ingest names file and line.
    expect(first.measurements.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^raw\/20240302\/09\/RU\/signal\/2024030209_RU_signal\.n1\.0\.jsonl\.gz:1: invalid JSON/,
        ),
      ]),
    );
    expect(first.measurements.errors.some((e) => /n2\.0\.jsonl\.gz: cannot be read to its end/.test(e))).toBe(
      true,
    );
    // The legacy layout's records keep OONI's measurement_uid; raw/ lines carry none and get a content id.
    expect(expected.uids.filter((u) => /^01\d{8}/.test(u)).length).toBeGreaterThan(0);
    expect(expected.uids.filter((u) => u.startsWith('h-')).length).toBeGreaterThan(0);
    const held = await store.sync.fetchedObjects('s3://ooni-data-eu-fra', 'US');
    expect([...held.values()].find((o) => o.key.includes('.n2.0.'))?.outcome).toBe('unreadable');
    expect(await store.sync.lastCountrySync('IT')).toMatchObject({
      source: 's3',
      origin: 's3://ooni-data-eu-fra',
    });

    const second = await syncFromS3(store, { bucket: s3.bucket, endpoint: s3.url }, request());
    expect(second).toMatchObject({ listed: asked.length - 2, held: asked.length - 2, fetched: 0, bytes: 0 });
    expect(second.measurements.read).toBe(0);
    expect(await uids(store)).toEqual(expected.uids);
    expect((await store.sync.lastCountrySync('IT'))?.added).toBe(0);
    await store.close();
  }, 60_000);

  it('fetches an object again when its ETag changed, adding only its new records', async () => {
    const store = await freshStore();
    const key = 'raw/20240301/22/US/webconnectivity/2024030122_US_webconnectivity.n1.0.jsonl.gz';
    await syncFromS3(store, { bucket: s3.bucket, endpoint: s3.url }, request());
    const before = await store.measurements.count({ includeSimulated: true });
    const original = objects.find((o) => o.key === key)!;
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const line = gunzipSync(original.body).toString('utf8').trim().split('\n')[0]!;
    const extra = JSON.stringify({ ...JSON.parse(line), report_id: 'republished-with-one-more' });
    try {
      await s3.put(key, gzipSync(`${line}\n${extra}\n`));
      const again = await syncFromS3(store, { bucket: s3.bucket, endpoint: s3.url }, request());
      expect(again).toMatchObject({ changed: 1, fetched: 1 });
      expect(again.measurements).toMatchObject({ read: 2, added: 1, duplicates: 1 });
      expect(await store.measurements.count({ includeSimulated: true })).toBe(before + 1);
      const third = await syncFromS3(store, { bucket: s3.bucket, endpoint: s3.url }, request());
      expect(third.fetched).toBe(0);
    } finally {
      await s3.put(key, original.body);
    }
    await store.close();
  }, 60_000);

  describe('through a misbehaving proxy', () => {
    let proxy: FaultProxy;
    beforeAll(async () => {
      proxy = await startFaultProxy(s3.url);
    });
    afterAll(() => proxy.close());

    it('retries 503, 429 and answers slower than the timeout, and ends with everything', async () => {
      const store = await freshStore();
      const retries: string[] = [];
      proxy.faults = [
        { match: (p) => p.includes('list-type') && p.includes('%2F05%2FIT%2F'), times: 2, status: 503 },
        { match: (p) => p.includes('2024030104_US_signal'), times: 1, status: 429 },
        { match: (p) => p.includes('2024030211_US_webconnectivity'), times: 1, delayMs: 900 },
        { match: (p) => p.includes('2024030116_US_telegram'), times: 1, stallAfterBytes: 300 },
      ];
      const summary = await syncFromS3(
        store,
        { bucket: s3.bucket, endpoint: proxy.url },
        request({
          fetch: {
            timeoutMs: 400,
            retries: 3,
            backoffMs: 20,
            transport,
            onRetry: (what, _a, reason) => retries.push(`${what}: ${reason}`),
          },
        }),
      );
      expect(summary.failed).toBe(0);
      expect(retries.some((r) => r.includes('HTTP 503 SlowDown'))).toBe(true);
      expect(retries.some((r) => r.includes('2024030104_US_signal') && r.includes('HTTP 429'))).toBe(true);
      expect(
        retries.some((r) => r.includes('2024030211_US_webconnectivity') && r.includes('no answer within')),
      ).toBe(true);
      expect(retries.some((r) => r.includes('2024030116_US_telegram') && r.includes('no data for'))).toBe(
        true,
      );
      const direct = await freshStore();
      await syncFromS3(direct, { bucket: s3.bucket, endpoint: s3.url }, request());
      expect(await uids(store)).toEqual(await uids(direct));
      await Promise.all([store.close(), direct.close()]);
    }, 60_000);

    it('gives up on an object that keeps failing, names it, and fetches it on the next run', async () => {
      const store = await freshStore();
      const key = '2024030118_RU_tor';
      proxy.faults = [{ match: (p) => p.includes(key), times: 4, status: 500 }];
      const summary = await syncFromS3(store, { bucket: s3.bucket, endpoint: proxy.url }, request());
      expect(summary.failed).toBe(1);
      expect(summary.failures[0]).toMatch(
        /2024030118_RU_tor\.n1\.0\.jsonl\.gz: HTTP 500 SlowDown \(after 4 tries\)$/,
      );
      const next = await syncFromS3(store, { bucket: s3.bucket, endpoint: proxy.url }, request());
      expect(next).toMatchObject({ fetched: 1, failed: 0 });
      await store.close();
    }, 60_000);

    it('stops between objects at the byte budget, and the next runs go on where it stopped', async () => {
      const store = await freshStore();
      const asked = objects.filter((o) => o.asked && o.key.startsWith('raw/'));
      const budget = 200_000;
      proxy.objectBytes = 0;
      const first = await syncFromS3(
        store,
        { bucket: s3.bucket, endpoint: proxy.url },
        request({ maxBytes: budget }),
      );
      expect(first.left).toBeGreaterThan(0);
      expect(first.bytes).toBeLessThanOrEqual(budget);
      expect(proxy.objectBytes).toBe(first.bytes);
      let runs = 1;
      let total = first.fetched;
      for (let s = first; s.left > 0 && runs < 20; runs++) {
        s = await syncFromS3(
          store,
          { bucket: s3.bucket, endpoint: proxy.url },
          request({ maxBytes: 300_000 }),
        );
        total += s.fetched;
      }
      expect(total).toBe(asked.length);
      expect(runs).toBeGreaterThan(1);
      await store.close();
    }, 60_000);
  });

  it('says in one line when the endpoint cannot be reached', async () => {
    const store = await freshStore();
    const closed = await startS3Server();
    const url = closed.url;
    await closed.close();
    const attempt = syncFromS3(
      store,
      { bucket: 'ooni-data-eu-fra', endpoint: url },
      request({ fetch: { timeoutMs: 500, retries: 1, backoffMs: 10, transport } }),
    );
    await expect(attempt).rejects.toThrow(RemoteError);
    await expect(attempt).rejects.toThrow(
      /^listing s3:\/\/ooni-data-eu-fra\/.*: cannot reach the server \(connection refused\) \(after 2 tries\)$/,
    );
    expect(await store.measurements.count()).toBe(0);
    await store.close();
  }, 30_000);
});
