/** Runs the tests over their inputs: bounded concurrency, resume from the output file, stop on request, a summary. */
import { randomBytes } from 'node:crypto';
import { analyzeMeasurement } from '../analysis/analyze.js';
import type { InterceptionCaDb } from '../analysis/tls/interception-cas.js';
import type { Measurement, WebConnectivityMeasurement } from '../model/measurement.js';
import type { Experiment, TargetsOverride } from './experiments/experiment.js';
import { envelope, type MeasurementMeta, ooniTime, reportId } from './measurement-envelope.js';
import { type OutputFile, openOutput, readExistingOutput, resumeKey } from './measurement-file.js';
import type { ProbeConfig } from './probe-config.js';

/** One measurement to make: a test and its input (null for a test without one). */
export interface Job {
  experiment: Experiment;
  input: string | null;
}

export interface RunOptions {
  jobs: Job[];
  cfg: ProbeConfig;
  known: InterceptionCaDb;
  meta: Omit<MeasurementMeta, 'reportId' | 'testStartTime'>;
  parallel: number;
  /** JSONL file appended to (and resumed from); null keeps measurements in memory only. */
  output: string | null;
  /** Each test's section of `--targets`. */
  targets?: ReadonlyMap<string, TargetsOverride>;
  /** Measure every endpoint of a test that samples them (whatsapp). */
  allEndpoints?: boolean;
  /**
   * Keeps a finished measurement's JSON text somewhere durable before it reaches the output (the submission
   * queue); called synchronously, so nothing runs between it and the output's append.
   */
  keep?(text: string, m: Measurement): void;
  /** Called after each measurement (progress output). */
  onMeasurement?(m: Measurement, verdict: string): void;
  /** Called once with our address as the control saw it (for ASN lookup); never stored. */
  onClientIp?(ip: string): void;
  /** Aborting stops taking new jobs; measurements in flight are dropped, the file stays valid. */
  signal?: AbortSignal;
}

export interface RunSummary {
  measured: number;
  skipped: number;
  /** Inputs refused before measuring (not http(s) URLs, a resolver URL of another scheme), with the reason. */
  invalid: { input: string; reason: string }[];
  interrupted: boolean;
  /** Count per verdict (`verdictOf`). */
  verdicts: Record<string, number>;
  /** The same per test name. */
  byTest: Record<string, Record<string, number>>;
  /** Count per failure of the control (test_keys.control_failure): without the control, verdicts are undetermined. */
  controlFailures: Record<string, number>;
  /** One report id per test, as OONI's probes open one report per test and run. */
  reportIds: Record<string, string>;
  measurements: Measurement[];
}

/**
 * The verdict a person reads. web_connectivity: the technique when known, else OONI's value ("accessible" for
 * false, "down" for a site that is down). Other tests: the technique the analysis names, else its outcome (ok,
 * anomaly, failure), judged by the same rules the pipeline applies.
 */
export function verdictOf(m: Measurement): string {
  if (m.test_name !== 'web_connectivity') {
    const a = analyzeMeasurement(m);
    return a.technique ? String(a.technique) : a.outcome;
  }
  const tk = (m as WebConnectivityMeasurement).test_keys;
  const v = tk.x_verdict ? tk.x_verdict.blocking : tk.blocking;
  if (v === false) {
    const accessible = tk.x_verdict ? tk.x_verdict.accessible : tk.accessible;
    return accessible === false ? 'down' : 'accessible';
  }
  return v ?? 'undetermined';
}

/** Measures every job whose (test, input) is not already in the output file. */
export async function runProbe(opts: RunOptions): Promise<RunSummary> {
  const start = new Date();
  const existing = opts.output ? readExistingOutput(opts.output) : null;
  const seen = new Set<string>();
  const queue = opts.jobs.filter((j) => {
    const key = resumeKey(j.experiment.name, j.input);
    if (seen.has(key) || existing?.done.has(key)) return false;
    seen.add(key);
    return true;
  });
  const tail = randomBytes(8).toString('hex');
  const reportIds: Record<string, string> = {};
  for (const j of opts.jobs)
    reportIds[j.experiment.name] ??= reportId(
      j.experiment.name,
      opts.meta.probeCc,
      opts.meta.probeAsn,
      start,
      tail,
    );
  const summary: RunSummary = {
    measured: 0,
    skipped: opts.jobs.length - queue.length,
    invalid: [],
    interrupted: false,
    verdicts: {},
    byTest: {},
    controlFailures: {},
    reportIds,
    measurements: [],
  };
  const testStartTime = ooniTime(start); // the same for every measurement of the run
  const output = opts.output ? openOutput(opts.output) : null;
  let next = 0;
  let toldIp = false;
  const worker = async () => {
    while (next < queue.length && !opts.signal?.aborted) {
      const job = queue[next++]!;
      const m = await measureJob(
        job,
        opts,
        { reportId: reportIds[job.experiment.name]!, testStartTime },
        (reason) => summary.invalid.push({ input: job.input ?? job.experiment.name, reason }),
      );
      if (!m || opts.signal?.aborted) continue; // stopped while measuring: leave it out, the next run redoes it
      if (m.clientIp && !toldIp) {
        toldIp = true;
        opts.onClientIp?.(m.clientIp);
      }
      record(summary, m.measurement, opts, output);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.parallel, queue.length)) }, worker));
  } finally {
    output?.close();
  }
  summary.interrupted =
    Boolean(opts.signal?.aborted) && summary.measured + summary.invalid.length < queue.length;
  return summary;
}

/** One job's measurement in its envelope, or null when its input was refused (`refuse` hears why). */
async function measureJob(
  job: Job,
  opts: RunOptions,
  report: { reportId: string; testStartTime: string },
  refuse: (reason: string) => void,
): Promise<{ measurement: Measurement; clientIp: string | null } | null> {
  const start = new Date();
  try {
    const observed = await job.experiment.measure(job.input, {
      cfg: opts.cfg,
      known: opts.known,
      targets: opts.targets?.get(job.experiment.name),
      allEndpoints: opts.allEndpoints ?? false,
    });
    const meta = { ...opts.meta, ...report };
    return {
      measurement: envelope(job.experiment, job.input, observed, meta, opts.cfg, start),
      clientIp: observed.clientIp,
    };
  } catch (err) {
    refuse(err instanceof Error ? err.message : String(err));
    return null;
  }
}

/** Keeps a finished measurement (queue, then output, in one synchronous stretch) and counts it. */
function record(summary: RunSummary, m: Measurement, opts: RunOptions, output: OutputFile | null): void {
  const text = JSON.stringify(m);
  opts.keep?.(text, m);
  if (output) output.append(text);
  else summary.measurements.push(m);
  const verdict = verdictOf(m);
  summary.verdicts[verdict] = (summary.verdicts[verdict] ?? 0) + 1;
  const perTest = summary.byTest[m.test_name] ?? {};
  perTest[verdict] = (perTest[verdict] ?? 0) + 1;
  summary.byTest[m.test_name] = perTest;
  const controlFailure = (m.test_keys as { control_failure?: unknown }).control_failure;
  if (typeof controlFailure === 'string' && controlFailure)
    summary.controlFailures[controlFailure] = (summary.controlFailures[controlFailure] ?? 0) + 1;
  summary.measured += 1;
  opts.onMeasurement?.(m, verdict);
}
