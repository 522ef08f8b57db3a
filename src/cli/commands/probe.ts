/** `netfreedom probe`: measure URLs with web_connectivity (plus TLS-level checks) and append OONI-format JSONL. */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { loadInterceptionCas } from '../../analysis/tls/interception-cas.js';
import { type RunSummary, runProbe } from '../../probe/probe-runner.js';
import { submitMeasurement } from '../../probe/submit-measurement.js';
import { UsageError } from '../../shared/errors.js';
import { readList } from '../../test-lists/read-list.js';
import { selectUrls } from '../../test-lists/test-lists.js';
import { checkCategoryCodes } from '../category-codes.js';
import { addOptions } from '../option-table.js';
import { countsText, printJson } from '../output.js';
import { action, type CliContext, type Io, OutputClosedError } from '../run-command.js';
import { annotations, PROBE_OPTIONS, type ProbeOptions, probeConfig, whereAmI } from './probe-options.js';

export function registerProbe(program: Command, ctx: CliContext): void {
  addOptions(
    program
      .command('probe')
      .description(
        'measure URLs (web_connectivity + SNI/interception/throttling checks); exit 0 once measured, blocked or not',
      )
      .argument('[urls...]', 'URLs to measure'),
    PROBE_OPTIONS,
  ).action(action(ctx, (urls: string[], opts: ProbeOptions) => probe(ctx.io, urls, opts)));
}

/** Measures the URLs given and listed; exit 0 once measured, whatever the verdicts. */
async function probe(io: Io, urls: string[], opts: ProbeOptions): Promise<number> {
  let inputs = [...urls, ...(await listedUrls(opts))];
  if (opts.limit) inputs = inputs.slice(0, opts.limit);
  if (inputs.length === 0) throw new UsageError('nothing to measure: give URLs or --list FILE|CC');
  const cfg = probeConfig(opts);
  const place = await whereAmI(opts);
  const aborter = new AbortController();
  const stop = () => aborter.abort();
  process.once('SIGINT', stop);
  let done = 0;
  // Once the reader of our output has gone (`| head`), stop measuring as Ctrl-C does and end as it asks.
  let closed: OutputClosedError | null = null;
  const line = (text: string) => {
    try {
      if (opts.json) io.err(text);
      else io.out(text);
    } catch (err) {
      if (!(err instanceof OutputClosedError)) throw err;
      closed = err;
      stop();
    }
  };
  const summary = await runProbe({
    inputs,
    cfg,
    known: loadInterceptionCas(),
    meta: { probeCc: place.cc, probeAsn: place.asn, annotations: annotations(opts.annotation) },
    parallel: opts.parallel,
    output: opts.output ?? null,
    signal: aborter.signal,
    // A registered probe's token (`netfreedom probes register`) comes from the environment, never the command line.
    submit: opts.submit
      ? async (m) =>
          (
            await submitMeasurement(
              opts.submit!,
              m,
              undefined,
              process.env.NETFREEDOM_PROBE_TOKEN || undefined,
            )
          ).uid
      : undefined,
    onMeasurement: (m, verdict) => {
      done += 1;
      if (io.isTty && !opts.json)
        io.err(`\r${bar(done, inputs.length)} ${done}/${inputs.length} ${verdict.padEnd(16)}`);
      else line(`${verdict}\t${m.input}\n`);
    },
  }).finally(() => process.removeListener('SIGINT', stop));
  if (io.isTty && !opts.json) io.err('\n');
  reportRun(io, opts, summary);
  if (closed) throw closed;
  if (summary.submitFailures.length > 0) return 1;
  return summary.measured === 0 && summary.invalid.length > 0 ? 1 : 0;
}

/** What went wrong (stderr), then the summary: JSON on stdout, or one line on stderr. */
function reportRun(io: Io, opts: ProbeOptions, summary: RunSummary): void {
  for (const bad of summary.invalid) io.err(`netfreedom: ${bad.reason}\n`);
  for (const bad of summary.submitFailures) io.err(`netfreedom: ${bad.reason}\n`);
  const withoutControl = Object.values(summary.controlFailures).reduce((a, b) => a + b, 0);
  if (withoutControl > 0) {
    io.err(
      `netfreedom: the control at ${opts.control} did not answer for ${withoutControl} of ${summary.measured} URL(s) (${countsText(summary.controlFailures)}); ` +
        'their verdicts are undetermined where the probe alone cannot tell — check --control\n',
    );
  }
  const report = {
    measured: summary.measured,
    skipped: summary.skipped,
    invalid: summary.invalid.length,
    interrupted: summary.interrupted,
    verdicts: summary.verdicts,
    control_failures: summary.controlFailures,
    output: opts.output ?? null,
    report_id: summary.reportId,
    ...(opts.submit ? { submitted: summary.submitted, submit_failures: summary.submitFailures.length } : {}),
  };
  if (opts.json) printJson(io, opts.output ? report : { ...report, measurements: summary.measurements });
  else {
    const counts = countsText(summary.verdicts);
    io.err(
      `measured ${summary.measured} (skipped ${summary.skipped} already in the output)${counts ? `: ${counts}` : ''}${summary.interrupted ? ' — interrupted' : ''}\n`,
    );
  }
}

/** The URLs of `--list` (a file, or a country's list plus global.csv), only `--category`'s when given. */
async function listedUrls(opts: ProbeOptions): Promise<string[]> {
  if (!opts.list) {
    if (opts.category) throw new UsageError('--category picks entries of --list: give --list FILE|CC too');
    return [];
  }
  const fromFile = existsSync(opts.list);
  if (!fromFile && !/^[A-Za-z]{2}$/.test(opts.list))
    throw new UsageError(`--list ${opts.list}: no such file, nor a two-letter country code`);
  if (opts.category) await checkCategoryCodes(opts.category, fromFile ? dirname(opts.list) : undefined);
  const entries = fromFile
    ? await readList(opts.list)
    : await selectUrls(opts.list, { categories: opts.category });
  if (fromFile && entries.length === 0)
    throw new UsageError(
      `--list ${opts.list}: no test-list entry in it (\`netfreedom lists validate ${opts.list}\` says why)`,
    );
  const chosen = entries.filter((e) => !opts.category || opts.category.includes(e.categoryCode));
  if (chosen.length === 0)
    throw new UsageError(
      `--list ${opts.list}: no entry${opts.category ? ` in the categories ${opts.category.join(',')}` : ''}`,
    );
  return chosen.map((e) => e.url);
}

function bar(done: number, total: number): string {
  const width = 24;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
