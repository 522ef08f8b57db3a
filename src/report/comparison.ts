/**
 * Comparison reports from the same parts: several countries for one edition side by side (`--compare`), or one
 * country across editions (`--editions`). Each part is a country report; all share one numbering of sources and
 * query snapshots, printed once at the end, and an at-a-glance table opens the document.
 */
import type { Lang } from '../model/language.js';
import type { Methodology } from '../model/methodology.js';
import type { Store } from '../store/store.js';
import { buildReport } from './build-report.js';
import { References } from './references.js';
import { NoReportError, publicAssessments } from './report-data.js';
import type { CountryReport, NumberedSource, QuerySnapshot } from './report-model.js';
import { countryName } from './report-text.js';

export interface ComparisonReport {
  kind: 'countries' | 'editions';
  lang: Lang;
  generatedAt: string;
  /** In the order asked: the countries as given, or the editions oldest first. */
  parts: CountryReport[];
  /** Editions of the range without an assessment (`--editions` only). */
  missing: number[];
  sources: NumberedSource[];
  snapshots: QuerySnapshot[];
}

export interface ComparisonOptions {
  lang?: Lang;
  now?: () => Date;
}

/** Several countries for one edition; NoReportError when one of them has no such assessment. */
export async function compareCountries(
  store: Store,
  methodology: Methodology,
  countries: string[],
  edition: number,
  options: ComparisonOptions = {},
): Promise<ComparisonReport> {
  const refs = new References();
  const parts: CountryReport[] = [];
  for (const cc of countries)
    parts.push(await buildReport(store, methodology, cc, edition, { ...options, refs }));
  return done('countries', parts, [], refs, options);
}

/** One country across the editions `first`..`last` it has; NoReportError when it has none of them. */
export async function compareEditions(
  store: Store,
  methodology: Methodology,
  country: string,
  first: number,
  last: number,
  options: ComparisonOptions = {},
): Promise<ComparisonReport> {
  const have = new Set((await publicAssessments(store, country)).map((a) => a.edition));
  const range = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const editions = range.filter((e) => have.has(e));
  if (editions.length === 0)
    throw new NoReportError(
      `no assessment of ${country} for ${first}–${last}; editions: ${[...have].join(', ') || 'none'}`,
    );
  const refs = new References();
  const parts: CountryReport[] = [];
  for (const e of editions)
    parts.push(await buildReport(store, methodology, country, e, { ...options, refs }));
  return done(
    'editions',
    parts,
    range.filter((e) => !have.has(e)),
    refs,
    options,
  );
}

function done(
  kind: ComparisonReport['kind'],
  parts: CountryReport[],
  missing: number[],
  refs: References,
  options: ComparisonOptions,
): ComparisonReport {
  return {
    kind,
    lang: options.lang ?? 'en',
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
    parts,
    missing,
    sources: refs.sources,
    snapshots: refs.snapshots,
  };
}

/** The document's title in its language. */
export function comparisonTitle(
  c: ComparisonReport,
  t: (key: 'compare.title' | 'editions.title', v: Record<string, string | number>) => string,
): string {
  const first = c.parts[0]!;
  return c.kind === 'countries'
    ? t('compare.title', { countries: c.parts.map((p) => p.countryName).join(', '), edition: first.edition })
    : t('editions.title', {
        country: countryName(first.country, c.lang),
        first: first.edition,
        last: c.parts.at(-1)!.edition,
      });
}
