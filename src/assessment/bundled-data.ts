/** Loads the bundled assessment data into an empty store, so a first start shows something real. */
import type { Acting } from '../model/audit.js';
import type { Methodology } from '../model/methodology.js';
import { dataPath } from '../shared/paths.js';
import type { Store } from '../store/store.js';
import { type ImportSummary, importScores } from './import-scores.js';

export const BUNDLED_SCORES_PATH = dataPath('fotn', 'fotn-scores.csv');
/** The bundled file as messages and the audit log name it: its place in the package. */
export const BUNDLED_SCORES_NAME = 'data/fotn/fotn-scores.csv';

/** Imports the bundled FOTN scores when the store has no assessment yet; returns null when nothing was needed. */
export async function seedAssessments(
  store: Store,
  methodology: Methodology,
  acting: Acting,
): Promise<ImportSummary | null> {
  if ((await store.assessments.count()) > 0) return null;
  return importScores(store, methodology, BUNDLED_SCORES_PATH, acting, BUNDLED_SCORES_NAME);
}
