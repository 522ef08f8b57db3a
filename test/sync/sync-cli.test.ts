/**
 * `netfreedom sync ooni` and `serve --sync` as a user runs them (the built binary) against a real S3 server: exit
 * codes and --json, a sync killed with SIGKILL mid-download and run again, and the scheduled sync of a running
 * server picking up an object added while it runs.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { BIN, runCli, startCli, stopCli } from '../helpers/cli.js';
import { type FaultProxy, startFaultProxy } from '../helpers/fault-proxy.js';
import { type S3Server, startS3Server } from '../helpers/s3-server.js';
import { ASK, type BucketObject, buildOoniBucket } from './ooni-bucket.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The UTC day `n` days before today, as the archive's keys write it (YYYYMMDD) or with a separator. */
function daysAgo(n: number, separator = ''): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10).replaceAll('-', separator);
}

function syncArgs(db: string, endpoint: string, extra: string[] = []): string[] {
  return [
    'sync',
    'ooni',
    '--probe-cc',
    ASK.countries.join(','),
    '--test',
    ASK.tests.join(','),
    '--since',
    ASK.since,
    '--until',
    ASK.until,
    '--endpoint',
    endpoint,
    '--db',
    db,
    '--retries',
    '2',
    '--timeout',
    '5',
    ...extra,
  ];
}

async function storeUids(db: string): Promise<string[]> {
  const store = await DuckDbStore.open(db);
  try {
    return (await store.db.all<{ uid: string }>('SELECT uid FROM measurements ORDER BY uid')).map(
      (r) => r.uid,
    );
  } finally {
    await store.close();
  }
}

