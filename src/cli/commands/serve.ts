/** `netfreedom serve`: the HTTP API on the embedded store, seeded with the bundled data on first start. */
import { type Command, InvalidArgumentError } from 'commander';
import { seedAssessments } from '../../assessment/bundled-data.js';
import { loadMethodology } from '../../assessment/methodology-loader.js';
import { listUsers } from '../../auth/accounts.js';
import { systemActing } from '../../auth/acting.js';
import { seedEvidenceIfEmpty } from '../../evidence/bundled-evidence.js';
import { DEFAULT_SUBMISSIONS_PER_MINUTE } from '../../server/app.js';
import { CspReports } from '../../server/csp-reports.js';
import { seedMeasurements } from '../../server/seed-measurements.js';
import { listen } from '../../server/serve.js';
import { WriteNotices } from '../../server/write-notices.js';
import type { Store } from '../../store/store.js';
import { type SyncSchedule, startSyncSchedule } from '../../sync/sync-schedule.js';
import { loadCategoryLookup } from '../../test-lists/category-lookup.js';
import { CURRENT_ANALYZER, createConvertContext } from '../ingest-context.js';
import { choosePort, DEFAULT_PORT, explainListenFailure, PORT_VARIABLES } from '../listen-address.js';
import { addOptions, type OptionTable } from '../option-table.js';
import { rejectionsText } from '../output.js';
import { parseCountry, parsePort, parsePositiveInt } from '../parse-args.js';
import { action, type CliContext, type Io } from '../run-command.js';
import { addStoreOptions, openChosenStore, type StoreOptions } from '../store-options.js';
import { parseDate } from './measurement-options.js';
import {
  DEFAULT_BUCKET,
  fetchPolicy,
  parseDuration,
  parseEndpoint,
  parseTests,
  runSync,
} from './sync-options.js';

interface ServeOptions {
  port?: number;
  host: string;
  submissionsPerMinute: number;
  publicUrl?: string;
  sync?: string[];
  syncEvery: number;
  syncSince?: string;
  syncTest: string[];
  syncSource: 's3' | 'api';
  syncEndpoint?: string;
  syncBucket: string;
}

const SYNC_SINCE_DAYS = 7;

const SERVE_OPTIONS: OptionTable<ServeOptions> = {
  port: {
    flags: '--port <port>',
    description: `port to listen on (default: env ${PORT_VARIABLES.join(', else ')}, else ${DEFAULT_PORT})`,
    parse: parsePort,
  },
  host: { flags: '--host <host>', description: 'address to listen on', default: '127.0.0.1' },
  submissionsPerMinute: {
    flags: '--submissions-per-minute <n>',
    description: 'measurements one client address may submit per minute (POST /api/v1/measurements)',
    parse: parsePositiveInt,
    default: DEFAULT_SUBMISSIONS_PER_MINUTE,
  },
  publicUrl: {
    flags: '--public-url <url>',
    description:
      'the URL browsers reach the server at, when a TLS proxy is in front (https://…: the session cookie is Secure)',
    parse: parsePublicUrl,
  },
  sync: {
    flags: '--sync <cc,...>',
    description: "watch these countries: sync OONI's measurements of them on a schedule, then detect changes",
    parse: (v) => v.split(',').map((c) => parseCountry(c.trim())),
  },
  syncEvery: {
    flags: '--sync-every <duration>',
    description: 'time between the end of one sync and the start of the next (30m, 1h, 1d)',
    parse: parseDuration,
    default: 3_600_000,
  },
  syncSince: {
    flags: '--sync-since <date>',
    description: `the first sync starts at this day (default ${SYNC_SINCE_DAYS} days ago); later ones at the day before the last`,
    parse: parseDate,
  },
  syncTest: {
    flags: '--sync-test <name,...>',
    description: 'OONI test names',
    parse: parseTests,
    default: ['web_connectivity'],
  },
  syncSource: {
    flags: '--sync-source <source>',
    description: 'as sync ooni --source',
    choices: ['s3', 'api'],
    default: 's3',
  },
  syncEndpoint: {
    flags: '--sync-endpoint <url>',
    description: 'as sync ooni --endpoint',
    parse: parseEndpoint,
  },
  syncBucket: {
    flags: '--sync-bucket <name>',
    description: 'as sync ooni --bucket',
    default: DEFAULT_BUCKET,
  },
};

