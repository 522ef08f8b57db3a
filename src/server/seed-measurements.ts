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

/** The seeding's progress, a document: a start killed half-way (files are ingested batch by batch) resumes. */
interface SeedProgress {
  finished: boolean;
}

/**
 * Ingests the bundled measurements when the store has none, or when a seeding began and did not finish (the
 * process was killed: ingest is idempotent, so running it again completes it); returns null when nothing was needed.
 */
export async function seedMeasurements(
  store: Store,
  analyze: Analyzer,
  paths = { real: BUNDLED_OONI_SAMPLES, simulated: BUNDLED_KZ_DEMO },
  categoryOf?: (input: string, probeCc: string) => string | null,
): Promise<SeedSummary | null> {
  const progress = await store.documents.get<SeedProgress>('seed', 'measurements');
  if (progress?.finished) return null;
  // Without a record, a store that holds measurements was filled by its user (or seeded before the record existed).
  if (!progress && (await store.measurements.count({ includeSimulated: true })) > 0) return null;
  await store.documents.put<SeedProgress>('seed', 'measurements', { finished: false });
  const context = categoryOf ? { analyze, categoryOf } : { analyze };
  const real = await ingestFiles(store, paths.real, { source: 'auto', ...context });
  const simulated = existsSync(paths.simulated)
    ? await ingestFiles(store, [paths.simulated], { source: 'ooni', ...context, simulated: true })
    : null;
  await store.documents.put<SeedProgress>('seed', 'measurements', { finished: true });
  return { real, simulated };
}
