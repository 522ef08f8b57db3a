/** What ingest and reanalyze judge with — netfreedom's current rules, never a probe's own verdict — built once per thread. */
import { analyzeMeasurement, loadAnalysisContext, RULES_VERSION } from '../analysis/analyze.js';
import { type CpSignatureMatcher, censoredPlanetMatcher } from '../analysis/censored-planet-verdict.js';
import type { Analyzer } from '../ingest/analyzer.js';
import type { ContextFactory } from '../ingest/convert-pool.js';
import { siblingModule } from '../shared/start-worker.js';
import { loadCategoryLookup } from '../test-lists/category-lookup.js';

/** The analyzer ingest and reanalyze use and its version. */
export const CURRENT_ANALYZER: {
  analyze: Analyzer;
  rulesVersion: number;
  matchCensoredPlanet: () => CpSignatureMatcher;
} = {
  analyze: (m) => analyzeMeasurement(m),
  rulesVersion: RULES_VERSION,
  matchCensoredPlanet: () => censoredPlanetMatcher(loadAnalysisContext().fingerprints),
};

/** The full ingest context: current rules, Censored Planet signatures, categories from the bundled test lists. */
export const createConvertContext: ContextFactory = async (options) => ({
  ...options,
  analyze: CURRENT_ANALYZER.analyze,
  matchCensoredPlanet: CURRENT_ANALYZER.matchCensoredPlanet(),
  categoryOf: await loadCategoryLookup(),
});

/** This module's URL, for worker threads that build the same context. */
export const INGEST_CONTEXT_MODULE = siblingModule(import.meta.url, './ingest-context');
