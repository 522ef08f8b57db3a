/**
 * The country-evidence store contract, shared by DuckDB and ClickHouse: sources and the facts that cite them,
 * each kept whole as a document under (kind, id) with its country and edition for filtering. The rules a fact
 * must satisfy are checked before it gets here (src/evidence/); the store keeps what it is given, idempotently.
 */
import type { Source } from '../model/assessment.js';
import type {
  ControlDecision,
  CountryEvent,
  EvidenceLink,
  IndicatorNarrative,
  KeyDevelopment,
  Recommendation,
  Survey,
} from '../model/evidence.js';
import type { WriteResult } from './store.js';

/** Each kind of record and its type. */
export interface EvidenceRecords {
  source: Source;
  event: CountryEvent;
  key_development: KeyDevelopment;
  narrative: IndicatorNarrative;
  evidence_link: EvidenceLink;
  survey: Survey;
  recommendation: Recommendation;
  control_decision: ControlDecision;
}

export type EvidenceKind = keyof EvidenceRecords;

export const EVIDENCE_KINDS: readonly EvidenceKind[] = [
  'source',
  'event',
  'key_development',
  'narrative',
  'evidence_link',
  'survey',
  'recommendation',
  'control_decision',
];

export interface EvidenceFilter {
  country?: string;
  edition?: number;
}

export interface EvidenceStore {
  /** Inserts or replaces one record; the same record again is `unchanged`. Runs in the store's single writer. */
  put<K extends EvidenceKind>(kind: K, record: EvidenceRecords[K]): Promise<WriteResult>;
  get<K extends EvidenceKind>(kind: K, id: string): Promise<EvidenceRecords[K] | null>;
  /** Records of a kind, ordered by id. */
  list<K extends EvidenceKind>(kind: K, filter?: EvidenceFilter): Promise<EvidenceRecords[K][]>;
  count(kind?: EvidenceKind): Promise<number>;
}

/** The country and edition a record is filed under (sources belong to none). */
export function evidenceScope(record: object): { country: string | null; edition: number | null } {
  const r = record as { country?: unknown; edition?: unknown };
  return {
    country: typeof r.country === 'string' ? r.country : null,
    edition: typeof r.edition === 'number' ? r.edition : null,
  };
}

/** The text a record is stored and compared as: keys in a fixed order, so that equal records compare equal. */
export function evidenceDoc(record: object): string {
  return JSON.stringify(sortKeys(record));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  return value;
}
