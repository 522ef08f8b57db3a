/** The storage interfaces, one per domain, so that DuckDB (embedded) and ClickHouse (scale-out) can both serve them. */
import type { Assessment } from '../model/assessment.js';
import type { AuditLog } from './audit-log.js';
import type { DocumentStore } from './document-store.js';
import type { EvidenceStore } from './evidence-store.js';
import type { PipelineMeasurementStore } from './measurement-store.js';
import type { SyncStore } from './sync-store.js';

/** What happened to one record on write: re-writing identical data is `unchanged` (imports are idempotent). */
export type WriteResult = 'added' | 'updated' | 'unchanged';

export interface AssessmentFilter {
  country?: string;
  edition?: number;
}

export interface AssessmentStore {
  /** Inserts or replaces one published assessment (country × edition); drafts are revisions (documents). */
  put(assessment: Assessment): Promise<WriteResult>;
  get(country: string, edition: number): Promise<Assessment | null>;
  /** Assessments ordered by country, then edition. */
  list(filter?: AssessmentFilter): Promise<Assessment[]>;
  count(): Promise<number>;
}

/** One open store. `transaction` runs `fn` atomically: if it throws, nothing it wrote remains. */
export interface Store {
  readonly location: string;
  readonly assessments: AssessmentStore;
  readonly measurements: PipelineMeasurementStore;
  /** Accounts, sessions, tokens, probes and assessment revisions. */
  readonly documents: DocumentStore;
  readonly audit: AuditLog;
  /** What `netfreedom sync` fetched from archives (sync-store.ts). */
  readonly sync: SyncStore;
  /** Sources, events, key developments, narratives, evidence links, surveys, recommendations, decisions. */
  readonly evidence: EvidenceStore;
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
