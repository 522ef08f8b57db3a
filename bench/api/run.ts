/**
 * API benchmark: the HTTP API on 10,000,000 synthetic measurements under 50 concurrent clients (autocannon), p50/p99,
 * against a floor measured in the same run: the same server answering the methodology (no database work). Figures:
 * repeated dashboard aggregations (answered from the read cache after the first), distinct aggregations (every
 * request reaches the store), and distinct aggregations while 20 writers submit measurements; then a check that the
 * store grew by exactly the submissions answered "added".
 * The server runs as its own process (`node bin/netfreedom.js serve`, built first) so the load generator does not
 * share its event loop.
 * Run: npm run build && npx tsx bench/api/run.ts [--rows N] [--duration S] [--connections N] [--writers N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import {
  buildSyntheticDailyCounts,
  checkSyntheticLoad,
  insertSyntheticRows,
  SYNTHETIC_COUNTRIES,
} from '../shared/synthetic-measurements.js';
import { distinctAggregations } from './distinct-aggregations.js';
import { type Figure, readLoad } from './read-load.js';
import { startServeProcess } from './serve-process.js';
import { storedCounts } from './stored-counts.js';
import { type SubmissionFigure, submissionMaker, submitLoad, submitOne } from './submissions.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    writers: { type: 'string', default: '20' },
  },
});
const ROWS = Number(values.rows);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const WRITERS = Number(values.writers);
for (const [name, n] of Object.entries({ ROWS, DURATION, CONNECTIONS, WRITERS }))
  if (!(Number.isInteger(n) && n > 0))
    throw new Error(`--${name.toLowerCase()} takes a whole number above 0`);

/** Goals, set at the defaults (10 M rows, 50 readers, 20 writers). */
const REPEATED_P99_MS = 100;
const DISTINCT_P99_MS = 300;
const BESIDE_WRITERS_FACTOR = 2;

const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

function figureLine(f: Figure | (SubmissionFigure & { name: string }), floor: Figure): string {
  const errors = Object.entries(f.errorKinds).map(([k, n]) => `${k} ×${n}`);
  return (
    `  ${f.name.padEnd(46)} requests ${String(f.requests).padStart(7)}  p50 ${f.p50.toFixed(0).padStart(5)} ms  ` +
    `p99 ${f.p99.toFixed(0).padStart(5)} ms  (p99 ${(f.p99 / Math.max(1, floor.p99)).toFixed(1)}× floor)  ` +
    `errors ${f.errors}${errors.length ? ` (${errors.join(', ')})` : ''}`
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nf-bench-api-'));
  console.log(
    `api benchmark: ${ROWS.toLocaleString('en')} rows, ${CONNECTIONS} connections, ${WRITERS} writers, ${DURATION} s per figure`,
  );
  try {
    let t = performance.now();
    const db = join(dir, 'bench.duckdb');
    const store = await DuckDbStore.open(db);
    await insertSyntheticRows(store, ROWS);
    await buildSyntheticDailyCounts(store);
    console.log(
      `  DuckDB load (measurements and daily counts): ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    await checkSyntheticLoad(store, ROWS);
    await store.close();
    // The benchmark's writers all come from one address: lift the per-client submission limit.
    const server = await startServeProcess(db, ['--submissions-per-minute', '1000000000']);
    try {
      t = performance.now();
      const sample = await fetch(`${server.url}/api/v1/aggregation?probe_cc=KZ&axis_x=measurement_start_day`);
      const body = (await sample.json()) as { result: { measurement_count: number }[] };
      const total = body.result.reduce((s, r) => s + r.measurement_count, 0);
      console.log(
        `  one KZ day × outcome query: ${(performance.now() - t).toFixed(0)} ms, ${body.result.length} days, ${total.toLocaleString('en')} measurements`,
      );
      const load = (name: string, path: () => string) =>
        readLoad(server.url, name, path, CONNECTIONS, DURATION);
      const floor = await load('floor: GET /api/v1/methodology', () => '/api/v1/methodology');
      let n = 0;
      const repeated = await load('aggregation, repeated dashboard queries', () => {
        const cc = SYNTHETIC_COUNTRIES[n++ % 4]!;
        return `/api/v1/aggregation?probe_cc=${cc}&axis_x=measurement_start_day`;
      });
      // One source of distinct paths for both phases: the second never asks what the first did.
      const distinct = distinctAggregations();
      const readOnly = await load('aggregation, distinct every request', distinct);

      const make = await submissionMaker();
      // One submission first: the server loads the analysis context (fingerprints, CAs) on the first, once.
      await submitOne(server.url, make(0));
      const before = await storedCounts(server.url);
      const [beside, submissions] = await Promise.all([
        load(`aggregation, distinct, beside ${WRITERS} writers`, distinct),
        submitLoad(server.url, make, WRITERS, DURATION, 1),
      ]);
      const after = await storedCounts(server.url);

      for (const f of [floor, repeated, readOnly, beside]) console.log(figureLine(f, floor));
      console.log(
        figureLine(
          { ...submissions, name: `submissions, ${WRITERS} writers beside ${CONNECTIONS} readers` },
          floor,
        ),
      );
      console.log(
        `  submissions: ${submissions.perSecond.toFixed(1)}/s answered, ${submissions.added} added, ${submissions.duplicates} duplicate`,
      );
      console.log(
        `  goal p99 ≤ ${REPEATED_P99_MS} ms for the dashboard's repeated aggregations: ${met(repeated.p99 <= REPEATED_P99_MS)} (${repeated.p99} ms)`,
      );
      console.log(
        `  goal p99 ≤ ${DISTINCT_P99_MS} ms for distinct aggregations: ${met(readOnly.p99 <= DISTINCT_P99_MS)} (${readOnly.p99} ms; floor p99 ${floor.p99} ms)`,
      );
      const errors = beside.errors + submissions.errors;
      console.log(
        `  goal 0 errors with ${WRITERS} writers beside ${CONNECTIONS} readers: ${met(errors === 0)} (readers ${beside.errors}, writers ${submissions.errors})`,
      );
      const bound = BESIDE_WRITERS_FACTOR * readOnly.p99;
      console.log(
        `  goal reader p99 beside writers ≤ ${BESIDE_WRITERS_FACTOR} × read-only (${bound} ms): ${met(beside.p99 <= bound)} (${beside.p99} ms, ${(beside.p99 / Math.max(1, readOnly.p99)).toFixed(1)}× read-only)`,
      );
      const grewDaily = after.dailyCounts - before.dailyCounts;
      const grewTable = after.measurements - before.measurements;
      const same = grewDaily === submissions.added && grewTable === submissions.added;
      console.log(
        `  stored measurements grew by ${grewDaily} (daily counts) and ${grewTable} (measurements table); ` +
          `submissions answered "added": ${submissions.added} — ${same ? 'match' : 'MISMATCH'}`,
      );
      // Not a goal missed but a store that lost or invented measurements: the run fails.
      if (!same) process.exitCode = 1;
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
