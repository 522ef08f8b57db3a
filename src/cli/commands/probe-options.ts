/** `netfreedom probe run`'s options: the table, and the configuration, place and annotations they make. */
import { closeSync, openSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { discoverClientIp } from '../../control/control-client.js';
import { systemNetwork } from '../../netx/network.js';
import { SUITES, type Suite } from '../../probe/experiments/experiment.js';
import { DEFAULT_MAX_BODY, DEFAULT_TIMEOUTS, type ProbeConfig } from '../../probe/probe-config.js';
import { InvalidDataError, UsageError } from '../../shared/errors.js';
import { lookupIp } from '../../shared/ip-registry.js';
import { type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { parseCodes, parsePositiveInt } from '../parse-args.js';
import { readCaFile } from './control.js';
import { QUEUE_OPTIONS, type QueueOptions } from './probe-queue-options.js';

export interface ProbeOptions extends JsonOption, QueueOptions {
  test?: string[];
  suite?: Suite;
  targets?: string;
  allEndpoints?: boolean;
  list?: string;
  category?: string[];
  limit?: number;
  control?: string;
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

export const PROBE_OPTIONS: OptionTable<ProbeOptions> = {
  test: {
    flags: '--test <names>',
    description: 'the tests to run, comma-separated (default web_connectivity; the list is below)',
    parse: parseNames,
  },
  suite: {
    flags: '--suite <suite>',
    description: 'every test of a suite (websites, im, circumvention)',
    choices: SUITES,
  },
  targets: {
    flags: '--targets <file>',
    description:
      "a JSON object keyed by test name replacing the tests' bundled endpoints (data/apps/SOURCE.md)",
  },
  allEndpoints: {
    flags: '--all-endpoints',
    description: 'measure every endpoint of a test that samples them (whatsapp), not a sample',
  },
  list: {
    flags: '--list <file|cc>',
    description: 'web_connectivity: a Citizen Lab list file, or a country code (its list plus global.csv)',
  },
  category: {
    flags: '--category <codes>',
    description: 'only the entries of --list in these category codes, comma-separated',
    parse: parseCodes,
  },
  limit: { flags: '--limit <n>', description: 'measure at most N inputs', parse: parsePositiveInt },
  control: {
    flags: '--control <url>',
    description: 'the control (test helper) URL, ours or OONI’s; web_connectivity and dnscheck need it',
  },
  udpResolver: {
    flags: '--udp-resolver <ip:port|none>',
    description: 'web_connectivity: also ask this DNS-over-UDP resolver',
    default: '8.8.8.8:53',
  },
  caFile: { flags: '--ca-file <pem>', description: 'trusted roots (default: Node’s bundled store)' },
  neutralSni: {
    flags: '--neutral-sni <name>',
    description: 'SNI used to confirm SNI filtering and throttling on the same IP',
    default: 'example.com',
  },
  parallel: {
    flags: '--parallel <n>',
    description: 'measurements made at once',
    parse: parsePositiveInt,
    default: 8,
  },
  output: {
    flags: '--output <file.jsonl>',
    description: 'append measurements here; (test, input) pairs already in it are skipped (resume)',
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
    description:
      'also send each measurement to a netfreedom server (POST /api/v1/measurements) through the offline queue, with ' +
      "the registered probe's token in env NETFREEDOM_PROBE_TOKEN when set (anonymous otherwise)",
  },
  ...QUEUE_OPTIONS,
  ...jsonOption('print the summary as JSON (progress goes to stderr)'),
};

/** The network steps' configuration; addresses and files that cannot work are refused before measuring. */
export function probeConfig(opts: ProbeOptions): ProbeConfig {
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
    controlUrl: opts.control ?? null,
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
export async function whereAmI(opts: ProbeOptions): Promise<{ cc: string; asn: string }> {
  if (opts.probeAsn && !/^AS\d+$/.test(opts.probeAsn))
    throw new UsageError(`--probe-asn ${opts.probeAsn}: expected AS<number>`);
  if (opts.probeCc && !/^[A-Za-z]{2}$/.test(opts.probeCc))
    throw new UsageError(`--probe-cc ${opts.probeCc}: expected two letters`);
  let cc = opts.probeCc?.toUpperCase();
  let asn = opts.probeAsn;
  if (!cc || !asn) {
    const ip = opts.control ? await discoverClientIp(opts.control, 10_000) : null;
    const entry = ip ? lookupIp(ip.replace(/^::ffff:/, '')) : null;
    cc ??= entry?.cc ?? 'ZZ';
    asn ??= `AS${entry?.asn ?? 0}`;
  }
  return { cc, asn };
}

/** `--annotation key=value`, repeated, as the measurements' annotations. */
export function annotations(pairs: string[]): Record<string, string> {
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

/** Comma-separated test names, lower case ("telegram,signal"). */
function parseNames(value: string): string[] {
  const names = value
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0 || names.some((n) => !/^[a-z_]{1,40}$/.test(n)))
    throw new InvalidArgumentError(
      `"${value}" is not a comma-separated list of test names such as telegram,signal`,
    );
  return names;
}

/** A registered probe's token comes from the environment, never the command line (where `ps` would show it). */
export function probeToken(): string | undefined {
  return process.env.NETFREEDOM_PROBE_TOKEN || undefined;
}
