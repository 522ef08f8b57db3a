/**
 * Load: many probes submit to a real `netfreedom serve` on DuckDB at once, each through the probe's own flush (with
 * its retries on 429 and 5xx), while dashboard readers query the API: no measurement is lost or stored twice, and
 * the figures are submission latency and reader p99 against the API goal (README "API benchmark").
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, startServe } from '../../testkit/reliability/cli-process.js';
import { none, recordFigures, reliabilityMode, sized } from '../../testkit/reliability/figures.js';
import { emptyRun, percentile, runProbe } from '../../testkit/reliability/probe-submitter.js';
import { inspectStore } from '../../testkit/reliability/store-checks.js';
import { SUBMISSION_CC, submission } from '../../testkit/reliability/submission-bodies.js';
import { tempDir } from '../helpers/temp.js';

const PROBES = sized(10, 100);
const PER_PROBE = sized(30, 1000);
const READERS = sized(10, 50);
/** The project's goal for aggregations that miss the read cache (every write clears it): README "API benchmark". */
const READER_P99_GOAL_MS = 300;

/** What the dashboard asks while people look at it: the map, a country, its charts, its measurements. */
const READ_PATHS = [
  '/api/v1/countries',
  '/api/v1/countries/KZ',
  '/api/v1/assessments/KZ/2024',
  `/api/v1/aggregation?probe_cc=${SUBMISSION_CC}&axis_x=measurement_start_day`,
  '/api/v1/aggregation?axis_x=probe_cc',
  `/api/v1/measurements?probe_cc=${SUBMISSION_CC}&limit=50`,
  `/api/v1/countries/${SUBMISSION_CC}/blocked-sites?limit=20`,
  '/api/v1/aggregation?probe_cc=KZ&axis_x=measurement_start_day&axis_y=probe_asn',
];

beforeAll(() => ensureBuilt());

describe(`load: ${PROBES} probes × ${PER_PROBE} measurements beside ${READERS} dashboard readers`, () => {
  it(
    'stores every measurement once, as sent, and keeps readers answered',
    async () => {
      const db = join(tempDir('nf-load-'), 'load.duckdb');
      // A server sized for its probes: they all come from 127.0.0.1 here, so the per-client limit is lifted.
      const server = await startServe(db, ['--submissions-per-minute', '100000000']);
      const items = Array.from({ length: PROBES }, (_, p) =>
        Array.from({ length: PER_PROBE }, (_, n) => submission('load', p, n)),
      );
      const sent = new Map(items.flat().map((s) => [s.uid, s.body]));
      const run = emptyRun();
      const readLatencies: number[] = [];
      const readErrors: string[] = [];
      let left = 0;
      const started = performance.now();
      try {
        let writing = true;
        const reader = async (k: number) => {
          for (let n = k; writing; n++) {
            const path = READ_PATHS[n % READ_PATHS.length]!;
            const t = performance.now();
            try {
              const res = await fetch(`${server.url}${path}`);
              await res.arrayBuffer();
              if (res.status !== 200) readErrors.push(`GET ${path}: ${res.status}`);
              else readLatencies.push(performance.now() - t);
            } catch (err) {
              readErrors.push(`GET ${path}: ${(err as Error).message}`);
            }
          }
        };
        const readers = Array.from({ length: READERS }, (_, k) => reader(k));
        const lefts = await Promise.all(items.map((list) => runProbe(server.url, list, run)));
        left = lefts.reduce((a, b) => a + b, 0);
        writing = false;
        await Promise.all(readers);
      } finally {
        await server.stop('SIGTERM');
      }
      const seconds = (performance.now() - started) / 1000;

      const state = await inspectStore(db);
      const ours = [...state.records.values()].filter((r) => r.probeCc === SUBMISSION_CC);
      let notAsSent = 0;
      for (const r of ours) {
        const body = sent.get(r.uid);
        if (!body || JSON.stringify(r.raw) !== JSON.stringify(JSON.parse(body))) notAsSent++;
      }
      const lost = [...sent.keys()].filter((uid) => !state.records.has(uid)).length;
      const ackedLost = [...run.acknowledged].filter((uid) => !state.records.has(uid)).length;
      const addedTwice = [...run.added.values()].filter((n) => n > 1).length;
      const duplicated = state.duplicates + addedTwice + Math.max(0, ours.length - sent.size);
      const retries = [...run.retries.values()].reduce((a, b) => a + b, 0);
      const readerP99 = percentile(readLatencies, 0.99);
      const readerGoalMet = readerP99 <= READER_P99_GOAL_MS;
      console.log(
        `load: ${sent.size} measurements in ${seconds.toFixed(1)} s (${(run.acknowledged.size / seconds).toFixed(0)}/s); ` +
          `retries ${JSON.stringify(Object.fromEntries(run.retries))}; ${readLatencies.length} reads, ` +
          `p50 ${percentile(readLatencies, 0.5)} ms p99 ${readerP99} ms; first read errors ${readErrors.slice(0, 3)}`,
      );

      await recordFigures('load', [
        {
          name: `load: probes × measurements (readers)`,
          value: `${PROBES} × ${PER_PROBE} (${READERS})`,
          goal: 'full run: 100 × 1000 (50)',
          ok: true,
        },
        {
          name: 'load: submitted',
          value: sent.size,
          goal: `${PROBES * PER_PROBE}`,
          ok: sent.size === PROBES * PER_PROBE,
        },
        {
          name: 'load: acknowledged',
          value: run.acknowledged.size,
          goal: `${sent.size}`,
          ok: run.acknowledged.size === sent.size,
        },
        none('load: lost', lost + ackedLost),
        none('load: duplicated', duplicated),
        none('load: partial or altered rows', state.partial + notAsSent),
        { name: 'load: retries (429, 5xx, unreachable)', value: retries, goal: 'recorded', ok: true },
        {
          name: 'load: submission p50 (ms)',
          value: percentile(run.latencies, 0.5),
          goal: 'recorded',
          ok: true,
        },
        {
          name: 'load: submission p99 (ms)',
          value: percentile(run.latencies, 0.99),
          goal: 'recorded',
          ok: true,
        },
        {
          name: 'load: submissions per second',
          value: Math.round(run.acknowledged.size / seconds),
          goal: 'recorded',
          ok: true,
        },
        {
          name: 'load: reader requests (errors)',
          value: `${readLatencies.length} (${readErrors.length})`,
          goal: '0 errors',
          ok: readErrors.length === 0,
        },
        {
          name: 'load: reader p99 (ms)',
          value: readerP99,
          goal:
            reliabilityMode === 'full'
              ? `≤ ${READER_P99_GOAL_MS}`
              : `recorded (full: ≤ ${READER_P99_GOAL_MS})`,
          ok: reliabilityMode === 'full' ? readerGoalMet : true,
        },
      ]);
      expect(run.refused.slice(0, 5)).toEqual([]);
      expect(left).toBe(0);
      expect(run.acknowledged.size).toBe(sent.size);
      expect({ lost, ackedLost, duplicated, partial: state.partial, notAsSent }).toEqual({
        lost: 0,
        ackedLost: 0,
        duplicated: 0,
        partial: 0,
        notAsSent: 0,
      });
      expect(ours.length).toBe(sent.size);
      expect(readErrors.slice(0, 5)).toEqual([]);
      expect(readLatencies.length).toBeGreaterThan(READERS);
      // On a shared machine the latency goal only binds the full run (npm run test:reliability), which reports it.
      if (reliabilityMode === 'full') expect(readerP99).toBeLessThanOrEqual(READER_P99_GOAL_MS);
    },
    sized(600_000, 3_600_000),
  );
});
