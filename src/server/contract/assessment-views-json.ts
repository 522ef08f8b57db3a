/** The lists and views built from assessments (countries, history, comparison), with their CSV forms. */
import { z } from 'zod';
import type { ComparisonRow } from '../../assessment/history.js';
import type { Assessment, EditionCoverage, HistoryPoint } from '../../model/assessment.js';
import type { CountrySync } from '../../store/sync-store.js';
import { named } from './api-schemas.js';
import {
  type AssessmentJson,
  assessmentJson,
  provenanceFields,
  scoreFields,
  sourceJson,
  toAssessmentJson,
  toSourceJson,
} from './assessment-json.js';
import { listContract } from './list-contract.js';

/** CSV gives each category score a column of its own, named by the category's id. */
const CATEGORY_COLUMNS = ['A', 'B', 'C'] as const;

const categoryMap = z
  .record(z.string(), z.number().nullable())
  .describe("category scores by the methodology's category id (A, B, C)");

/** One CSV row: the JSON item's fields, a column per category score, and sources as their URLs. */
function withCategoryColumns<J extends object>(
  item: J,
  categories: Record<string, number | null>,
  sources: { url: string }[],
): Record<string, unknown> {
  return { ...item, ...categories, sources: sources.map((s) => s.url) };
}

const countryRowJson = named(
  'CountryRow',
  'A country with its latest assessment and every edition it has',
  z.strictObject({
    ...scoreFields,
    editions: z.array(z.number().int()).describe('the editions assessed, oldest first'),
  }),
);

/** Countries with their latest assessment; built from one country's assessments, oldest first. */
export const countryList = listContract({
  pageId: 'CountryPage',
  description: 'One page of countries',
  item: countryRowJson,
  toJson: (list: Assessment[]): z.output<typeof countryRowJson> => {
    const latest = list.at(-1)!;
    return {
      country: latest.country,
      edition: latest.edition,
      scale: latest.scale,
      total: latest.total,
      status: latest.status,
      editions: list.map((a) => a.edition),
    };
  },
});

const historyPointJson = named(
  'HistoryPoint',
  "One edition of a country's series, with the change since the previous edition on the same scale",
  z.strictObject({
    edition: scoreFields.edition,
    scale: scoreFields.scale,
    total: scoreFields.total,
    status: scoreFields.status,
    categories: categoryMap,
    change: z
      .number()
      .nullable()
      .describe('change of the total since the previous edition on the same scale; null when not comparable'),
    sources: z.array(sourceJson),
    verification: provenanceFields.total_verification,
    restated_in_edition: provenanceFields.restated_in_edition,
  }),
);

export type HistoryPointJson = z.output<typeof historyPointJson>;

/** A point of the series in the API's names. */
export function toHistoryPointJson(p: HistoryPoint): HistoryPointJson {
  return {
    edition: p.edition,
    scale: p.scale,
    total: p.total,
    status: p.status,
    categories: p.categories,
    change: p.change,
    sources: p.sources.map(toSourceJson),
    verification: p.verification,
    restated_in_edition: p.restatedInEdition,
  };
}

/** A country's series by edition. */
export const historyList = listContract({
  pageId: 'HistoryPage',
  description: "One page of a country's series by edition",
  item: historyPointJson,
  toJson: toHistoryPointJson,
  csvColumns: [
    'edition',
    'scale',
    'total',
    'status',
    ...CATEGORY_COLUMNS,
    'change',
    'verification',
    'restated_in_edition',
    'sources',
  ],
  csvRow: (p) => withCategoryColumns(p, p.categories, p.sources),
});

/** The CSV columns of a country's figures in an edition. */
const SCORE_COLUMNS = ['country', 'edition', 'scale', 'total', 'status', ...CATEGORY_COLUMNS];

/** Assessments; CSV keeps the figures and the sources of the total. */
export const assessmentList = listContract({
  pageId: 'AssessmentPage',
  description: 'One page of assessments',
  item: assessmentJson,
  toJson: toAssessmentJson,
  csvColumns: [...SCORE_COLUMNS, 'coverage_start', 'coverage_end', 'sources'],
  csvRow: (a: AssessmentJson) =>
    withCategoryColumns(
      a,
      Object.fromEntries(a.categories.map((c) => [c.category_id, c.score])),
      a.total_sources,
    ),
});

