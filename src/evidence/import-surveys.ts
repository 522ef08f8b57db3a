/** `netfreedom survey import FILE`: surveys into the store, each checked; bad rows reported by line, the rest kept. */
import { loadSourceRegistry } from '../assessment/source-registry.js';
import type { Acting } from '../model/audit.js';
import { NetfreedomError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import { auditedEvidenceWrite } from './audited-evidence.js';
import { readImportFile } from './import-events.js';
import { count, type EvidenceImportSummary, emptySummary } from './import-summary.js';
import { checkSurvey, recordSurvey, storeSources } from './record-facts.js';
import { parseSurveysCsv } from './survey-csv.js';

/**
 * Imports the surveys of a CSV in one transaction (`read`, `added`… count surveys; `rejected` lists rows).
 * A survey is what its rows in the file say: re-importing the same file changes nothing. With `acting` (the command
 * line), each survey that changes is an audit entry whose reason is the `file:line` of its first row.
 */
export async function importSurveys(
  store: Store,
  file: string,
  acting?: Acting,
): Promise<EvidenceImportSummary> {
  const { surveys, problems } = parseSurveysCsv(await readImportFile(file), file);
  const summary = { ...emptySummary(file), read: surveys.length, rejected: problems };
  const registry = await loadSourceRegistry();
  await store.transaction(async () => {
    for (const { line, survey, sourceUrl } of surveys) {
      try {
        checkSurvey({ ...survey, sourceIds: [] });
        const s = { ...survey, sourceIds: await storeSources(store, [sourceUrl], registry) };
        const write = async () => ({ result: await recordSurvey(store, s), stored: s });
        const out = acting
          ? await auditedEvidenceWrite(store, acting, 'survey', s.id, write, `${file}:${line}`)
          : await write();
        count(summary, out.result);
      } catch (err) {
        if (!(err instanceof NetfreedomError)) throw err;
        summary.rejected.push({ file, line, reason: err.message });
      }
    }
  });
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}
