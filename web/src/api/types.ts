/** The API's response shapes, taken from the server's own contract (its zod schemas) so both sides cannot drift. */

export type { PrincipalJson as Principal } from '../../../src/server/contract/account-json.js';
export type {
  AggregationJson as Aggregation,
  AggregationRowJson as AggregationRow,
} from '../../../src/server/contract/aggregation-json.js';
export type {
  ControlSuggestionJson as ControlSuggestion,
  EvidenceLinkJson as EvidenceLink,
  MeasurementFiguresJson as MeasurementFigures,
  SuggestionEvidenceJson as SuggestionEvidence,
} from '../../../src/server/contract/assessment-evidence-json.js';
export type {
  AssessmentJson as Assessment,
  SourceJson as Source,
} from '../../../src/server/contract/assessment-json.js';
export type {
  ComparisonRowJson as ComparisonRow,
  CountryJson as Country,
  CountryRowJson as CountryRow,
  HistoryPointJson as HistoryPoint,
} from '../../../src/server/contract/assessment-views-json.js';
export type { AuditEntryJson as AuditEntry } from '../../../src/server/contract/audit-json.js';
export type {
  CertificateChainJson as CertificateChain,
  CertificateJson as CertificateInfo,
} from '../../../src/server/contract/certificate-json.js';
export type {
  IndicatorNarrativeJson as IndicatorNarrative,
  KeyDevelopmentJson as KeyDevelopment,
  RecommendationJson as Recommendation,
  SurveyJson as Survey,
  TimelineEventJson as TimelineEvent,
} from '../../../src/server/contract/country-evidence-json.js';
export type {
  BlockedSiteJson as BlockedSite,
  ChangeEventJson as ChangeEvent,
  DomainJson as DomainSummary,
  NetworkJson as NetworkSummary,
} from '../../../src/server/contract/evidence-json.js';
export type { PageJson as ListPage } from '../../../src/server/contract/list-contract.js';
export type {
  MeasurementJson as Measurement,
  MeasurementSummaryJson as MeasurementSummary,
} from '../../../src/server/contract/measurement-json.js';
export type { MethodologyJson as Methodology } from '../../../src/server/contract/methodology-json.js';
export type { NetworkRegistryJson as NetworkRegistry } from '../../../src/server/contract/network-registry-json.js';
export type { RevisionJson as Revision } from '../../../src/server/contract/review-json.js';
