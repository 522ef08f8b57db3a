/** The audit log: every editorial and account write, append-only and hash-chained. */

/** What a writer records; the log adds the sequence number, the time and the chain. */
export interface AuditEntryInput {
  /** Who: `alice`, `alice (token tok_…)`, `root (local)`, `system`. */
  actor: string;
  /** What was done, e.g. `assessment.edit`, `review.publish`, `user.add`, `token.revoke`. */
  action: string;
  /** What it was done to, e.g. `assessment:KZ:2024`, `user:alice`, `token:tok_ab12`. */
  entity: string;
  /** The entity (or the part that changed) before and after, as JSON values; null when there was none. */
  before: unknown;
  after: unknown;
  /** Why, as the actor said (a justification, a reviewer's comment); null when none was asked. */
  reason: string | null;
  /** The HTTP request id, or null for the command line. */
  requestId: string | null;
}

/** One stored entry. `hash` covers every other field, `prevHash` is the previous entry's `hash`. */
export interface AuditEntry {
  seq: number;
  /** ISO 8601 UTC, millisecond precision. */
  at: string;
  actor: string;
  action: string;
  entity: string;
  /** JSON text of `before` and `after` exactly as hashed. */
  beforeJson: string;
  afterJson: string;
  reason: string | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

/** Who is acting in a write: how the audit log names them, the person behind it, the request, the clock. */
export interface Acting {
  /** As the audit log names them (`alice`, `alice (token tok_…)`, `root (local)`), or `system`. */
  actor: string;
  /** The person: the user's name (also for their tokens and for `--as NAME` on the command line). */
  person: string;
  /** The HTTP request id, or null on the command line. */
  requestId: string | null;
  now: () => Date;
}
