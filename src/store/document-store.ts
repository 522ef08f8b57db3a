/**
 * The store's small documents (accounts, sessions, tokens, probes, assessment revisions, the first start's seeding
 * progress), each a JSON value under
 * (kind, id), one contract for DuckDB and ClickHouse. Writes go through the store's single writer; a
 * read-modify-write that must not interleave with another runs inside `store.transaction()`, whose reads see the
 * writer's own state.
 */

export const DOCUMENT_KINDS = ['user', 'session', 'token', 'probe', 'review', 'seed'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface DocumentStore {
  get<T>(kind: DocumentKind, id: string): Promise<T | null>;
  /** Every document of a kind, ordered by id. */
  list<T>(kind: DocumentKind): Promise<T[]>;
  /** Inserts or replaces the document (kind, id). */
  put<T>(kind: DocumentKind, id: string, doc: T): Promise<void>;
}
