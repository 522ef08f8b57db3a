/** For the evidence tests: a fresh store with the bundled methodology and a few stored sources. */

import { analystSource } from '../../src/assessment/analyst-edits.js';
import { loadMethodology } from '../../src/assessment/methodology-loader.js';
import type { Assessment } from '../../src/model/assessment.js';
import type { Methodology } from '../../src/model/methodology.js';
import type { Store } from '../../src/store/store.js';
import { tempStore } from './temp.js';

export const SOURCE_URL = 'https://example.org/report';

export async function evidenceTestStore(): Promise<{
  store: Store;
  methodology: Methodology;
  sourceId: string;
}> {
  const methodology = await loadMethodology();
  const store = await tempStore();
  const source = analystSource(SOURCE_URL, '2024-06-01', 'A report');
  await store.evidence.put('source', source);
  return { store, methodology, sourceId: source.id };
}

/** An assessment with only a coverage period (what suggestions need of it). */
export function assessmentStub(country: string, edition: number, start: string, end: string): Assessment {
  return {
    country,
    edition,
    scale: 'current',
    coverageStart: start,
    coverageEnd: end,
    total: null,
    status: null,
    categories: [],
    questions: [],
    keyControls: [],
    totalSources: [],
    categorySources: [],
    previousEditionTotal: null,
    notes: null,
    restatedInEdition: null,
    totalVerification: null,
    categoryVerification: null,
  };
}
