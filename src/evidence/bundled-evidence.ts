/**
 * Loads the bundled country evidence (data/evidence/: sources, events, key developments, surveys,
 * recommendations) into the store on start, with the sources of data/fotn/. Idempotent: what is already stored
 * as bundled comes back `unchanged`; a bundled row that breaks a rule is a bug of the data, reported by line.
 */
import { readFile } from 'node:fs/promises';
import { loadSourceRegistry } from '../assessment/source-registry.js';
import type { Methodology } from '../model/methodology.js';
import type { LintProblem } from '../model/test-list.js';
import { NetfreedomError } from '../shared/errors.js';
import { dataPath } from '../shared/paths.js';
import type { Store, WriteResult } from '../store/store.js';
import { importEvents } from './import-events.js';
import { importSurveys } from './import-surveys.js';
import { parseKeyDevelopmentsCsv, parseRecommendationsCsv } from './key-developments-csv.js';
import { recordKeyDevelopment, recordRecommendation, recordSource, storeSources } from './record-facts.js';

export const BUNDLED_EVIDENCE = {
  events: dataPath('evidence', 'events.csv'),
  keyDevelopments: dataPath('evidence', 'key-developments.csv'),
  surveys: dataPath('evidence', 'surveys.csv'),
  recommendations: dataPath('evidence', 'recommendations.csv'),
};

export interface EvidenceSeedSummary {
  /** Records written (added or updated) by kind; nothing when everything was already there. */
  written: Record<string, number>;
  rejected: LintProblem[];
}

/**
 * On start: the bundled evidence when the store holds none yet (so that an analyst's later edits of bundled
 * records are not undone by the next start); null when nothing was needed.
 */
export async function seedEvidenceIfEmpty(
  store: Store,
  methodology: Methodology,
): Promise<EvidenceSeedSummary | null> {
  if ((await store.evidence.count()) > 0) return null;
  return seedEvidence(store, methodology);
}

/** Stores the bundled evidence, in one transaction; answers what it wrote and what it refused. */
export async function seedEvidence(
  store: Store,
  methodology: Methodology,
  paths = BUNDLED_EVIDENCE,
): Promise<EvidenceSeedSummary> {
  const summary: EvidenceSeedSummary = { written: {}, rejected: [] };
  const wrote = (kind: string, r: WriteResult, n = 1) => {
    if (r !== 'unchanged') summary.written[kind] = (summary.written[kind] ?? 0) + n;
  };
  const registry = await loadSourceRegistry();
  await store.transaction(async () => {
    for (const source of registry.values()) wrote('source', await recordSource(store, source));
    const events = await importEvents(store, methodology, paths.events);
    wrote('event', 'added', events.added + events.updated);
    summary.rejected.push(...events.rejected);
    const surveys = await importSurveys(store, paths.surveys);
    wrote('survey', 'added', surveys.added + surveys.updated);
    summary.rejected.push(...surveys.rejected);
    await each(paths.keyDevelopments, parseKeyDevelopmentsCsv, summary, async (fact, sourceIds) =>
      wrote('key_development', await recordKeyDevelopment(store, methodology, { ...fact, sourceIds })),
    );
    await each(paths.recommendations, parseRecommendationsCsv, summary, async (fact, sourceIds) =>
      wrote('recommendation', await recordRecommendation(store, { ...fact, sourceIds })),
    );

    async function each<T>(
      file: string,
      parse: (
        text: string,
        file: string,
      ) => {
        rows: { line: number; fact: T; sourceUrls: string[] }[];
        problems: LintProblem[];
      },
      into: EvidenceSeedSummary,
      record: (fact: T, sourceIds: string[]) => Promise<void>,
    ): Promise<void> {
      const { rows, problems } = parse(await readFile(file, 'utf8'), file);
      into.rejected.push(...problems);
      for (const row of rows) {
        try {
          await record(row.fact, await storeSources(store, row.sourceUrls, registry));
        } catch (err) {
          if (!(err instanceof NetfreedomError)) throw err;
          into.rejected.push({ file, line: row.line, reason: err.message });
        }
      }
    }
  });
  // 'added' counted for imports above includes 0: drop kinds with nothing written.
  for (const [k, n] of Object.entries(summary.written)) if (n === 0) delete summary.written[k];
  return summary;
}
