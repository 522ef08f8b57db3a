import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportedAnalysis } from '../../src/ingest/analyzer.js';
import { BUNDLED_OONI_SAMPLES, seedMeasurements } from '../../src/server/seed-measurements.js';
import { dataPath } from '../../src/shared/paths.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

let dir: string;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nf-seed-'));
  store = await openStore(join(dir, 'seed.duckdb'));
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seedMeasurements', () => {
  it('loads the real OONI samples and a demo set flagged simulated, once', async () => {
    // A demo record: the spec sample re-labelled as a KZ measurement from the simulated network.
    const sample = JSON.parse(
      await readFile(
        dataPath('ooni', 'measurements', 'ooni-spec', 'ts-017-web-connectivity.example-output-sample.json'),
        'utf8',
      ),
    );
    const demo = join(dir, 'kz-simulated.jsonl');
    writeFileSync(
      demo,
      `${JSON.stringify({ ...sample, probe_cc: 'KZ', measurement_uid: '20240301100000.000001_KZ_webconnectivity_0000000000000001' })}\n`,
    );
    const summary = await seedMeasurements(store, reportedAnalysis, {
      real: BUNDLED_OONI_SAMPLES,
      simulated: demo,
    });
    expect(summary!.real.added).toBeGreaterThanOrEqual(70);
    expect(summary!.simulated!.added).toBe(1);
    const real = await store.measurements.count();
    expect(real).toBe(summary!.real.added);
    // The demo record is excluded from real statistics and present when asked for.
    expect(await store.measurements.count({ probeCc: ['KZ'] })).toBe(0);
    expect(
      (await store.measurements.get('20240301100000.000001_KZ_webconnectivity_0000000000000001'))?.simulated,
    ).toBe(true);
    expect(await seedMeasurements(store, reportedAnalysis)).toBeNull();
  });
});

describe('the bundled Kazakhstan demo set', () => {
  it('is seeded as simulated KZ measurements whose verdicts name the techniques', async () => {
    const { CURRENT_ANALYZER } = await import('../../src/cli/ingest-context.js');
    const demoStore = await openStore(join(dir, 'demo.duckdb'));
    try {
      const { loadCategoryLookup } = await import('../../src/test-lists/category-lookup.js');
      const summary = await seedMeasurements(
        demoStore,
        CURRENT_ANALYZER.analyze,
        undefined,
        await loadCategoryLookup(),
      );
      expect(summary!.simulated!.added).toBeGreaterThanOrEqual(10);
      expect(await demoStore.measurements.count({ probeCc: ['KZ'] })).toBe(0);
      const kz = await demoStore.measurements.search({ probeCc: ['KZ'], includeSimulated: true, limit: 100 });
      expect(kz.items.every((m) => m.simulated)).toBe(true);
      const techniques = new Set(kz.items.map((m) => m.technique));
      expect([...techniques]).toEqual(expect.arrayContaining(['tls_sni', 'tls_interception']));
      // Categories come from the bundled Citizen Lab lists.
      expect(kz.items.find((m) => m.domain === 'meduza.io')?.categoryCode).toBe('NEWS');
      // A URL listed with www. only (kz.csv) keeps its category: the demo measures it as listed.
      expect(kz.items.find((m) => m.domain === 'www.kaztag.kz')?.categoryCode).toBe('NEWS');
    } finally {
      await demoStore.close();
    }
  });
});
