/**
 * Web benchmark: the gzipped size of the JS the dashboard loads first (goal ≤ 300 KB), and the time until the
 * Kazakhstan country page is ready (score, history chart and evidence drawn) in headless Chromium, against a floor
 * measured in the same run: loading a static file from the same server in the same browser.
 * Run: npm run build && npx tsx bench/web/run.ts [--runs N]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { seedAssessments } from '../../src/assessment/bundled-data.js';
import { loadMethodology } from '../../src/assessment/methodology-loader.js';
import { systemActing } from '../../src/auth/acting.js';
import { reportedAnalysis } from '../../src/ingest/analyzer.js';
import { seedMeasurements } from '../../src/server/seed-measurements.js';
import { startServer } from '../../src/server/serve.js';
import { WEB_DIST } from '../../src/server/static-files.js';
import { openStore } from '../../src/store/open-store.js';
import { median } from '../shared/median.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const RUNS = Number(values.runs);

/** The scripts index.html loads before anything is lazy-loaded: the entry and its module preloads. */
function initialJs(): { files: string[]; gzipBytes: number; allGzipBytes: number } {
  const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const gz = (f: string) => gzipSync(readFileSync(join(WEB_DIST, f))).length;
  const all = readdirSync(join(WEB_DIST, 'assets')).filter((f) => f.endsWith('.js'));
  return {
    files,
    gzipBytes: files.reduce((n, f) => n + gz(f), 0),
    allGzipBytes: all.reduce((n, f) => n + gz(join('assets', f)), 0),
  };
}

async function main(): Promise<void> {
  const js = initialJs();
  console.log('web benchmark');
  console.log(
    `  initial JS (gzip): ${(js.gzipBytes / 1024).toFixed(1)} KB in ${js.files.length} file(s) — goal ≤ 300 KB: ${js.gzipBytes <= 300 * 1024 ? 'met' : 'NOT met'}; all chunks ${(js.allGzipBytes / 1024).toFixed(1)} KB`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'nf-bench-web-'));
  const methodology = await loadMethodology();
  const store = await openStore(join(dir, 'web.duckdb'));
  await seedAssessments(store, methodology, systemActing());
  await seedMeasurements(store, reportedAnalysis);
  const server = await startServer({ store, methodology }, 0);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const css = readdirSync(join(WEB_DIST, 'assets')).find((f) => f.endsWith('.css'))!;
    const floor: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      // A fresh context per run: nothing cached, as for a first visit.
      const context = await browser.newContext();
      const page = await context.newPage();
      let t = performance.now();
      await page.goto(`${server.url}/assets/${css}`);
      const f = performance.now() - t;
      t = performance.now();
      await page.goto(`${server.url}/country/KZ`);
      await page.locator('[data-testid="total"]').waitFor();
      await page.locator('.history-current svg').waitFor();
      await page.locator('.evidence .muted, .outcomes svg').first().waitFor();
      const r = performance.now() - t;
      if (i > 0) {
        floor.push(f);
        ready.push(r);
      }
      await context.close();
    }
    const fm = median(floor);
    const rm = median(ready);
    console.log(`  floor (static file, fresh context): median ${fm.toFixed(0)} ms over ${RUNS} runs`);
    console.log(
      `  country page /country/KZ ready:    median ${rm.toFixed(0)} ms (${(rm / fm).toFixed(1)}× floor), max ${Math.max(...ready).toFixed(0)} ms`,
    );
  } finally {
    await browser.close();
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