const comparisonRowJson = named(
  'ComparisonRow',
  'A country in a comparison of one edition',
  z.strictObject({
    ...scoreFields,
    categories: categoryMap,
    rank: z
      .number()
      .int()
      .nullable()
      .describe(
        "rank among the countries of this dataset (netfreedom's bundled assessments) with a total for this edition " +
          'on the same scale (1 = freest; ties share a rank): not a global rank, since the dataset holds only some ' +
          'of the countries Freedom House assessed',
      ),
    ranked_among: z
      .number()
      .int()
      .describe('how many countries of this dataset were ranked (not how many Freedom House assessed)'),
    verification: provenanceFields.total_verification,
    restated_in_edition: provenanceFields.restated_in_edition,
  }),
);

export type ComparisonRowJson = z.output<typeof comparisonRowJson>;

/** Countries of one edition, ranked. */
export const comparisonList = listContract({
  pageId: 'ComparisonPage',
  description: 'One page of a comparison, freest first',
  item: comparisonRowJson,
  toJson: (r: ComparisonRow): ComparisonRowJson => ({
    country: r.country,
    edition: r.edition,
    scale: r.scale,
    total: r.total,
    status: r.status,
    categories: r.categories,
    rank: r.rank,
    ranked_among: r.rankedAmong,
    verification: r.verification,
    restated_in_edition: r.restatedInEdition,
  }),
  csvColumns: [...SCORE_COLUMNS, 'rank', 'ranked_among', 'verification'],
  csvRow: (r) => ({ ...r, ...r.categories }),
});

const editionCoverageJson = named(
  'EditionCoverage',
  'Whether a Freedom on the Net edition covered the country, and whether netfreedom bundles a figure for it',
  z.strictObject({
    edition: z.number().int(),
    covered: z
      .enum(['yes', 'unverified', 'unknown'])
      .describe('yes: a source shows the edition covered the country; unverified: only an unverified claim'),
    evidence: sourceJson.nullable().describe('the source that shows it, when there is one'),
    note: z.string().nullable(),
    bundled: z
      .boolean()
      .describe('an assessment with a total is bundled (a chart says "not bundled" otherwise)'),
  }),
);

const countrySyncJson = named(
  'CountrySync',
  "The country's last sync of OONI's measurements (`netfreedom sync ooni`, or `serve --sync`)",
  z.strictObject({
    synced_at: z.string().describe('when the last sync of the country ended, ISO 8601 UTC'),
    source: z.enum(['s3', 'api']).describe("OONI's S3 archive or OONI's API"),
    origin: z.string().describe('the archive: s3://BUCKET, or api:URL'),
    endpoint: z.string().describe('the URL it was fetched from'),
    measurements_added: z.number().int().describe('measurements of the country that sync added to the store'),
    objects_fetched: z.number().int().describe('archive objects (or API measurements) it fetched'),
    bytes_fetched: z.number().int().describe('bytes it fetched (compressed, as sent)'),
  }),
);

export function toCountrySyncJson(s: CountrySync): z.output<typeof countrySyncJson> {
  return {
    synced_at: s.syncedAt,
    source: s.source === 'api' ? 'api' : 's3',
    origin: s.origin,
    endpoint: s.endpoint,
    measurements_added: s.added,
    objects_fetched: s.objects,
    bytes_fetched: s.bytes,
  };
}

/** One country: its latest assessment, its series, and the editions published beside those bundled. */
export const countryJson = named(
  'Country',
  "A country's latest assessment and its history (each edition on its own scale)",
  z.strictObject({
    country: scoreFields.country,
    latest: assessmentJson,
    history: z.array(historyPointJson),
    editions: z.array(editionCoverageJson),
    last_sync: countrySyncJson
      .nullable()
      .describe("the last sync of OONI's measurements for the country; null when it was never synced"),
  }),
);

export type CountryJson = z.output<typeof countryJson>;
export type CountryRowJson = z.output<typeof countryRowJson>;

/** One country's answer from its assessments, oldest first, and the editions that covered it. */
export function toCountryJson(
  country: string,
  list: Assessment[],
  history: HistoryPoint[],
  editions: EditionCoverage[],
  lastSync: CountrySync | null = null,
): z.output<typeof countryJson> {
  return {
    country,
    latest: toAssessmentJson(list.at(-1)!),
    history: history.map(toHistoryPointJson),
    editions: editions.map((e) => ({
      edition: e.edition,
      covered: e.covered,
      evidence: e.evidence ? toSourceJson(e.evidence) : null,
      note: e.note,
      bundled: e.bundled,
    })),
    last_sync: lastSync ? toCountrySyncJson(lastSync) : null,
  };
}
