/** The audit log's contract (both engines): append-only, each entry chained to the one before by its hash. */
import type { AuditEntry, AuditEntryInput } from '../model/audit.js';

export interface AuditFilter {
  /** Entries about this entity (exact, e.g. `assessment:KZ:2024`). */
  entity?: string;
  /** Entries whose actor is this name, with or without its `(local)` or `(token …)` mark. */
  actor?: string;
  /** From this day (YYYY-MM-DD, UTC) on. */
  since?: string;
  /** At most this many, newest first. */
  limit?: number;
}

export interface AuditLog {
  /**
   * Appends one entry after the last (in the store's writer, so no two entries take the same place; inside a
   * transaction, it commits or rolls back with the change it records).
   */
  append(entry: AuditEntryInput): Promise<AuditEntry>;
  /** Entries matching the filter, newest first. */
  list(filter?: AuditFilter): Promise<AuditEntry[]>;
  /** Entries in sequence order after `afterSeq`, at most `limit` (for `audit verify`). */
  page(afterSeq: number, limit: number): Promise<AuditEntry[]>;
}

/** A stored row as an entry (both engines name the columns alike). */
export function auditRowToEntry(r: Record<string, unknown>): AuditEntry {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    seq: Number(r.seq),
    at: String(r.at_time),
    actor: String(r.actor),
    action: String(r.action),
    entity: String(r.entity),
    beforeJson: String(r.before_json),
    afterJson: String(r.after_json),
    reason: text(r.reason),
    requestId: text(r.request_id),
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  };
}
