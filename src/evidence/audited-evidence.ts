/**
 * A write of country evidence by a person (an API request), recorded in the audit log in the same transaction:
 * the record before and after, under `evidence.<kind>` and the entity `<kind>:<id>`. A write that changes nothing
 * is not an entry.
 */
import { evidenceEntity } from '../assessment/revisions.js';
import type { Acting } from '../model/audit.js';
import type { EvidenceLink } from '../model/evidence.js';
import type { Methodology } from '../model/methodology.js';
import type { EvidenceKind, EvidenceRecords } from '../store/evidence-store.js';
import type { Store, WriteResult } from '../store/store.js';
import { type LinkInput, linkEvidence } from './evidence-links.js';

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

/**
 * Links evidence to a score or control (src/evidence/evidence-links.ts) and audits the link under its id, which is
 * known only once the evidence is resolved: the API's and the command line's one way to link.
 */
export function auditedLink(
  store: Store,
  methodology: Methodology,
  acting: Acting,
  input: LinkInput,
): Promise<{ result: WriteResult; stored: EvidenceLink }> {
  return store.transaction(async () => {
    const linked = await linkEvidence(store, methodology, { ...input, now: input.now ?? acting.now });
    return auditedEvidenceWrite(store, acting, 'evidence_link', linked.link.id, async () => ({
      result: linked.result,
      stored: linked.link,
    }));
  });
}
