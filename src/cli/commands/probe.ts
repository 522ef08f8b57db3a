/** `netfreedom probe`: measure URLs with web_connectivity (plus TLS-level checks) and append OONI-format JSONL. */
import { closeSync, existsSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { loadInterceptionCas } from '../../analysis/tls/interception-cas.js';
import { discoverClientIp } from '../../control/control-client.js';
import { systemNetwork } from '../../netx/network.js';
import { DEFAULT_MAX_BODY, DEFAULT_TIMEOUTS, type ProbeConfig } from '../../probe/probe-config.js';
import { type RunSummary, runProbe } from '../../probe/probe-runner.js';
import { submitMeasurement } from '../../probe/submit-measurement.js';
import { InvalidDataError, UsageError } from '../../shared/errors.js';
import { lookupIp } from '../../shared/ip-registry.js';
import { readList } from '../../test-lists/read-list.js';
import { selectUrls } from '../../test-lists/test-lists.js';
import { checkCategoryCodes } from '../category-codes.js';
import { addOptions, type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { countsText, printJson } from '../output.js';
import { parseCodes, parsePositiveInt } from '../parse-args.js';
import { action, type CliContext, type Io, OutputClosedError } from '../run-command.js';
import { readCaFile } from './control.js';

interface ProbeOptions extends JsonOption {
  list?: string;
  category?: string[];
  limit?: number;
  control: string;
  udpResolver: string;
  caFile?: string;
  neutralSni: string;
  parallel: number;
  output?: string;
  probeCc?: string;
  probeAsn?: string;
  stepTimeout?: number;
  annotation: string[];
  submit?: string;
}

const PROBE_OPTIONS: OptionTable<ProbeOptions> = {
  list: {
    flags: '--list <file|cc>',
    description: 'a Citizen Lab list file, or a country code (its list plus global.csv)',
  },
  category: {
    flags: '--category <codes>',
    description: 'only the entries of --list in these category codes, comma-separated',
    parse: parseCodes,
  },
  limit: { flags: '--limit <n>', description: 'measure at most N URLs', parse: parsePositiveInt },
  control: {
    flags: '--control <url>',
    description: 'the control (test helper) URL, ours or OONI’s',
    required: true,
  },
  udpResolver: {
    flags: '--udp-resolver <ip:port|none>',
    description: 'also ask this DNS-over-UDP resolver',
    default: '8.8.8.8:53',
  },
  caFile: { flags: '--ca-file <pem>', description: 'trusted roots (default: Node’s bundled store)' },
  neutralSni: {
    flags: '--neutral-sni <name>',
    description: 'SNI used to confirm SNI filtering on the same IP',
    default: 'example.com',
  },
  parallel: {
    flags: '--parallel <n>',
    description: 'URLs measured at once',
    parse: parsePositiveInt,
    default: 8,
  },
  output: {
    flags: '--output <file.jsonl>',
    description: 'append measurements here; URLs already in it are skipped (resume)',
  },
  probeCc: {
    flags: '--probe-cc <cc>',
    description: 'country code to report (default: looked up offline from our address)',
  },
  probeAsn: {
    flags: '--probe-asn <asn>',
    description: 'ASN to report, e.g. AS9198 (default: looked up offline)',
  },
  stepTimeout: {
    flags: '--step-timeout <ms>',
    description: 'timer of each network step (default: 10 s, DNS 4 s)',
    parse: parsePositiveInt,
  },
  annotation: {
    flags: '--annotation <key=value>',
    description: 'add an annotation to every measurement (repeatable)',
    parse: collect,
    default: [],
  },
  submit: {
    flags: '--submit <url>',
    description: 'also send each measurement to a netfreedom server (POST /api/v1/measurements)',
  },
  ...jsonOption('print the summary as JSON (progress goes to stderr)'),
};

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
    submit: opts.submit ? async (m) => (await submitMeasurement(opts.submit!, m)).uid : undefined,
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

function probeConfig(opts: ProbeOptions): ProbeConfig {
  const step = opts.stepTimeout;
  const timeouts = step
    ? { dns: step, connect: step, tlsHandshake: step, http: step * 2, control: step * 4, perUrl: step * 12 }
    : DEFAULT_TIMEOUTS;
  for (const [flag, url] of [
    ['--control', opts.control],
    ['--submit', opts.submit],
  ] as const) {
    if (url !== undefined && !(/^https?:\/\//.test(url) && URL.canParse(url)))
      throw new UsageError(`${flag} ${url}: expected an http(s) URL`);
  }
  const resolver = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]):(\d{1,5})$/.exec(opts.udpResolver);
  if (opts.udpResolver !== 'none' && (!resolver || Number(resolver[1]) > 65535))
    throw new UsageError(`--udp-resolver ${opts.udpResolver}: expected IP:PORT (e.g. 8.8.8.8:53) or none`);
  if (opts.output) checkWritable(opts.output);
  return {
    network: systemNetwork,
    timeouts,
    maxBodyBytes: DEFAULT_MAX_BODY,
    maxRedirects: 10,
    neutralSni: opts.neutralSni,
    ca: readCaFile(opts.caFile),
    udpResolver: opts.udpResolver === 'none' ? null : opts.udpResolver,
    controlUrl: opts.control,
    throttlingFactor: 5,
  };
}

/** Opens `file` for appending (creating it empty): a folder that does not exist is said before measuring. */
function checkWritable(file: string): void {
  try {
    closeSync(openSync(file, 'a'));
  } catch (err) {
    throw new InvalidDataError(`--output ${file}`, `cannot write the file (${(err as Error).message})`);
  }
}

/** Country and ASN: given, or looked up offline from the address our control sees (never stored). */
async function whereAmI(opts: ProbeOptions): Promise<{ cc: string; asn: string }> {
  if (opts.probeAsn && !/^AS\d+$/.test(opts.probeAsn))
    throw new UsageError(`--probe-asn ${opts.probeAsn}: expected AS<number>`);
  if (opts.probeCc && !/^[A-Za-z]{2}$/.test(opts.probeCc))
    throw new UsageError(`--probe-cc ${opts.probeCc}: expected two letters`);
  let cc = opts.probeCc?.toUpperCase();
  let asn = opts.probeAsn;
  if (!cc || !asn) {
    const ip = await discoverClientIp(opts.control, 10_000);
    const entry = ip ? lookupIp(ip.replace(/^::ffff:/, '')) : null;
    cc ??= entry?.cc ?? 'ZZ';
    asn ??= `AS${entry?.asn ?? 0}`;
  }
  return { cc, asn };
}

function annotations(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new UsageError(`--annotation ${p}: expected key=value`);
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function bar(done: number, total: number): string {
  const width = 24;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
