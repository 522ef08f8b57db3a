/** Fills an empty measurement store on first start: the real OONI samples, and the simulated Kazakhstan demo set flagged as such. */
import { existsSync } from 'node:fs';
import type { Analyzer } from '../ingest/analyzer.js';
import { type IngestSummary, ingestFiles } from '../ingest/ingest-files.js';
import { dataPath } from '../shared/paths.js';
import type { Store } from '../store/store.js';

/**
 * Real OONI measurements copied from public repositories (data/ooni/measurements/SOURCE.md); the
 * folder's `synthetic-qa/` holds OONI's simulated QA runs, which are never seeded as real evidence.
 */
export const BUNDLED_OONI_SAMPLES = ['ooni-backend', 'ooni-explorer', 'ooni-probe-cli', 'ooni-spec'].map(
  (dir) => dataPath('ooni', 'measurements', dir),
);
/** Measurements the probe took against the simulated Kazakhstan networks (branch probe); simulated, never real evidence. */
export const BUNDLED_KZ_DEMO = dataPath('demo', 'kz-simulated.jsonl');

export interface SeedSummary {
  real: IngestSummary;
  simulated: IngestSummary | null;
}

/** Ingests the bundled measurements when the store has none; returns null when nothing was needed. */
export async function seedMeasurements(
  store: Store,
  analyze: Analyzer,
  paths = { real: BUNDLED_OONI_SAMPLES, simulated: BUNDLED_KZ_DEMO },
  categoryOf?: (input: string, probeCc: string) => string | null,
): Promise<SeedSummary | null> {
  if ((await store.measurements.count({ includeSimulated: true })) > 0) return null;
  const context = categoryOf ? { analyze, categoryOf } : { analyze };
  const real = await ingestFiles(store, paths.real, { source: 'auto', ...context });
  const simulated = existsSync(paths.simulated)
    ? await ingestFiles(store, [paths.simulated], { source: 'ooni', ...context, simulated: true })
    : null;
  return { real, simulated };
}
