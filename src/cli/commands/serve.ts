/** `netfreedom serve`: the HTTP API on the embedded store, seeded with the bundled data on first start. */
import { type Command, InvalidArgumentError } from 'commander';
import { seedAssessments } from '../../assessment/bundled-data.js';
import { loadMethodology } from '../../assessment/methodology-loader.js';
import { listUsers } from '../../auth/accounts.js';
import { systemActing } from '../../auth/acting.js';
import { DEFAULT_SUBMISSIONS_PER_MINUTE } from '../../server/app.js';
import { seedMeasurements } from '../../server/seed-measurements.js';
import { listen } from '../../server/serve.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { loadCategoryLookup } from '../../test-lists/category-lookup.js';
import { CURRENT_ANALYZER } from '../ingest-context.js';
import { choosePort, DEFAULT_PORT, explainListenFailure, PORT_VARIABLES } from '../listen-address.js';
import { addOptions, type OptionTable } from '../option-table.js';
import { rejectionsText } from '../output.js';
import { parsePort, parsePositiveInt } from '../parse-args.js';
import { action, type CliContext, type Io } from '../run-command.js';
import { addStoreOptions, type StoreOptions, storeLocation } from '../store-options.js';

interface ServeOptions {
  port?: number;
  host: string;
  submissionsPerMinute: number;
  publicUrl?: string;
}

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
  try {
    store = await openStore(storeLocation(opts));
    await seed(io, store, methodology);
    const server = listening.serve({
      store,
      methodology,
      analyze: CURRENT_ANALYZER.analyze,
      submissionsPerMinute: opts.submissionsPerMinute,
      ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
    });
    io.err(`netfreedom serving ${server.url}/ (store ${store.location}); Ctrl-C stops\n`);
    // The public site needs no account; editing does, and the first admin is made on the command line.
    if ((await listUsers(store)).length === 0)
      io.err(
        'no accounts yet: the public site is open; to sign in, stop the server and run ' +
          '`netfreedom users add NAME --role admin --password-stdin` (README "Accounts")\n',
      );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  } finally {
    await listening.close();
    await store?.close();
  }
}

/** On first start: the bundled assessments and sample measurements, saying what was refused and why. */
async function seed(io: Io, store: Store, methodology: Awaited<ReturnType<typeof loadMethodology>>) {
  const seeded = await seedAssessments(store, methodology, systemActing());
  if (seeded) io.err(`seeded ${seeded.added} assessments from the bundled data into ${store.location}\n`);
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
