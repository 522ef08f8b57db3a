/**
 * Runs every benchmark under bench/ at a tiny size, with tsx as `npm run bench:*` does, so that none can stop
 * running unnoticed: each must exit 0 and print every figure line with numbers in it. A missing prerequisite (a
 * stale build, Chromium, clickhouse-server) fails its test; nothing is skipped.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLICKHOUSE_BINARY } from './helpers/clickhouse-server.js';

const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface BenchRun {
  code: number | null;
  out: string;
}

/** `tsx bench/NAME/run.ts ARGS` in its own process group, killed whole (servers and browsers too) after `limitMs`. */
function runBench(name: string, args: string[], limitMs: number): Promise<BenchRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [join('bench', name, 'run.ts'), ...args], { cwd: ROOT, detached: true });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      out += `\n[bench-smoke: killed after ${limitMs} ms]`;
      process.kill(-child.pid!, 'SIGKILL');
    }, limitMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/**
 * A figure line as text, `#` for a number (1,000 and 0.25 alike: never NaN or Infinity), `…` for any words (met or
 * NOT met), and any run of spaces for the benchmark's column padding.
 */
function figure(template: string): RegExp {
  const source = template
    .split(/(#|…| +)/)
    .map((part) => {
      if (part === '#') return String.raw`-?\d[\d,]*(?:\.\d+)?`;
      if (part === '…') return '.*?';
      if (/^ +$/.test(part)) return String.raw`\s+`;
      return part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    })
    .join('');
  return new RegExp(source, 'g');
}

/** Exit code 0, and each template's line printed `times` times (once unless given). */
function expectFigures(run: BenchRun, templates: (string | [string, number])[]): void {
  expect(run.code, run.out).toBe(0);
  for (const t of templates) {
    const [template, times] = typeof t === 'string' ? [t, 1] : t;
    const found = run.out.match(figure(template))?.length ?? 0;
    expect(found, `"${template}" ${times} time(s) in:\n${run.out}`).toBe(times);
  }
}

/** The newest modification time of `path`, or of the files under it that `keep` accepts. */
function newest(path: string, keep: (file: string) => boolean): number {
  if (statSync(path).isFile()) return statSync(path).mtimeMs;
  let t = 0;
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    const file = join(entry.parentPath, entry.name);
    if (entry.isFile() && keep(file)) t = Math.max(t, statSync(file).mtimeMs);
  }
  return t;
}

/** Fails unless `built` exists and is newer than every source it is built from. */
function expectBuilt(built: string, sources: string[], keep: (file: string) => boolean, how: string): void {
  expect(existsSync(built), `${built} is missing: run \`${how}\``).toBe(true);
  const source = Math.max(...sources.map((dir) => newest(dir, keep)));
  expect(statSync(built).mtimeMs >= source, `${built} is older than its sources: run \`${how}\``).toBe(true);
}

describe('benchmarks at a tiny size', () => {
  it('bench/analysis', async () => {
    // More measurements than the bundled web_connectivity samples (81), so that every one is analysed.
    expectFigures(await runBench('analysis', ['200'], 25_000), [
      'context load (fingerprints + CAs): # ms, once',
      'floor JSON.parse: # ms (# µs/measurement)',
      'analyzeMeasurement: # ms (# µs/measurement, #/s)',
      'ratio analyze / parse: #×',
      '1M measurements ≈ # min on one core',
    ]);
  }, 30_000);

  it('bench/ingest, on the calling thread and with a worker, against the built binary', async () => {
    // The benchmark runs `bin/netfreedom.js ingest`, which runs dist/.
    expectBuilt(
      join(ROOT, 'dist', 'cli', 'main.js'),
      [join(ROOT, 'src')],
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
      'npx tsc -p tsconfig.build.json',
    );
    // Two rounds: each prints its floor and its ingest, and the goals take the median of both rounds' ratios.
    const lines: (string | [string, number])[] = [
      'ingest benchmark: # records (…), # MB, generated in # s',
      'DuckDB read_ndjson (explicit columns, native reference): # s, # records/s, # MB/s, CPU # s',
      ['round #: floor (readline + JSON.parse): # s, # records/s, # MB/s, CPU # s, peak RSS # MB', 2],
      ['into DuckDB: # s, # records/s, # MB/s, CPU # s, peak RSS # MB; speed #×, CPU #×', 2],
      "speed: # × the floor's, the median of #, # (goal ≥ #): …",
      "CPU: # × the floor's, the median of #, # (goal ≤ #): …",
      'peak RSS: # MB, the largest of the rounds (goal ≤ # MB): …',
      'breakdown (CPU s, each stage alone on this thread): read/decode # · parse # · analyse # · archive # · write and the rest #',
    ];
    const inThread = await runBench('ingest', ['--records', '100', '--rounds', '2'], 60_000);
    expectFigures(inThread, [...lines, ['netfreedom ingest (rules v#, default worker threads)', 2]]);
    const worker = await runBench(
      'ingest',
      ['--records', '50', '--body-kb', '1000', '--workers', '1', '--rounds', '2'],
      60_000,
    );
    expectFigures(worker, [
      ...lines.slice(1),
      'ingest benchmark: # records (every body # KB), # MB, generated in # s',
      ['netfreedom ingest (rules v#, 1 worker threads)', 2],
    ]);
  }, 130_000);

  it('bench/aggregate, with ClickHouse', async () => {
    expect(
      existsSync(CLICKHOUSE_BINARY),
      `${CLICKHOUSE_BINARY} is missing (CI installs clickhouse-server)`,
    ).toBe(true);
    expectFigures(await runBench('aggregate', ['--rows', '2000', '--runs', '1'], 55_000), [
      'DuckDB load: # s',
      'DuckDB daily counts built from the loaded rows: # s, # rows (#× fewer than measurements), file # → # MB',
      'SQLite load + indexes: # s',
      'SQLite daily counts + indexes: # s',
      'DuckDB optimize (re-sort by country, day; daily counts rebuilt): # s',
      "DuckDB closed for ClickHouse's turn: node process RSS now # MB",
      'ClickHouse two-shard cluster load: # s (daily counts filled by the materialized views in the same INSERTs), merge (OPTIMIZE FINAL on each shard): # s',
      'ClickHouse on disk (both shards): measurements_local # MB, measurement_uids_local # MB, measurement_daily_local # MB',
      'day × outcome, one country DuckDB p50 # ms (# before optimize) · SQLite p50 # ms · ratio #× (# cells)',
      'domain × outcome, all countries DuckDB p50 # ms (# before optimize) · SQLite p50 # ms · ratio #× (# cells)',
      [
        'DuckDB measurements table p50 # ms (# before optimize) · SQLite daily counts p50 # ms · ClickHouse cluster p50 # ms (goal ≤ # ms), its measurements table (FINAL) # ms (# runs)',
        2,
      ],
      'blocked sites, one country DuckDB p50 # ms (# sites, from the measurements table) · ClickHouse cluster p50 # ms (goal ≤ # ms)',
      "a submission (one record put) DuckDB p50 # ms, #× an empty store's # ms · ClickHouse cluster p50 # ms, #× an empty store's # ms",
      "ClickHouse cluster p50 ≤ # / # / # ms (…); a submission ≤ #× an empty store's (…)",
    ]);
  }, 60_000);

  it('bench/probe', async () => {
    // One URL per simulated host, half of them https.
    // Two rounds of two passes, each in a process of its own: each round prints its line, each goal names its median's round.
    expectFigures(await runBench('probe', ['--urls', '6', '--rounds', '2'], 110_000), [
      [
        "round #: probe wall # s, CPU # s; bare wall # s, CPU # s; wall #× the goal's base (bare #×), CPU #× the floor",
        2,
      ],
      "bench/probe: # URLs (half https), # in flight, # ms per round trip, # rounds (each goal judged on the median of the rounds' ratios)",
      "throttling on the timed URLs: # called, # refused for the probe's own event-loop lag (longest hold # s), all rounds",
      'CPU floor, bare Node (same exchanges, same concurrency; # of # answered 200): client # s, simulated Internet # s, control # s; all three over # cores # s (bare wall # s)',
      'wall time # s, critical-path bound # s; goal ≤ # × max(bound, CPU floor / cores) = # s: … (#×, the median of #, #: round #)',
      'the bare pass against the same goal: wall # s, #× (round #); bound by …',
      'probe CPU # s, bare client # s: #× the floor, the median of #, #: round #; goal ≤ #× (# s): …',
      'peak RSS of the probe process # MB, the largest of the rounds (goal ≤ # MB at # URLs): …',
      'CPU on the timed URLs: probe # s, simulated Internet # s, control # s',
      'all three over # cores: at least # s of wall time, #× the bound',
      'other processes (not the probe): simulated Internet peak RSS # MB, control # MB',
    ]);
  }, 120_000);

  it('bench/api, against the built server', async () => {
    // The benchmark runs `bin/netfreedom.js serve`, which runs dist/.
    expectBuilt(
      join(ROOT, 'dist', 'cli', 'main.js'),
      [join(ROOT, 'src')],
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
      'npx tsc -p tsconfig.build.json',
    );
    // Several writers at once: the benchmark exits 1 if the store's growth differs from the submissions answered
    // "added" (it did before the store's concurrency rewrite, bench/README.md).
    const run = await runBench(
      'api',
      ['--rows', '2000', '--duration', '1', '--connections', '4', '--writers', '3'],
      55_000,
    );
    const load = 'requests # p50 # ms p99 # ms (p99 #× floor) errors #';
    expectFigures(run, [
      'DuckDB load (measurements and daily counts): # s',
      'one KZ day × outcome query: # ms, # days, # measurements',
      `floor: GET /api/v1/methodology ${load}`,
      `aggregation, repeated dashboard queries ${load}`,
      `aggregation, distinct every request ${load}`,
      `aggregation, distinct, beside # writers ${load}`,
      `submissions, # writers beside # readers ${load}`,
      'submissions: #/s answered, # added, # duplicate',
      "goal p99 ≤ # ms for the dashboard's repeated aggregations: … (# ms)",
      'goal p99 ≤ # ms for distinct aggregations: … (# ms; floor p99 # ms)',
      'goal 0 errors with # writers beside # readers: … (readers #, writers #)',
      'goal reader p99 beside writers ≤ # × read-only (# ms): … (# ms, #× read-only)',
      'stored measurements grew by # (daily counts) and # (measurements table); submissions answered "added": # — match',
    ]);
  }, 60_000);

  it('bench/sync, against the built binary and a local S3 server', async () => {
    // The benchmark runs `bin/netfreedom.js sync` and `ingest`, which run dist/.
    expectBuilt(
      join(ROOT, 'dist', 'cli', 'main.js'),
      [join(ROOT, 'src')],
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
      'npx tsc -p tsconfig.build.json',
    );
    expectFigures(await runBench('sync', ['--records', '300'], 55_000), [
      'sync benchmark: # web_connectivity records (KZ, # days), # objects, # MB gzipped, made in # s',
      'floor: ingest of the same files from local disk: # s, # records/s, peak RSS # MB',
      'sync from the local S3 server: # s, # records/s, peak RSS # MB (# prefixes listed, # objects fetched)',
      'ratio to the floor: # (goal ≥ #): …',
      'peak RSS of sync: # MB (goal ≤ # MB): …',
      'rerun: 0 objects, 0 bytes fetched in # s',
    ]);
  }, 60_000);

  it('bench/web, in Chromium against the built dashboard', async () => {
    expectBuilt(
      join(ROOT, 'web', 'dist', 'index.html'),
      [join(ROOT, 'web', 'src'), join(ROOT, 'web', 'index.html')],
      (f) => !f.endsWith('.test.ts'),
      'npm run build -w web',
    );
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing (set CHROMIUM_PATH)`).toBe(true);
    expectFigures(await runBench('web', ['--runs', '1'], 55_000), [
      'initial JS (gzip): # KB in # file(s) — goal ≤ # KB: …; all chunks # KB',
      'floor (static file, fresh context): median # ms over # runs',
      'country page /country/KZ ready: median # ms (#× floor), max # ms',
    ]);
  }, 60_000);
});
