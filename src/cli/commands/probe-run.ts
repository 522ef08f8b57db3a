/** `netfreedom probe run`'s body: choose the jobs, measure with progress, keep and submit, report. */
import { loadInterceptionCas } from '../../analysis/tls/interception-cas.js';
import type { Measurement } from '../../model/measurement.js';
import type { TargetsOverride } from '../../probe/experiments/experiment.js';
import { readTargetsFile } from '../../probe/experiments/targets-file.js';
import { readExistingOutput } from '../../probe/measurement-file.js';
import { type RunSummary, runProbe } from '../../probe/probe-runner.js';
import { BackgroundFlusher } from '../../probe/queue/background-flusher.js';
import type { FlushReport } from '../../probe/queue/flush-queue.js';
import { reconcileOutput } from '../../probe/queue/reconcile-output.js';
import { SubmissionQueue } from '../../probe/queue/submission-queue.js';
import { countsText, printJson } from '../output.js';
import { type Io, OutputClosedError } from '../run-command.js';
import { checkControl, jobsFor, selectTests } from './probe-inputs.js';
import { annotations, type ProbeOptions, probeConfig, probeToken, whereAmI } from './probe-options.js';
import { backoffPolicy, queueDir } from './probe-queue-options.js';

/** Submission through the queue, while the run measures. */
interface Submission {
  server: string;
  queue: SubmissionQueue;
  flusher: BackgroundFlusher;
}

/** Measures the jobs asked for; exit 0 once measured, whatever the verdicts. */
export async function probeRun(io: Io, given: string[], opts: ProbeOptions): Promise<number> {
  const tests = selectTests(opts);
  const targets = opts.targets ? readTargetsFile(opts.targets) : new Map<string, TargetsOverride>();
  const jobs = await jobsFor(tests, given, opts, targets);
  checkControl(tests, opts);
  const cfg = probeConfig(opts);
  const place = await whereAmI(opts);
  const submission = opts.submit ? openSubmission(io, opts, opts.submit) : null;
  const aborter = new AbortController();
  const stop = () => aborter.abort();
  process.once('SIGINT', stop);
  const progress = progressLine(io, opts, jobs.length, stop);
  let summary: RunSummary;
  try {
    summary = await runProbe({
      jobs,
      cfg,
      known: loadInterceptionCas(),
      meta: { probeCc: place.cc, probeAsn: place.asn, annotations: annotations(opts.annotation) },
      parallel: opts.parallel,
      output: opts.output ?? null,
      targets,
      allEndpoints: Boolean(opts.allEndpoints),
      signal: aborter.signal,
      keep: submission
        ? (text) => {
            submission.queue.add(text, submission.server);
            submission.flusher.notify();
          }
        : undefined,
      onMeasurement: progress.measured,
    });
  } finally {
    process.removeListener('SIGINT', stop);
  }
  progress.done();
  const sent = submission ? await submission.flusher.finish() : null;
  reportRun(io, opts, summary, sent);
  if (progress.closed) throw progress.closed;
  if (sent && (sent.left.length > 0 || sent.refused.length > 0)) return 1;
  return summary.measured === 0 && summary.invalid.length > 0 ? 1 : 0;
}

/**
 * The queue for `--submit`: temporaries of a killed run removed, measurements queued but missing from the output
 * (a kill between the two writes) appended to it, and a flusher that sends while the run measures.
 */
function openSubmission(io: Io, opts: ProbeOptions, server: string): Submission {
  const queue = new SubmissionQueue(queueDir(opts));
  queue.removeStaleTemporaries();
  if (opts.output) {
    const repaired = reconcileOutput(opts.output, readExistingOutput(opts.output), queue);
    if (repaired > 0)
      io.err(`netfreedom: ${repaired} queued measurement(s) were missing from ${opts.output}; appended\n`);
  }
  return {
    server,
    queue,
    flusher: new BackgroundFlusher(queue, backoffPolicy(opts), { token: probeToken() }),
  };
}

/** Progress: a bar on a terminal, else one `verdict<TAB>what` line per measurement (stderr with --json). */
function progressLine(io: Io, opts: ProbeOptions, total: number, stop: () => void) {
  let done = 0;
  const state: {
    closed: OutputClosedError | null;
    measured(m: Measurement, verdict: string): void;
    done(): void;
  } = {
    closed: null,
    measured(m, verdict) {
      done += 1;
      if (io.isTty && !opts.json) {
        io.err(`\r${bar(done, total)} ${done}/${total} ${verdict.padEnd(16)}`);
        return;
      }
      const what =
        m.test_name === 'web_connectivity' ? m.input : [m.test_name, m.input].filter(Boolean).join(' ');
      try {
        (opts.json ? io.err : io.out)(`${verdict}\t${what}\n`);
      } catch (err) {
        // Once the reader of our output has gone (`| head`), stop measuring as Ctrl-C does and end as it asks.
        if (!(err instanceof OutputClosedError)) throw err;
        state.closed = err;
        stop();
      }
    },
    done() {
      if (io.isTty && !opts.json) io.err('\n');
    },
  };
  return state;
}

/** What went wrong (stderr), then the summary: JSON on stdout, or one line on stderr. */
function reportRun(io: Io, opts: ProbeOptions, summary: RunSummary, sent: FlushReport | null): void {
  for (const bad of summary.invalid) io.err(`netfreedom: ${bad.reason}\n`);
  for (const bad of sent?.refused ?? []) io.err(`netfreedom: refused: ${bad.reason}\n`);
  if (sent && sent.left.length > 0)
    io.err(
      `netfreedom: ${sent.left.length} measurement(s) not submitted yet (${sent.left[0]!.reason}); ` +
        'they stay queued: `netfreedom probe queue flush` sends them later\n',
    );
  const withoutControl = Object.values(summary.controlFailures).reduce((a, b) => a + b, 0);
  if (withoutControl > 0) {
    io.err(
      `netfreedom: the control at ${opts.control} did not answer for ${withoutControl} of ${summary.measured} measurement(s) (${countsText(summary.controlFailures)}); ` +
        'their verdicts are undetermined where the probe alone cannot tell — check --control\n',
    );
  }
  const reportIds = Object.values(summary.reportIds);
  const report = {
    measured: summary.measured,
    skipped: summary.skipped,
    invalid: summary.invalid.length,
    interrupted: summary.interrupted,
    verdicts: summary.verdicts,
    by_test: summary.byTest,
    control_failures: summary.controlFailures,
    output: opts.output ?? null,
    report_id: reportIds.length === 1 ? reportIds[0] : null,
    report_ids: summary.reportIds,
    ...(sent
      ? {
          submitted: sent.stored.map((s) => s.uid),
          duplicates: sent.stored.filter((s) => s.status === 'duplicate').length,
          submit_failures: sent.left.length + sent.refused.length,
          queued: sent.left.length,
        }
      : {}),
  };
  if (opts.json) printJson(io, opts.output ? report : { ...report, measurements: summary.measurements });
  else {
    const counts = countsText(summary.verdicts);
    io.err(
      `measured ${summary.measured} (skipped ${summary.skipped} already in the output)${counts ? `: ${counts}` : ''}${summary.interrupted ? ' — interrupted' : ''}${sent ? `; submitted ${sent.stored.length}, queued ${sent.left.length}` : ''}\n`,
    );
  }
}

function bar(done: number, total: number): string {
  const width = 24;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
