/** `netfreedom serve`: the HTTP API on the embedded store, seeded with the bundled data on first start. */
import type { Command } from 'commander';
import { seedAssessments } from '../../assessment/bundled-data.js';
import { loadMethodology } from '../../assessment/methodology-loader.js';
import { DEFAULT_SUBMISSIONS_PER_MINUTE } from '../../server/app.js';
import { seedMeasurements } from '../../server/seed-measurements.js';
import { startServer } from '../../server/serve.js';
import { openStore } from '../../store/open-store.js';
import { loadCategoryLookup } from '../../test-lists/category-lookup.js';
import { CURRENT_ANALYZER } from '../ingest-context.js';
import { rejectionsText } from '../output.js';
import { parsePort, parsePositiveInt } from '../parse-args.js';
import { action, type CliContext } from '../run-command.js';
import { addStoreOptions, type StoreOptions, storeLocation } from '../store-options.js';

export function registerServe(program: Command, ctx: CliContext): void {
  addStoreOptions(
    program
      .command('serve')
      .description(
        'serve the API and dashboard on http://localhost:8080 (the store is created from bundled data on first start)',
      )
      .option('--port <port>', 'port to listen on', parsePort, 8080)
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option(
        '--submissions-per-minute <n>',
        'measurements one client address may submit per minute (POST /api/v1/measurements)',
        parsePositiveInt,
        DEFAULT_SUBMISSIONS_PER_MINUTE,
      ),
  ).action(
    action(ctx, async (opts: StoreOptions & { port: number; host: string; submissionsPerMinute: number }) => {
      const methodology = await loadMethodology();
      const store = await openStore(storeLocation(opts));
      const seeded = await seedAssessments(store, methodology);
      if (seeded)
        ctx.io.err(`seeded ${seeded.added} assessments from the bundled data into ${store.location}\n`);
      const samples = await seedMeasurements(
        store,
        CURRENT_ANALYZER.analyze,
        undefined,
        await loadCategoryLookup(),
      );
      if (samples) {
        const simulated = samples.simulated;
        ctx.io.err(
          `seeded ${samples.real.added} real OONI measurements` +
            (simulated ? ` and ${simulated.added} simulated KZ demo measurements` : '') +
            '\n',
        );
        // OONI's own test samples include malformed records; ingest refuses them as it would anyone's.
        if (samples.real.rejected > 0) ctx.io.err(`bundled OONI samples: ${rejectionsText(samples.real)}\n`);
        if (simulated && simulated.rejected > 0)
          ctx.io.err(`bundled KZ demo set: ${rejectionsText(simulated)}\n`);
      }
      const server = await startServer(
        {
          store,
          methodology,
          analyze: CURRENT_ANALYZER.analyze,
          submissionsPerMinute: opts.submissionsPerMinute,
        },
        opts.port,
        opts.host,
      );
      ctx.io.err(`netfreedom serving ${server.url}/ (store ${store.location}); Ctrl-C stops\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      await store.close();
    }),
  );
}