describe('netfreedom sync ooni (the binary)', () => {
  let dir: string;
  let s3: S3Server;
  let objects: BucketObject[];
  beforeAll(async () => {
    // The CLI runs from dist/: build it when this file runs on its own (npm test builds first).
    if (!existsSync(join(ROOT, 'dist', 'sync', 'sync-s3.js')))
      spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT });
    dir = mkdtempSync(join(tmpdir(), 'nf-sync-cli-'));
    s3 = await startS3Server();
    objects = buildOoniBucket();
    for (const o of objects) await s3.put(o.key, o.body);
  }, 60_000);
  afterAll(async () => {
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 1 when records were refused, 0 on a rerun that fetched nothing, 3 when the byte budget left objects', async () => {
    const db = join(dir, 'codes.duckdb');
    const first = await runCli([...syncArgs(db, s3.url), '--json']);
    expect(first.code, first.stderr).toBe(1);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({
      source: 's3',
      origin: 's3://ooni-data-eu-fra',
      failed: 0,
      left: 0,
      unreadable: 1,
    });
    expect(summary.measurements.rejectedByReason).toMatchObject({ 'invalid JSON': 2, unreadable: 1 });
    const again = await runCli(syncArgs(db, s3.url));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/held already, 0 changed upstream; 0 fetched \(0\.0 MB\)/);
    expect(again.stdout).toMatch(/^0 measurement\(s\) read: 0 added/m);

    const budget = await runCli([...syncArgs(join(dir, 'budget.duckdb'), s3.url), '--max-bytes', '100K']);
    expect(budget.code, budget.stderr).toBe(3);
    expect(budget.stdout).toMatch(/left at the byte budget \(run again to go on\)/);
  }, 120_000);

  it('refuses bad usage with exit 2 and an unreachable endpoint with one line and exit 1', async () => {
    const db = join(dir, 'usage.duckdb');
    const backwards = await runCli([
      'sync',
      'ooni',
      '--probe-cc',
      'KZ',
      '--since',
      '2024-03-02',
      '--until',
      '2024-03-01',
      '--db',
      db,
    ]);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toBe(
      'netfreedom: --since 2024-03-02 is not before --until 2024-03-01 (--until is excluded)\n',
    );
    const noCountry = await runCli(['sync', 'ooni', '--since', '2024-03-01', '--db', db]);
    expect(noCountry.code).toBe(2);
    expect(noCountry.stderr).toMatch(/required option '--probe-cc <cc,...>' not specified/);
    const badSize = await runCli([
      'sync',
      'ooni',
      '--probe-cc',
      'KZ',
      '--since',
      '2024-03-01',
      '--max-bytes',
      'lots',
    ]);
    expect(badSize.code).toBe(2);
    const gone = await startS3Server();
    await gone.close();
    const down = await runCli([
      ...['sync', 'ooni', '--probe-cc', 'KZ', '--since', '2024-03-01', '--until', '2024-03-02'],
      ...['--endpoint', gone.url, '--db', db, '--timeout', '1', '--retries', '0', '--json'],
    ]);
    expect(down.code).toBe(1);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toMatch(
      /^netfreedom: listing s3:\/\/ooni-data-eu-fra\/raw\/\S+: cannot reach the server \(connection refused\)\n$/,
    );
  }, 60_000);

  describe('killed with SIGKILL during a download', () => {
    let proxy: FaultProxy;
    beforeAll(async () => {
      proxy = await startFaultProxy(s3.url);
    });
    afterAll(() => proxy.close());

    it('ends, once run again, with the same measurements as a run never killed', async () => {
      const reference = join(dir, 'reference.duckdb');
      await runCli(syncArgs(reference, s3.url));
      const db = join(dir, 'killed.duckdb');
      proxy.throttleBytesPerSecond = 150_000;
      proxy.objectBytes = 0;
      const child: ChildProcess = spawn(process.execPath, [BIN, ...syncArgs(db, proxy.url)], {
        stdio: 'ignore',
      });
      // Killed in the middle of the object bytes (about 1 MB in all): some objects committed, some under way.
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && proxy.objectBytes < 450_000)
        await new Promise((r) => setTimeout(r, 20));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      proxy.throttleBytesPerSecond = 0;

      const store = await DuckDbStore.open(db);
      const heldBefore = (await store.sync.fetchedObjects('s3://ooni-data-eu-fra', 'US')).size;
      const partial = await store.measurements.count({ includeSimulated: true });
      await store.close();
      const asked = objects.filter((o) => o.asked && o.key.startsWith('raw/'));
      expect(partial).toBeGreaterThan(0);
      expect(heldBefore).toBeLessThan(asked.filter((o) => o.key.includes('/US/')).length);

      const rerun = await runCli([...syncArgs(db, proxy.url), '--json']);
      expect(rerun.code, rerun.stderr).toBe(1); // the bucket's refused lines, fetched only now or again
      const summary = JSON.parse(rerun.stdout);
      expect(summary.fetched).toBeLessThan(asked.length);
      expect(summary.fetched + summary.held).toBe(asked.length);
      expect(await storeUids(db)).toEqual(await storeUids(reference));
    }, 120_000);
  });

  it('serve --sync picks up an object added while the server runs, and the country answer says so', async () => {
    const db = join(dir, 'serve.duckdb');
    // The first run lists every hour from --sync-since to tomorrow: a window of days, not of years since the
    // bucket's 2024 objects (that grew by 48 listings a day and outgrew the test's minute), with one object in it.
    const ruLine = objects
      .filter((o) => o.key.includes('/RU/webconnectivity/') && o.key.startsWith('raw/'))
      .map((o) => JSON.parse(gunzipSync(o.body).toString().split('\n')[0]!))[0];
    const hourObject = (day: string, n: number, reportId: string) => ({
      key: `raw/${day}/00/RU/webconnectivity/${day}00_RU_webconnectivity.n${n}.0.jsonl.gz`,
      body: gzipSync(`${JSON.stringify({ ...ruLine, report_id: reportId })}\n`),
    });
    const old = hourObject(daysAgo(2), 8, 'there-before-serving');
    await s3.put(old.key, old.body);
    const { child, stderr } = await startCli(
      [
        'serve',
        '--port',
        '0',
        '--db',
        db,
        '--sync',
        'RU',
        '--sync-test',
        'web_connectivity,telegram',
        '--sync-every',
        '1s',
        '--sync-since',
        daysAgo(2, '-'),
        '--sync-endpoint',
        s3.url,
      ],
      /netfreedom serving http/,
    );
    try {
      const url = /serving (http:\/\/\S+)\//.exec(stderr())![1]!;
      const country = async () =>
        (await (await fetch(`${url}/api/v1/countries/RU`)).json()) as {
          last_sync: Record<string, unknown> | null;
        };
      const count = async () =>
        (
          (await (await fetch(`${url}/api/v1/measurements?probe_cc=RU&limit=1000`)).json()) as {
            items: unknown[];
          }
        ).items.length;
      let first = (await country()).last_sync;
      for (
        const until = Date.now() + 60_000;
        !first && Date.now() < until;
        first = (await country()).last_sync
      )
        await new Promise((r) => setTimeout(r, 200));
      if (!first) throw new Error(`no sync within 60 s: ${stderr()}`);
      expect(first).toMatchObject({
        source: 's3',
        origin: 's3://ooni-data-eu-fra',
        endpoint: `${s3.url}/ooni-data-eu-fra`,
      });
      const before = await count();

      // OONI files a new hour under today's date: the scheduled runs after the first list from yesterday on.
      const added = hourObject(daysAgo(0), 9, 'added-while-serving');
      await s3.put(added.key, added.body);
      const deadline = Date.now() + 30_000;
      let last = first;
      while (Date.now() < deadline) {
        last = (await country()).last_sync!;
        if (last.synced_at !== first.synced_at && last.objects_fetched === 1) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(last).toMatchObject({ objects_fetched: 1, measurements_added: 1 });
      expect(await count()).toBe(before + 1);
    } finally {
      await stopCli(child);
    }
  }, 120_000);
});
