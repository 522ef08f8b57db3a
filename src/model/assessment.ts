/** A scored country-year (Freedom on the Net model) with the sources behind every figure. */
import type { FreedomStatus, ScoreScale } from './methodology.js';

/** What could not be established is said so, in these words, rather than left empty or guessed. */
export const UNKNOWN = 'unknown';

/**
 * How far a source can be trusted for a figure: `primary`, the publisher's own document (Freedom House's page);
 * `secondary`, a copy or report of it (a mirror such as ecoi.net, a news report, an aggregator); `unverified`,
 * a source that could not be identified or checked (an analyst's link until someone checks it).
 */
export type SourceVerification = 'primary' | 'secondary' | 'unverified';

/** What a source is: the publisher's page, or which kind of copy or report of it. */
export type SourceKind = 'publisher' | 'mirror' | 'news' | 'aggregator' | 'unknown';

/** Where a figure came from, with what could be established about it ('unknown' where nothing could). */
export interface Source {
  /** Stable id derived from the URL (src/shared/source-id.ts): facts name their sources by it. */
  id: string;
  url: string;
  /** The title or heading the document shows, or 'unknown'. */
  title: string;
  /** Who published this copy, or 'unknown'. */
  publisher: string;
  /** YYYY-MM-DD the source was read, or 'unknown'. */
  accessed: string;
  /** When the document was published: YYYY-MM-DD, YYYY-MM or YYYY as far as it says, or 'unknown'. */
  published: string;
  /** SHA-256 (hex) of an archived copy of the document, when one was kept; null otherwise. */
  archiveSha256: string | null;
  verification: SourceVerification;
  kind: SourceKind;
  /** For a mirror or report: whose document it copies or reports (e.g. Freedom House); null for the publisher's own. */
  originalPublisher: string | null;
  note: string | null;
}

export interface QuestionScore {
  questionId: string;
  /** Integer 0..max, or null when unknown. */
  score: number | null;
  justification: string | null;
  sources: Source[];
}

export type ControlAnswer = 'yes' | 'no' | 'unknown';

export interface KeyControlAnswer {
  controlId: string;
  answer: ControlAnswer;
  evidence: string | null;
  sources: Source[];
}

export interface CategoryScore {
  categoryId: string;
  score: number | null;
  /** True when derived from the question scores rather than given. */
  computed: boolean;
}

/** One country × edition. Figures stay on the scale they were published on; nothing is converted. */
export interface Assessment {
  country: string;
  edition: number;
  scale: ScoreScale;
  coverageStart: string | null;
  coverageEnd: string | null;
  total: number | null;
  status: FreedomStatus | null;
  categories: CategoryScore[];
  questions: QuestionScore[];
  keyControls: KeyControlAnswer[];
  /** Sources of the total and status. */
  totalSources: Source[];
  /** Sources of the category breakdown. */
  categorySources: Source[];
  previousEditionTotal: number | null;
  notes: string | null;
  /**
   * Set when the total is not the edition's own published figure but Freedom House's restatement of it on a later
   * edition's scale, published in that edition (KZ 2018 on the current scale, from the 2019 edition's "Last Year's
   * Score"); null for a figure as the edition published it.
   */
  restatedInEdition: number | null;
  /** The best verification among the total's sources (primary over secondary over unverified); null without sources. */
  totalVerification: SourceVerification | null;
  /** The same for the category breakdown's sources. */
  categoryVerification: SourceVerification | null;
}

/** The input an analyst or an import gives; category scores, total and status are checked or derived. */
export interface AssessmentInput {
  country: string;
  edition: number;
  scale: ScoreScale;
  coverageStart: string | null;
  coverageEnd: string | null;
  total: number | null;
  categories: Record<string, number | null>;
  status: FreedomStatus | null;
  questions: QuestionScore[];
  keyControls: KeyControlAnswer[];
  totalSources: Source[];
  categorySources: Source[];
  previousEditionTotal: number | null;
  notes: string | null;
  restatedInEdition: number | null;
}

/** One row of a country's history, with the change since the previous edition on the same scale. */
export interface HistoryPoint {
  edition: number;
  scale: ScoreScale;
  total: number | null;
  status: FreedomStatus | null;
  categories: Record<string, number | null>;
  /** Change of the total since the previous edition on the same scale; null when not comparable. */
  change: number | null;
  sources: Source[];
  /** How the total is sourced (Assessment.totalVerification): a page must say so when it is not primary. */
  verification: SourceVerification | null;
  /** The later edition whose restatement this total is, or null (Assessment.restatedInEdition). */
  restatedInEdition: number | null;
}

/**
 * Whether a Freedom on the Net edition covered a country, and whether netfreedom bundles a figure for it: a chart
 * says "not bundled" for an edition that was published but has no figure here.
 */
export interface EditionCoverage {
  edition: number;
  /** yes: a source shows the edition covered the country; unverified: only an unverified claim; unknown. */
  covered: 'yes' | 'unverified' | 'unknown';
  /** The source that shows it, when there is one. */
  evidence: Source | null;
  note: string | null;
  /** Whether an assessment with a total is bundled for this edition. */
  bundled: boolean;
}
