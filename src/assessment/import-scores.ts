/** Imports a FOTN scores CSV into the store: validated rows go in one transaction; bad rows are reported by line. */
import { readFile } from 'node:fs/promises';
import type { Assessment } from '../model/assessment.js';
import type { Acting } from '../model/audit.js';
import type { Methodology } from '../model/methodology.js';
import type { LintProblem } from '../model/test-list.js';
import { InvalidDataError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import { parseFotnScoresCsv } from './fotn-scores-csv.js';
import { buildAssessment } from './scoring.js';
import { loadSourceRegistry } from './source-registry.js';

export interface ImportSummary {
  file: string;
  read: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: LintProblem[];
}

/**
 * Imports published figures: they go straight into the published assessments (they are Freedom House's, not a
 * draft), each change with its audit entry. Re-importing the same file changes nothing (every row `unchanged`).
 * `file` is named as `shownAs` in messages and audit entries (the bundled file by its place in the package, not
 * by the server's own path, which signed-in readers of the audit log would see).
 */
export async function importScores(
  store: Store,
  methodology: Methodology,
  path: string,
  acting: Acting,
  shownAs = path,
): Promise<ImportSummary> {
  const file = shownAs;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InvalidDataError(file, `cannot read the file (${(err as Error).message})`);
  }
  // The bundled source list says what is known of each URL, whichever file cites it.
  const { rows, problems } = parseFotnScoresCsv(text, file, await loadSourceRegistry());
  const summary: ImportSummary = {
    file,
    read: rows.length + problems.length,
    added: 0,
    updated: 0,
    unchanged: 0,
    rejected: problems,
  };
  const seen = new Map<string, number>();
  await store.transaction(async () => {
    for (const row of rows) {
      const key = `${row.input.country} ${row.input.edition}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        summary.rejected.push({ file, line: row.line, reason: `${key} already given on line ${earlier}` });
        continue;
      }
      seen.set(key, row.line);
      // The CSV carries no per-question scores or key controls: keep what analysts entered.
      const existing = await store.assessments.get(row.input.country, row.input.edition);
      const input = existing
        ? { ...row.input, questions: existing.questions, keyControls: existing.keyControls }
        : row.input;
      let assessment: Assessment;
      try {
        assessment = buildAssessment(methodology, input);
      } catch (err) {
        summary.rejected.push({ file, line: row.line, reason: (err as Error).message });
        continue;
      }
      const result = await store.assessments.put(assessment);
      summary[result]++;
      if (result !== 'unchanged')
        await store.audit.append({
          actor: acting.actor,
          action: 'assessment.import',
          entity: `assessment:${assessment.country}:${assessment.edition}`,
          before: existing,
          after: assessment,
          reason: `${file}:${row.line}`,
          requestId: acting.requestId,
        });
    }
  });
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}
