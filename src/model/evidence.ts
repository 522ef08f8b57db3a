/**
 * Country evidence: dated events, key developments, indicator narratives, evidence links, surveys,
 * recommendations and decisions on suggested key internet controls. Every fact names its sources by id
 * (`Source.id`); the types only, no rules (src/evidence/ checks them).
 */

/** The closed vocabulary of what an event is. */
export const EVENT_TYPES = [
  'law',
  'directive',
  'court_ruling',
  'block',
  'unblock',
  'throttling',
  'shutdown',
  'interception',
  'arrest',
  'attack_on_person',
  'cyberattack',
  'campaign',
  'civil_society_milestone',
  'other',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * A day, a month or a year as the source gives it (`2022-01-05`, `2022-01`, `2022`): a date is never made more
 * precise than its source.
 */
export type PartialDate = string;

/**
 * Who tied an event to the methodology's questions: `source`, the cited document does ("see B3, C2" in Freedom
 * House's key developments); `netfreedom`, netfreedom's own reading of the event.
 */
export type IndicatorAttribution = 'source' | 'netfreedom';

/** Something reported as having happened in a country, with the sources that report it. */
export interface CountryEvent {
  id: string;
  country: string;
  start: PartialDate;
  /** Last day, month or year of a range; null for a single date. */
  end: PartialDate | null;
  type: EventType;
  title: string;
  /** netfreedom's own summary of what the sources report. */
  summary: string;
  /** Question ids of the methodology (B3, C2), checked against it. */
  indicators: string[];
  indicatorAttribution: IndicatorAttribution;
  /** Key internet control ids (KIC3) the event bears on. */
  keyControls: string[];
  /** At least one. */
  sourceIds: string[];
}

/** One item of Freedom House's "Key Developments" block of an assessment (country × edition), in order. */
export interface KeyDevelopment {
  id: string;
  country: string;
  edition: number;
  position: number;
  text: string;
  indicators: string[];
  /** When it happened, if the source says; it must lie in the edition's coverage period. */
  start: PartialDate | null;
  end: PartialDate | null;
  sourceIds: string[];
}

/** The narrative of one question of an assessment. */
export interface IndicatorNarrative {
  id: string;
  country: string;
  edition: number;
  questionId: string;
  text: string;
  /** Why the score changed since the previous edition; null when it did not or nobody said. */
  scoreChange: string | null;
  sourceIds: string[];
}

/** What an evidence link supports: a question score or a key internet control of one assessment. */
export type EvidenceTarget = { kind: 'question'; id: string } | { kind: 'key_control'; id: string };

/** The figures of a saved measurement query, as the aggregation and blocked-sites API answer them. */
export interface MeasurementFigures {
  /** ISO 8601 UTC of when they were computed. */
  computedAt: string;
  measurementCount: number;
  okCount: number;
  anomalyCount: number;
  /** OONI's fingerprint confirmation. */
  confirmedCount: number;
  failureCount: number;
  /** netfreedom's TLS confirmation (not one of OONI's outcomes). */
  tlsConfirmedCount: number;
  /** Sites showing blocking under the query (the blocked-sites list). */
  blockedSiteCount: number;
  /** Of those, confirmed by an OONI fingerprint / by netfreedom's TLS checks. */
  confirmedSiteCount: number;
  tlsConfirmedSiteCount: number;
}

/** The filter set of the aggregation and blocked-sites API, in its own query-string form and parsed. */
export interface SavedQuery {
  /** Canonical query string in the API's names (`probe_cc=KZ&domain=meduza.io&since=…`). */
  query: string;
  probeCc: string;
  probeAsn: string[];
  domain: string[];
  categoryCode: string[];
  since: string;
  /** Exclusive, as in OONI's API. */
  until: string;
}

/** What backs the target: an event, a source, or a measurement query with its figures when it was linked. */
export type EvidenceRef =
  | { kind: 'event'; eventId: string }
  | { kind: 'source'; sourceId: string }
  | { kind: 'measurement_query'; query: SavedQuery; snapshot: MeasurementFigures };

export interface EvidenceLink {
  id: string;
  country: string;
  edition: number;
  target: EvidenceTarget;
  evidence: EvidenceRef;
  note: string | null;
  /** ISO 8601 UTC. */
  linkedAt: string;
}

/** One answer option of a survey question and its share of respondents (0..1). */
export interface SurveyAnswer {
  answer: string;
  share: number;
}

export interface SurveyQuestion {
  question: string;
  /** Respondents the shares are of; null when the source gives none (then no margin of error can be given). */
  sampleSize: number | null;
  answers: SurveyAnswer[];
}

export interface Survey {
  id: string;
  country: string;
  edition: number;
  method: string | null;
  population: string | null;
  fieldworkStart: string | null;
  fieldworkEnd: string | null;
  questions: SurveyQuestion[];
  sourceIds: string[];
}

export const ADDRESSEES = ['government', 'companies', 'civil_society', 'international_bodies'] as const;
export type Addressee = (typeof ADDRESSEES)[number];

export const RECOMMENDATION_STATUSES = ['not_started', 'partial', 'implemented', 'reversed'] as const;
export type RecommendationStatusValue = (typeof RECOMMENDATION_STATUSES)[number];

/** How far a recommendation was carried out by a later edition, with the evidence. */
export interface RecommendationStatus {
  edition: number;
  status: RecommendationStatusValue;
  note: string | null;
  sourceIds: string[];
}

export interface Recommendation {
  id: string;
  country: string;
  edition: number;
  addressees: Addressee[];
  text: string;
  sourceIds: string[];
  statuses: RecommendationStatus[];
}

/** An analyst's decision on a suggested key internet control. */
export interface ControlDecision {
  id: string;
  country: string;
  edition: number;
  controlId: string;
  decision: 'accepted' | 'rejected';
  /** The rules that made the suggestion when it was decided. */
  ruleIds: string[];
  decidedAt: string;
}
