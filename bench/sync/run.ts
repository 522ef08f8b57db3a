/**
 * Sync benchmark: a busy country's week of web_connectivity records (default 50,000, real samples varied, as
 * bench/ingest makes them) in OONI's layout, one gzipped object per hour, on a local S3 server; `netfreedom sync
 * ooni` from it end to end, against `netfreedom ingest` of the same files from local disk in the same run (the
 * floor). Both run as the built binary in a process of their own, so that each one's peak RSS is its own.
 * Run: npx tsx bench/sync/run.ts [--records N]   (needs `npx tsc -p tsconfig.build.json` first)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { startS3Server } from '../../test/helpers/s3-server.js';
import { NETWORKS, variedRecord } from '../shared/varied-records.js';

const { values } = parseArgs({ options: { records: { type: 'string', default: '50000' } } });
const N = Number(values.records);
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'netfreedom.js');
const FIRST_DAY = '2024-03-01';
const DAYS = 7;
const GOAL_RATIO = 0.8;
const GOAL_RSS_MB = 300;
/** Prints the process's peak RSS on exit: the binary's own figure, whatever its children or threads. */
const PEAK_RSS = `data:text/javascript,process.on("exit",()=>process.stderr.write("peak-rss "+process.resourceUsage().maxRSS+"\\n"))`;

interface Timed {
  seconds: number;
  rssMb: number;
  out: string;
  code: number | null;
}

function runBinary(args: string[]): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, ['--import', PEAK_RSS, BIN, ...args], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const rss = /peak-rss (\d+)/.exec(err);
      if (!rss) return reject(new Error(`no peak RSS from ${args[0]}: ${err}`));
      resolve({ seconds: (performance.now() - t) / 1000, rssMb: Number(rss[1]) / 1024, out, code });
    });
  });
}

/** The week as objects: one per hour, `raw/YYYYMMDD/HH/KZ/webconnectivity/YYYYMMDDHH_KZ_webconnectivity.n1.0.jsonl.gz`. */
function buildObjects(): { key: string; body: Buffer }[] {
  const hours = DAYS * 24;
  const perHour: string[][] = Array.from({ length: hours }, () => []);
  const start = Date.parse(`${FIRST_DAY}T00:00:00Z`);
  const kz = NETWORKS.filter(([cc]) => cc === 'KZ');
  for (let i = 0; i < N; i++) {
    const line = variedRecord(i, { networks: kz, start, spanSeconds: hours * 3600 });
    const t = Date.parse(
      `${(JSON.parse(line) as { measurement_start_time: string }).measurement_start_time}Z`,
    );
    perHour[Math.floor((t - start) / 3_600_000)]!.push(line);
  }
  return perHour.map((lines, h) => {
    const stamp = new Date(start + h * 3_600_000).toISOString();
    const day = stamp.slice(0, 10).replaceAll('-', '');
    const hh = stamp.slice(11, 13);
    return {
      key: `raw/${day}/${hh}/KZ/webconnectivity/${day}${hh}_KZ_webconnectivity.n1.0.jsonl.gz`,
      body: gzipSync(`${lines.join('\n')}\n`),
    };
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nf-bench-sync-'));
  const s3 = await startS3Server();
  try {
    let t = performance.now();
    const objects = buildObjects();
    const files = join(dir, 'files');
    for (const o of objects) {
      mkdirSync(dirname(join(files, o.key)), { recursive: true });
      writeFileSync(join(files, o.key), o.body);
      await s3.put(o.key, o.body);
    }
    const bytes = objects.reduce((n, o) => n + o.body.length, 0);
    console.log(
      `sync benchmark: ${N.toLocaleString('en')} web_connectivity records (KZ, ${DAYS} days), ${objects.length} objects, ${(bytes / 1e6).toFixed(1)} MB gzipped, made in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const floor = await runBinary([
      'ingest',
      files,
      '--source',
      'ooni',
      '--db',
      join(dir, 'ingest.duckdb'),
      '--json',
    ]);
    const ingested = JSON.parse(floor.out) as { added: number };
    if (floor.code !== 0 || ingested.added !== N) throw new Error(`ingest: exit ${floor.code}, ${floor.out}`);
    console.log(
      `  floor: ingest of the same files from local disk: ${floor.seconds.toFixed(1)} s, ${(N / floor.seconds).toFixed(0)} records/s, peak RSS ${floor.rssMb.toFixed(0)} MB`,
    );

    const until = new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + DAYS * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const syncArgs = ['sync', 'ooni', '--probe-cc', 'KZ', '--since', FIRST_DAY, '--until', until];
    const db = join(dir, 'sync.duckdb');
    const sync = await runBinary([...syncArgs, '--endpoint', s3.url, '--db', db, '--json']);
    const synced = JSON.parse(sync.out) as {
      fetched: number;
      bytes: number;
      measurements: { added: number };
    };
    if (sync.code !== 0 || synced.measurements.added !== N)
      throw new Error(`sync: exit ${sync.code}, ${sync.out}`);
    console.log(
      `  sync from the local S3 server: ${sync.seconds.toFixed(1)} s, ${(N / sync.seconds).toFixed(0)} records/s, peak RSS ${sync.rssMb.toFixed(0)} MB (${DAYS * 24} prefixes listed, ${synced.fetched} objects fetched)`,
    );
    const ratio = floor.seconds / sync.seconds;
    console.log(
      `  ratio to the floor: ${ratio.toFixed(2)} (goal ≥ ${GOAL_RATIO}): ${ratio >= GOAL_RATIO ? 'met' : 'NOT met'}`,
    );
    console.log(
      `  peak RSS of sync: ${sync.rssMb.toFixed(0)} MB (goal ≤ ${GOAL_RSS_MB} MB): ${sync.rssMb <= GOAL_RSS_MB ? 'met' : 'NOT met'}`,
    );
    t = performance.now();
    const again = await runBinary([...syncArgs, '--endpoint', s3.url, '--db', db, '--json']);
    const rerun = JSON.parse(again.out) as { fetched: number; bytes: number };
    console.log(
      `  rerun: ${rerun.fetched} objects, ${rerun.bytes} bytes fetched in ${again.seconds.toFixed(1)} s`,
    );
  } finally {
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
