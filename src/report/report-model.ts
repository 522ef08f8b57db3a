/**
 * The country report as pure data: every number is a `Figure` that names its references — a numbered source,
 * or a numbered query snapshot (the query, when it ran, and the figures it gave) printed in the appendix.
 * The renderers (Markdown, HTML) read only this.
 */
import type { ControlAnswer, Source, SourceVerification } from '../model/assessment.js';
import type { Addressee, EventType, RecommendationStatusValue } from '../model/evidence.js';
import type { Lang } from '../model/language.js';
import type { FreedomStatus, ScoreScale, StatusBand } from '../model/methodology.js';

export const REPORT_VERSION = 1;

/** Where a number comes from: source [n] of the numbered list, or query snapshot Qn of the appendix. */
export type Ref = { kind: 'source'; n: number } | { kind: 'query'; n: number };

/** A number with its references (at least one). */
export interface Figure {
  value: number;
  refs: Ref[];
}

export interface NumberedSource {
  n: number;
  source: Source;
}

/** One figure a query gave, as printed in the appendix. */
export interface SnapshotFigure {
  label: string;
  value: number;
}

/** A measurement query as it ran for this report: what it asked, when, and what it answered. */
export interface QuerySnapshot {
  n: number;
  /** What the query counts, in the report's language. */
  label: string;
  /** The API path and query string (`/api/v1/aggregation?probe_cc=KZ&…`). */
  api: string;
  /** The dashboard's explorer view of the same measurements (`/measurements?probe_cc=KZ&…`). */
  explorer: string;
  /** ISO 8601 UTC. */
  computedAt: string;
  includesSimulated: boolean;
  figures: SnapshotFigure[];
}

/** A text quoted or summarised from sources, with them. */
export interface SourcedText {
  text: string;
  refs: Ref[];
}

export interface StatusLine {
  total: Figure | null;
  maxTotal: number;
  scale: ScoreScale;
  status: FreedomStatus | null;
  statusRefs: Ref[];
  /** Against the previous edition on the same scale; null when there is none. */
  change: { value: Figure; previousEdition: number; previousTotal: Figure } | null;
  verification: SourceVerification | null;
  coverageStart: string | null;
  coverageEnd: string | null;
}

export interface CategoryRow {
  id: string;
  name: string;
  score: Figure | null;
  max: number;
}

export interface QuestionRow {
  id: string;
  categoryId: string;
  text: string;
  max: number;
  score: Figure | null;
  narrative: SourcedText | null;
  scoreChange: SourcedText | null;
}

export interface HistoryRow {
  edition: number;
  scale: ScoreScale;
  /** As published, on its own scale. */
  published: Figure;
  /** On the current scale (100 = most free): legacy figures converted as 100 − published. */
  current: Figure;
  converted: boolean;
  status: FreedomStatus | null;
  restatedInEdition: number | null;
}

export interface KeyDevelopmentItem extends SourcedText {
  indicators: string[];
  start: string | null;
  end: string | null;
}

export interface KeyControlItem {
  id: string;
  label: string;
  answer: ControlAnswer;
  evidence: SourcedText | null;
  /** Events and key developments of the coverage period that bear on it. */
  events: { id: string; title: string; start: string; refs: Ref[] }[];
}

export interface EventItem {
  id: string;
  start: string;
  end: string | null;
  type: EventType;
  title: string;
  summary: string;
  indicators: string[];
  refs: Ref[];
}

export interface CountRow {
  key: string;
  sites: Figure;
  measurements: Figure;
  blocked: Figure;
  simulated: Figure;
}

export interface BlockedSiteRow {
  domain: string;
  categoryCode: string | null;
  techniques: string[];
  networks: string[];
  measurements: Figure;
  blocked: Figure;
  simulated: Figure;
  confirmed: boolean;
  tlsConfirmed: boolean;
  /** One measurement that shows the blocking: its evidence sentences and the title of the page it received. */
  example: { uid: string; evidence: string[]; pageTitle: string | null } | null;
}

export interface NetworkRow {
  asn: string;
  measurements: Figure;
  blocked: Figure;
  confirmed: Figure;
  simulated: Figure;
}

export interface IssuerRow {
  issuer: string;
  measurements: Figure;
}

export interface ChangeRow {
  domain: string;
  asn: string;
  onset: string | null;
  end: string | null;
  measurements: Figure;
  explorer: string;
}

export interface MeasuredSection {
  since: string | null;
  until: string | null;
  /** True when the coverage period has no measurement and the section shows the country's others instead. */
  outsideCoverage: boolean;
  total: Figure;
  /** OONI's anomaly or confirmed outcome. */
  blocked: Figure;
  /** netfreedom's TLS confirmation. */
  tlsConfirmed: Figure;
  simulated: Figure;
  byCategory: CountRow[];
  byTechnique: CountRow[];
  sites: BlockedSiteRow[];
  networks: NetworkRow[];
  issuers: IssuerRow[];
  changes: ChangeRow[];
}

export interface SurveyAnswerItem {
  answer: string;
  share: Figure;
  /** The 95 % interval as shares; null without a sample size. */
  low: Figure | null;
  high: Figure | null;
}

export interface SurveyItem {
  id: string;
  question: string;
  sampleSize: Figure | null;
  method: string | null;
  answers: SurveyAnswerItem[];
  refs: Ref[];
}

export interface RecommendationItem extends SourcedText {
  edition: number;
  addressees: Addressee[];
  status: { edition: number; status: RecommendationStatusValue; note: string | null; refs: Ref[] } | null;
}

export interface MethodologyNote {
  maxTotal: Figure;
  bands: { status: FreedomStatus; min: Figure; max: Figure }[];
  legacyBands: StatusBand[];
  currentScaleFromEdition: number;
  refs: Ref[];
}

/** One country × edition. Sections empty of data are empty here; the renderers say so in one line. */
export interface CountryReport {
  version: typeof REPORT_VERSION;
  country: string;
  countryName: string;
  edition: number;
  lang: Lang;
  /** ISO 8601 UTC. */
  generatedAt: string;
  status: StatusLine;
  categories: CategoryRow[];
  questions: QuestionRow[];
  history: HistoryRow[];
  keyDevelopments: KeyDevelopmentItem[];
  keyControls: KeyControlItem[];
  events: EventItem[];
  measured: MeasuredSection | null;
  surveys: SurveyItem[];
  recommendations: RecommendationItem[];
  methodology: MethodologyNote;
  sources: NumberedSource[];
  snapshots: QuerySnapshot[];
}
