/** `netfreedom survey import FILE`: surveys into the store, each checked; bad rows reported by line, the rest kept. */
import { loadSourceRegistry } from '../assessment/source-registry.js';
import { NetfreedomError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import { readImportFile } from './import-events.js';
import { count, type EvidenceImportSummary, emptySummary } from './import-summary.js';
import { checkSurvey, recordSurvey, storeSources } from './record-facts.js';
import { parseSurveysCsv } from './survey-csv.js';

/**
 * Imports the surveys of a CSV in one transaction (`read`, `added`… count surveys; `rejected` lists rows).
 * A survey is what its rows in the file say: re-importing the same file changes nothing.
 */
export async function importSurveys(store: Store, file: string): Promise<EvidenceImportSummary> {
  const { surveys, problems } = parseSurveysCsv(await readImportFile(file), file);
  const summary = { ...emptySummary(file), read: surveys.length, rejected: problems };
  const registry = await loadSourceRegistry();
  await store.transaction(async () => {
    for (const { line, survey, sourceUrl } of surveys) {
      try {
        checkSurvey({ ...survey, sourceIds: [] });
        const sourceIds = await storeSources(store, [sourceUrl], registry);
        count(summary, await recordSurvey(store, { ...survey, sourceIds }));
      } catch (err) {
        if (!(err instanceof NetfreedomError)) throw err;
        summary.rejected.push({ file, line, reason: err.message });
      }
    }
  });
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}
