/** Runs the experiment over many URLs: bounded concurrency, resume from the output file, stop on request, a summary. */
import { randomBytes } from 'node:crypto';
import type { InterceptionCaDb } from '../analysis/tls/interception-cas.js';
import type { WebConnectivityMeasurement } from '../model/measurement.js';
import { type MeasurementMeta, measureUrl, ooniTime } from './measure-url.js';
import { appendMeasurement, readExistingOutput } from './measurement-file.js';
import type { ProbeConfig } from './probe-config.js';

export interface RunOptions {
  inputs: string[];
  cfg: ProbeConfig;
  known: InterceptionCaDb;
  meta: Omit<MeasurementMeta, 'reportId' | 'testStartTime'>;
  parallel: number;
  /** JSONL file appended to (and resumed from); null keeps measurements in memory only. */
  output: string | null;
  /** Sends each measurement somewhere (a server) before it counts as done; a failure is recorded, not fatal. */
  submit?(m: WebConnectivityMeasurement): Promise<string>;
  /** Called after each measurement (progress output). */
  onMeasurement?(m: WebConnectivityMeasurement, verdict: string): void;
  /** Called once with our address as the control saw it (for ASN lookup); never stored. */
  onClientIp?(ip: string): void;
  /** Aborting stops taking new URLs; measurements in flight are dropped, the file stays valid. */
  signal?: AbortSignal;
}

export interface RunSummary {
  measured: number;
  skipped: number;
  /** Inputs refused before measuring (not http(s) URLs), with the reason. */
  invalid: { input: string; reason: string }[];
  interrupted: boolean;
  /** Ids the server stored submissions under, and the submissions that failed. */
  submitted: string[];
  submitFailures: { input: string; reason: string }[];
  /** Count per verdict: x_verdict.blocking when present, else OONI's blocking ("accessible" for false). */
  verdicts: Record<string, number>;
  /** Count per failure of the control (test_keys.control_failure): without the control, verdicts are undetermined. */
  controlFailures: Record<string, number>;
  reportId: string;
  measurements: WebConnectivityMeasurement[];
}

/** The verdict a person reads: the technique when known, else OONI's value. */
export function verdictOf(m: WebConnectivityMeasurement): string {
  const tk = m.test_keys;
  const v = tk.x_verdict ? tk.x_verdict.blocking : tk.blocking;
  if (v === false)
    return tk.x_verdict
      ? tk.x_verdict.accessible === false
        ? 'down'
        : 'accessible'
      : tk.accessible === false
        ? 'down'
        : 'accessible';
  return v ?? 'undetermined';
}

/** Measures every input not already in the output file. */
export async function runProbe(opts: RunOptions): Promise<RunSummary> {
  const start = new Date();
  const reportId = `${start.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z_webconnectivity_${opts.meta.probeCc}_${opts.meta.probeAsn.replace(/^AS/, '')}_n1_${randomBytes(8).toString('hex')}`;
  const existing = opts.output
    ? readExistingOutput(opts.output)
    : { done: new Set<string>(), repaired: false };
  const queue = [...new Set(opts.inputs)].filter((u) => !existing.done.has(u));
  const summary: RunSummary = {
    measured: 0,
    skipped: opts.inputs.length - queue.length,
    invalid: [],
    interrupted: false,
    submitted: [],
    submitFailures: [],
    verdicts: {},
    controlFailures: {},
    reportId,
    measurements: [],
  };
  const testStartTime = ooniTime(start); // the same for every measurement of the run
  let next = 0;
  let toldIp = false;
  const worker = async () => {
    while (next < queue.length && !opts.signal?.aborted) {
      const input = queue[next++]!;
      let result: Awaited<ReturnType<typeof measureUrl>>;
      try {
        result = await measureUrl(input, opts.cfg, opts.known, {
          ...opts.meta,
          reportId,
          testStartTime,
        });
      } catch (err) {
        summary.invalid.push({ input, reason: err instanceof Error ? err.message : String(err) });
        continue;
      }
      if (opts.signal?.aborted) return; // stopped while measuring: leave it out, the next run redoes it
      if (result.clientIp && !toldIp) {
        toldIp = true;
        opts.onClientIp?.(result.clientIp);
      }
      const m = result.measurement;
      if (opts.output) appendMeasurement(opts.output, m);
      else summary.measurements.push(m);
      if (opts.submit) {
        try {
          summary.submitted.push(await opts.submit(m));
        } catch (err) {
          summary.submitFailures.push({ input, reason: err instanceof Error ? err.message : String(err) });
        }
      }
      const verdict = verdictOf(m);
      summary.verdicts[verdict] = (summary.verdicts[verdict] ?? 0) + 1;
      const controlFailure = m.test_keys.control_failure;
      if (controlFailure)
        summary.controlFailures[controlFailure] = (summary.controlFailures[controlFailure] ?? 0) + 1;
      summary.measured += 1;
      opts.onMeasurement?.(m, verdict);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.parallel, queue.length)) }, worker));
  summary.interrupted =
    Boolean(opts.signal?.aborted) && summary.measured + summary.invalid.length < queue.length;
  return summary;
}
