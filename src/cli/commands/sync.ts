/** `netfreedom sync ooni`: fetch what the store does not hold yet from OONI's archive (S3) or API, and ingest it. */
import type { Command } from 'commander';
import type { SyncSummary } from '../../sync/sync-summary.js';
import { CURRENT_ANALYZER, createConvertContext } from '../ingest-context.js';
import { addOptions, type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { printJson, rejectionsText } from '../output.js';
import { parseCountry, parsePositiveInt } from '../parse-args.js';
import { progressBar } from '../progress.js';
import { action, type CliContext, EXIT_FAILURE, type Io } from '../run-command.js';
import { addStoreOptions, type StoreOptions, withStore } from '../store-options.js';
import { parseDate } from './measurement-options.js';
import {
  checkWindow,
  DEFAULT_BUCKET,
  fetchPolicy,
  parseEndpoint,
  parseRetries,
  parseSize,
  parseTests,
  parseTimeoutSeconds,
  runSync,
  tomorrow,
} from './sync-options.js';

/** Exit code when the byte budget stopped the sync with objects left: run it again to go on. */
export const EXIT_BUDGET_REACHED = 3;

interface SyncOoniOptions extends JsonOption {
  probeCc: string[];
  since: string;
  until?: string;
  test: string[];
  source: 's3' | 'api';
  endpoint?: string;
  bucket: string;
  concurrency: number;
  maxBytes?: number;
  timeout: number;
  retries: number;
}

const SYNC_OONI_OPTIONS: OptionTable<SyncOoniOptions> = {
  probeCc: {
    flags: '--probe-cc <cc,...>',
    description: 'countries (ISO 3166-1 alpha-2)',
    parse: (v) => v.split(',').map((c) => parseCountry(c.trim())),
    required: true,
  },
  since: {
    flags: '--since <date>',
    description: "first day (YYYY-MM-DD; the archive's days: when OONI received the measurements)",
    parse: parseDate,
    required: true,
  },
  until: {
    flags: '--until <date>',
    description: 'day after the last (exclusive; default tomorrow)',
    parse: parseDate,
  },
  test: {
    flags: '--test <name,...>',
    description: 'OONI test names',
    parse: parseTests,
    default: ['web_connectivity'],
  },
  source: {
    flags: '--source <source>',
    description: "OONI's S3 archive, or its API (slower, rate-limited)",
    choices: ['s3', 'api'],
    default: 's3',
  },
  endpoint: {
    flags: '--endpoint <url>',
    description:
      "an S3-compatible server (path-style) or API to read instead of OONI's (default: the bucket on AWS eu-central-1, https://api.ooni.io)",
    parse: parseEndpoint,
  },
  bucket: { flags: '--bucket <name>', description: 'the S3 bucket', default: DEFAULT_BUCKET },
  concurrency: {
    flags: '--concurrency <n>',
    description: 'requests at once',
    parse: parsePositiveInt,
    default: 4,
  },
  maxBytes: {
    flags: '--max-bytes <size>',
    description:
      'stop before an object would take the bytes fetched past this (500M, 2G); exit 3 if some were left',
    parse: parseSize,
  },
  timeout: {
    flags: '--timeout <seconds>',
    description: 'per request: for the answer to begin, then between two pieces of it',
    parse: parseTimeoutSeconds,
    default: 30,
  },
  retries: {
    flags: '--retries <n>',
    description: 'retries of a request that timed out or got 5xx or 429 (exponential backoff with jitter)',
    parse: parseRetries,
    default: 5,
  },
  ...jsonOption('print the summary as JSON'),
};

export function registerSync(program: Command, ctx: CliContext): void {
  const group = program
    .command('sync')
    .description('follow a public archive of measurements: fetch what the store does not hold yet');
  addStoreOptions(
    addOptions(
      group
        .command('ooni')
        .description(
          "fetch OONI's measurements of countries from its S3 archive (or API) and ingest those the store does not hold",
        ),
      SYNC_OONI_OPTIONS,
    ),
  ).action(action(ctx, (o: StoreOptions & SyncOoniOptions) => syncOoni(ctx.io, o)));
}

async function syncOoni(io: Io, o: StoreOptions & SyncOoniOptions): Promise<number | undefined> {
  const until = o.until ?? tomorrow();
  checkWindow(o.since, until);
  const bar = progressBar(io);
  const quiet = o.json || io.isTty;
  const context = await createConvertContext({ source: 'ooni' });
  const summary = await withStore(o, (store) =>
    runSync(
      store,
      { source: o.source, bucket: o.bucket, ...(o.endpoint ? { endpoint: o.endpoint } : {}) },
      {
        countries: o.probeCc,
        tests: o.test,
        since: o.since,
        until,
        concurrency: o.concurrency,
        ...(o.maxBytes !== undefined ? { maxBytes: o.maxBytes } : {}),
        fetch: fetchPolicy(o.timeout, o.retries, (what, attempt, reason, delay) => {
          if (!o.json) io.err(`${what}: ${reason}; retry ${attempt} in ${(delay / 1000).toFixed(1)} s\n`);
        }),
        ingest: {
          ...context,
          analyze: CURRENT_ANALYZER.analyze,
          source: 'ooni',
          onError: (m) => {
            if (!o.json) io.err(`${m}\n`);
          },
        },
        onProgress: (p) =>
          bar.update(
            p.bytesDone,
            p.bytesTotal,
            `${p.objectsDone}/${p.objectsTotal} objects, ${megabytes(p.bytesDone)} MB, ${p.measurements} measurements`,
          ),
        onObject: (f) => {
          if (!quiet)
            io.err(
              `${f.key}: ${f.records} read, ${f.added} added, ${f.rejected} rejected${f.outcome === 'unreadable' ? ', broken off' : ''}\n`,
            );
        },
      },
    ),
  );
  bar.done();
  if (o.json) printJson(io, summary);
  else io.out(summaryText(summary));
  if (summary.failed > 0 || summary.measurements.rejected > 0) return EXIT_FAILURE;
  return summary.left > 0 ? EXIT_BUDGET_REACHED : undefined;
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

/** Two lines: the objects, then the measurements as `ingest` says them. */
export function summaryText(s: SyncSummary): string {
  const m = s.measurements;
  const left = s.left > 0 ? `, ${s.left} left at the byte budget (run again to go on)` : '';
  return (
    `${s.origin} (${s.endpoint}): ${s.listed} object(s) listed, ${s.held} held already, ${s.changed} changed upstream; ` +
    `${s.fetched} fetched (${megabytes(s.bytes)} MB), ${s.unreadable} broken off, ${s.failed} failed${left}\n` +
    `${m.read} measurement(s) read: ${m.added} added, ${m.duplicates} duplicate(s), ${rejectionsText(m)}\n` +
    s.failures.map((f) => `failed: ${f}\n`).join('')
  );
}
