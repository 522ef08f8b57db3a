/** A running dashboard for browser tests: temp DuckDB seeded with FOTN scores and measurements, server on a free port, Chromium. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { seedAssessments } from '../../src/assessment/bundled-data.js';
import { loadMethodology } from '../../src/assessment/methodology-loader.js';
import { CURRENT_ANALYZER } from '../../src/cli/ingest-context.js';
import { seedEvidence } from '../../src/evidence/bundled-evidence.js';
import { seedMeasurements } from '../../src/server/seed-measurements.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { WEB_DIST } from '../../src/server/static-files.js';
import { WriteNotices } from '../../src/server/write-notices.js';
import type { MeasurementRecord } from '../../src/store/measurement-store.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { loadCategoryLookup } from '../../src/test-lists/category-lookup.js';
import { testActing } from '../helpers/acting.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const OUTPUT_DIR = join(import.meta.dirname, '..', '..', 'test-output');

export interface Dashboard {
  url: string;
  browser: Browser;
  store: Store;
  /** Says that a test wrote to the store while the server runs: the server's answer cache is cleared. */
  wrote(): void;
  stop(): Promise<void>;
}

/**
 * Starts everything; `records` are put into the measurement store before the server starts, after the bundled
 * measurements (real OONI samples and the simulated KZ set, analysed as on first start) and the bundled country
 * evidence when `bundled` is set.
 */
export async function startDashboard(records: MeasurementRecord[], bundled = false): Promise<Dashboard> {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error(`the dashboard is not built (${WEB_DIST}); run \`npm run build\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'nf-e2e-'));
  const methodology = await loadMethodology();
  const store = await openStore(join(dir, 'e2e.duckdb'));
  await seedAssessments(store, methodology, testActing());
  if (bundled) await seedEvidence(store, methodology);
  if (bundled) await seedMeasurements(store, CURRENT_ANALYZER.analyze, undefined, await loadCategoryLookup());
  if (records.length > 0) await store.measurements.put(records);
  const writes = new WriteNotices();
  const server: RunningServer = await startServer({ store, methodology, writes }, 0);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    url: server.url,
    browser,
    store,
    wrote: () => writes.notify(),
    stop: async () => {
      await browser.close();
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
