/**
 * A store as a first `serve` leaves it (bundled assessments, evidence, the simulated Kazakhstan demo set) plus two
 * hostile records: an event of the 2024 coverage period whose title and summary are markup, and a simulated
 * blockpage measurement whose page title is markup once its character references are decoded.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedAssessments } from '../../src/assessment/bundled-data.js';
import { loadMethodology } from '../../src/assessment/methodology-loader.js';
import { CURRENT_ANALYZER } from '../../src/cli/ingest-context.js';
import { seedEvidenceIfEmpty } from '../../src/evidence/bundled-evidence.js';
import { ingestFiles } from '../../src/ingest/ingest-files.js';
import type { Methodology } from '../../src/model/methodology.js';
import { BUNDLED_KZ_DEMO } from '../../src/server/seed-measurements.js';
import { sourceId } from '../../src/shared/source-id.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { loadCategoryLookup } from '../../src/test-lists/category-lookup.js';
import { testActing } from '../helpers/acting.js';

export const HOSTILE_SUMMARY =
  '<img src=x onerror="alert(1)"><script>alert("summary")</script> ]]> | **x** [y](javascript:z)';
export const HOSTILE_EVENT_TITLE = '</title><script>alert("event")</script>';
/** As the page carries it (OONI's title rule refuses a '<'), and as a browser shows it. */
export const HOSTILE_TITLE_RAW =
  '&lt;/td&gt;&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; &#x27;x&#39;';
export const HOSTILE_TITLE_SHOWN = `</td><script>alert("title")</script> & 'x'`;
export const HOSTILE_SOURCE_URL = 'https://example.org/hostile-report';

export interface ReportFixture {
  store: Store;
  methodology: Methodology;
  dbPath: string;
}

/** Opens a store in `dir` filled as described above. */
export async function reportStore(dir: string): Promise<ReportFixture> {
  const methodology = await loadMethodology();
  const dbPath = join(dir, 'report.duckdb');
  const store = await openStore(dbPath);
  await seedAssessments(store, methodology, testActing());
  await seedEvidenceIfEmpty(store, methodology);
  const hostile = join(dir, 'hostile.jsonl');
  const line = readFileSync(BUNDLED_KZ_DEMO, 'utf8')
    .split('\n')
    .find((l) => l.includes('<title>Access Denied</title>'));
  if (!line) throw new Error('the demo set has no blockpage measurement');
  writeFileSync(
    hostile,
    `${line.replaceAll('<title>Access Denied</title>', `<title>${HOSTILE_TITLE_RAW}</title>`).replaceAll('blockpage.demo.test', 'hostile.demo.test')}\n`,
  );
  const context = { analyze: CURRENT_ANALYZER.analyze, categoryOf: await loadCategoryLookup() };
  await ingestFiles(store, [BUNDLED_KZ_DEMO, hostile], { source: 'ooni', ...context, simulated: true });
  const source = {
    id: sourceId(HOSTILE_SOURCE_URL),
    url: HOSTILE_SOURCE_URL,
    title: '<b>hostile</b> source',
    publisher: 'test',
    accessed: '2024-06-01',
    published: 'unknown',
    archiveSha256: null,
    verification: 'unverified' as const,
    kind: 'unknown' as const,
    originalPublisher: null,
    note: null,
  };
  await store.evidence.put('source', source);
  await store.evidence.put('event', {
    id: 'kz-test-hostile',
    country: 'KZ',
    start: '2024-03-01',
    end: null,
    type: 'other',
    title: HOSTILE_EVENT_TITLE,
    summary: HOSTILE_SUMMARY,
    indicators: [],
    indicatorAttribution: 'netfreedom',
    keyControls: [],
    sourceIds: [source.id],
  });
  // A survey with a sample size, so that its shares have intervals (error bars).
  await store.evidence.put('survey', {
    id: 'kz-test-survey',
    country: 'KZ',
    edition: 2024,
    method: 'online panel (test)',
    population: 'adults',
    fieldworkStart: '2024-02-01',
    fieldworkEnd: '2024-02-20',
    questions: [
      {
        question: 'Have you used a VPN in the past year?',
        sampleSize: 1000,
        answers: [
          { answer: 'yes', share: 0.42 },
          { answer: 'no', share: 0.55 },
          { answer: 'refused', share: 0.03 },
        ],
      },
    ],
    sourceIds: [source.id],
  });
  return { store, methodology, dbPath };
}
