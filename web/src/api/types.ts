/** The API's response shapes, taken from the server's own model types so that both sides cannot drift. */
export type { ComparisonRow } from '../../../src/assessment/history.js';
export type { Assessment, HistoryPoint, Source } from '../../../src/model/assessment.js';
export type { Methodology } from '../../../src/model/methodology.js';
export type { CertificateChain, CertificateInfo } from '../../../src/server/certificate-chains.js';
export type {
  AggregationRow,
  BlockedSite,
  ChangeEvent,
  DomainSummary,
  MeasurementRecord,
  MeasurementSummary,
  NetworkSummary,
} from '../../../src/store/measurement-store.js';

/** One page of a list endpoint. */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** A row of /countries. */
export interface CountryRow {
  country: string;
  edition: number;
  scale: 'current' | 'legacy';
  total: number | null;
  status: 'Free' | 'Partly Free' | 'Not Free' | null;
  editions: number[];
}
