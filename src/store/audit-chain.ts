/**
 * The audit log's hash chain, written once for both engines: an entry's hash covers its fields and the previous
 * entry's hash, so editing or deleting a stored row breaks the chain at that row.
 */
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditEntryInput } from '../model/audit.js';

/** The `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hash of an entry: SHA-256 over a JSON array of every field but the hash itself, in a fixed order. */
export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  const fields = [
    e.seq,
    e.at,
    e.actor,
    e.action,
    e.entity,
    e.beforeJson,
    e.afterJson,
    e.reason,
    e.requestId,
    e.prevHash,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** The entry that follows `last` (null for the first), hashed. */
export function nextEntry(
  last: { seq: number; hash: string } | null,
  input: AuditEntryInput,
  at: Date,
): AuditEntry {
  const entry: Omit<AuditEntry, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    actor: input.actor,
    action: input.action,
    entity: input.entity,
    beforeJson: JSON.stringify(input.before ?? null),
    afterJson: JSON.stringify(input.after ?? null),
    reason: input.reason,
    requestId: input.requestId,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  return { ...entry, hash: entryHash(entry) };
}

/** What `verify` found: the number of good entries and the last hash, or the first bad entry and why. */
export type ChainCheck =
  | { ok: true; entries: number; head: { seq: number; hash: string } | null }
  | { ok: false; entries: number; seq: number; reason: string };

/** Checks entries in order, continuing from `state` (pages of a long log). */
export class ChainVerifier {
  private last: { seq: number; hash: string } | null = null;
  private count = 0;

  /** Checks the next entries; returns the first problem found, or null. */
  feed(entries: AuditEntry[]): { seq: number; reason: string } | null {
    for (const e of entries) {
      const expectedSeq = (this.last?.seq ?? 0) + 1;
      if (e.seq !== expectedSeq)
        return {
          seq: expectedSeq,
          reason:
            e.seq > expectedSeq
              ? `entry ${expectedSeq}${e.seq > expectedSeq + 1 ? `–${e.seq - 1}` : ''} is missing (deleted)`
              : `entry ${e.seq} appears twice`,
        };
      const prev = this.last?.hash ?? GENESIS_HASH;
      if (e.prevHash !== prev)
        return { seq: e.seq, reason: `its previous-entry hash does not match entry ${e.seq - 1}'s hash` };
      if (entryHash(e) !== e.hash)
        return { seq: e.seq, reason: 'its content does not match its hash (the row was edited)' };
      this.last = { seq: e.seq, hash: e.hash };
      this.count++;
    }
    return null;
  }

  get entries(): number {
    return this.count;
  }

  get head(): { seq: number; hash: string } | null {
    return this.last;
  }
}

/** Walks the whole log page by page. */
export async function verifyChain(
  page: (afterSeq: number, limit: number) => Promise<AuditEntry[]>,
  pageSize = 1000,
): Promise<ChainCheck> {
  const v = new ChainVerifier();
  let after = 0;
  for (;;) {
    const entries = await page(after, pageSize);
    if (entries.length === 0) return { ok: true, entries: v.entries, head: v.head };
    const bad = v.feed(entries);
    if (bad) return { ok: false, entries: v.entries, ...bad };
    after = entries[entries.length - 1]!.seq;
  }
}