function parsePublicUrl(value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new InvalidArgumentError(`"${value}" is not a URL such as https://netfreedom.example`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new InvalidArgumentError(`"${value}" is not an http(s) URL`);
  return u.origin;
}

export function registerServe(program: Command, ctx: CliContext): void {
  addStoreOptions(
    addOptions(
      program
        .command('serve')
        .description(
          'serve the API and dashboard over HTTP (the store is created from bundled data on first start)',
        ),
      SERVE_OPTIONS,
    ),
  ).action(action(ctx, (opts: StoreOptions & ServeOptions) => serve(ctx.io, opts)));
}

/** Binds the port first: a busy one is said before the store is opened, let alone seeded. */
async function serve(io: Io, opts: StoreOptions & ServeOptions): Promise<void> {
  const port = choosePort(opts.port, process.env);
  const methodology = await loadMethodology();
  const listening = await listen(port.port, opts.host).catch((err: unknown) => {
    throw explainListenFailure(err, {
      host: opts.host,
      port,
      hostGiven: `--host ${opts.host}`,
      choose: `choose another with --port N or the environment variable ${PORT_VARIABLES.join(' (or ')})`,
    });
  });
  let store: Store | null = null;
  let schedule: SyncSchedule | null = null;
  try {
    store = await openChosenStore(opts);
    await seed(io, store, methodology);
    const writes = new WriteNotices();
    const server = listening.serve({
      store,
      methodology,
      analyze: CURRENT_ANALYZER.analyze,
      submissionsPerMinute: opts.submissionsPerMinute,
      ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
      writes,
      ...(process.env.CHROMIUM_PATH ? { chromiumPath: process.env.CHROMIUM_PATH } : {}),
      // What a browser reports the dashboard's policy refused: one line each on stderr, never who sent it.
      cspReports: new CspReports(200, (line) => io.err(`${line}\n`)),
    });
    io.err(`netfreedom serving ${server.url}/ (store ${store.location}); Ctrl-C stops\n`);
    // The public site needs no account; editing does, and the first admin is made on the command line.
    if ((await listUsers(store)).length === 0)
      io.err(
        'no accounts yet: the public site is open; to sign in, stop the server and run ' +
          '`netfreedom users add NAME --role admin --password-stdin` (README "Accounts")\n',
      );
    schedule = opts.sync ? await watch(io, store, opts, writes) : null;
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  } finally {
    await schedule?.stop();
    await listening.close();
    await store?.close();
  }
}

/** `--sync CC,...`: syncs those countries now and then every --sync-every, each run logged in one line. */
async function watch(io: Io, store: Store, opts: ServeOptions, writes: WriteNotices): Promise<SyncSchedule> {
  const countries = opts.sync!;
  const context = await createConvertContext({ source: 'ooni' });
  const firstSince =
    opts.syncSince ?? new Date(Date.now() - SYNC_SINCE_DAYS * 86_400_000).toISOString().slice(0, 10);
  io.err(
    `watching ${countries.join(', ')}: syncing from ${firstSince}, then every ${opts.syncEvery / 1000} s\n`,
  );
  return startSyncSchedule(store, {
    countries,
    everyMs: opts.syncEvery,
    firstSince,
    sync: ({ since, until, signal }) =>
      runSync(
        store,
        {
          source: opts.syncSource,
          bucket: opts.syncBucket,
          ...(opts.syncEndpoint ? { endpoint: opts.syncEndpoint } : {}),
        },
        {
          countries,
          tests: opts.syncTest,
          since,
          until,
          concurrency: 4,
          fetch: fetchPolicy(30, 5),
          ingest: { ...context, analyze: CURRENT_ANALYZER.analyze, source: 'ooni' },
          onObject: () => writes.notify(),
          signal,
        },
      ),
    onRun: (s, changes) => {
      writes.notify();
      const m = s.measurements;
      io.err(
        `sync ${countries.join(',')}: ${s.fetched} object(s) fetched, ${m.added} measurement(s) added, ` +
          `${m.rejected} rejected, ${s.failed} failed; ${changes} change event(s)\n`,
      );
    },
    onError: (err) =>
      io.err(`sync ${countries.join(',')}: ${err instanceof Error ? err.message : String(err)}\n`),
  });
}

/** On first start: the bundled assessments and sample measurements, saying what was refused and why. */
async function seed(io: Io, store: Store, methodology: Awaited<ReturnType<typeof loadMethodology>>) {
  const seeded = await seedAssessments(store, methodology, systemActing());
  if (seeded) io.err(`seeded ${seeded.added} assessments from the bundled data into ${store.location}\n`);
  const evidence = await seedEvidenceIfEmpty(store, methodology);
  if (evidence) {
    const written = Object.entries(evidence.written).map(([kind, n]) => `${n} ${kind.replace('_', ' ')}(s)`);
    io.err(`seeded the bundled country evidence: ${written.join(', ')}\n`);
    for (const p of evidence.rejected) io.err(`bundled evidence: ${p.file}:${p.line}: ${p.reason}\n`);
  }
  const samples = await seedMeasurements(
    store,
    CURRENT_ANALYZER.analyze,
    undefined,
    await loadCategoryLookup(),
  );
  if (!samples) return;
  const simulated = samples.simulated;
  io.err(
    `seeded ${samples.real.added} real OONI measurements` +
      (simulated ? ` and ${simulated.added} simulated KZ demo measurements` : '') +
      '\n',
  );
  // OONI's own test samples include malformed records; ingest refuses them as it would anyone's.
  if (samples.real.rejected > 0) io.err(`bundled OONI samples: ${rejectionsText(samples.real)}\n`);
  if (simulated && simulated.rejected > 0) io.err(`bundled KZ demo set: ${rejectionsText(simulated)}\n`);
}
