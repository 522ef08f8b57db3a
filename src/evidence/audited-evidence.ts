/**
 * A write of country evidence by a person (an API request), recorded in the audit log in the same transaction:
 * the record before and after, under `evidence.<kind>` and the entity `<kind>:<id>`. A write that changes nothing
 * is not an entry.
 */
import { evidenceEntity } from '../assessment/revisions.js';
import type { Acting } from '../model/audit.js';
import type { EvidenceKind, EvidenceRecords } from '../store/evidence-store.js';
import type { Store, WriteResult } from '../store/store.js';

export { evidenceEntity };

/**
 * Runs `write` (which checks and stores `record`) and appends its audit entry when it changed the record. `after`
 * is what `write` answers as stored, when that differs from `record` (an evidence link keeps its first snapshot).
 */
export function auditedEvidenceWrite<
  K extends EvidenceKind,
  T extends { result: WriteResult; stored: EvidenceRecords[K] },
>(
  store: Store,
  acting: Acting,
  kind: K,
  id: string,
  write: () => Promise<T>,
  reason: string | null = null,
): Promise<T> {
  return store.transaction(async () => {
    const before = await store.evidence.get(kind, id);
    const out = await write();
    if (out.result !== 'unchanged')
      await store.audit.append({
        actor: acting.actor,
        action: `evidence.${kind}`,
        entity: evidenceEntity(kind, id),
        before,
        after: out.stored,
        reason,
        requestId: acting.requestId,
      });
    return out;
  });
}
