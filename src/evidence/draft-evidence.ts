/**
 * Narratives, events and key developments written by people go into the draft revision of their assessment (country × edition), like
 * scores: checked by the same rules as the command line's, audited under their own entity, and stored where the
 * public reads them only when a reviewer publishes the revision (src/assessment/revisions.ts).
 */
import { emptyAssessment } from '../assessment/analyst-edits.js';
import {
  draftEvidence,
  editDraft,
  evidenceEntity,
  listRevisions,
  visibleEvidence,
} from '../assessment/revisions.js';
import type { Acting } from '../model/audit.js';
import type { CountryEvent, IndicatorNarrative, KeyDevelopment } from '../model/evidence.js';
import type { Methodology } from '../model/methodology.js';
import type { AssessmentRevision, DraftEvidence } from '../model/review.js';
import { InvalidInputError } from '../shared/errors.js';
import { firstDay } from '../shared/source-id.js';
import { evidenceDoc } from '../store/evidence-store.js';
import type { Store, WriteResult } from '../store/store.js';
import { checkSources } from './fact-rules.js';
import { checkEvent, checkKeyDevelopment, checkNarrative } from './record-facts.js';

/** What a draft write did: `unchanged` when the record is already as seen (then nothing is written or audited). */
export interface DraftWrite {
  result: WriteResult;
  /** The revision that holds the record; null when nothing was written. */
  revision: AssessmentRevision | null;
}

/** Writes the narrative of one question into the draft revision of its assessment. */
export function draftNarrative(
  store: Store,
  methodology: Methodology,
  acting: Acting,
  n: IndicatorNarrative,
): Promise<DraftWrite> {
  checkNarrative(methodology, n);
  return holdInDraft(store, methodology, acting, n.edition, { kind: 'narrative', record: n }, n.questionId);
}

/** Writes a reported event into the draft revision of the edition given (see `eventEdition`). */
export function draftEvent(
  store: Store,
  methodology: Methodology,
  acting: Acting,
  e: CountryEvent,
  edition: number,
): Promise<DraftWrite> {
  checkEvent(methodology, e);
  return holdInDraft(store, methodology, acting, edition, { kind: 'event', record: e }, e.id);
}

/** Writes a key development into the draft revision of its assessment. */
export async function draftKeyDevelopment(
  store: Store,
  methodology: Methodology,
  acting: Acting,
  k: KeyDevelopment,
): Promise<DraftWrite> {
  await checkKeyDevelopment(store, methodology, k);
  return holdInDraft(store, methodology, acting, k.edition, { kind: 'key_development', record: k }, k.id);
}

/**
 * The edition whose revision holds an event when the writer names none: the one whose coverage period (the
 * methodology's) holds the event's first day; refused when none does.
 */
export function eventEdition(methodology: Methodology, start: string): number {
  const day = firstDay(start);
  const period = methodology.coveragePeriods.find((p) => p.start <= day && day <= p.end);
  if (!period)
    throw new InvalidInputError(
      `no edition's coverage period holds ${start}: name the edition whose draft holds the event`,
    );
  return period.edition;
}

/** A record as a reader of drafts sees it: marked with its revision's state when an open revision holds it. */
export type SeenRecord<T> = T & { reviewState?: 'draft' | 'in_review' };

/**
 * The records of `kind` as a reader of drafts sees them: the stored (published) ones, with what the open revisions of
 * the country (of one edition, or of all) hold in their place or beside them, marked; in id order.
 */
export async function withDrafts<T extends { id: string }>(
  store: Store,
  kind: DraftEvidence['kind'],
  scope: { country: string; edition?: number },
  stored: readonly T[],
): Promise<SeenRecord<T>[]> {
  const seen = new Map<string, SeenRecord<T>>(stored.map((r) => [r.id, r]));
  for (const r of await listRevisions(store, ['draft', 'in_review'])) {
    if (r.country !== scope.country || (scope.edition !== undefined && r.edition !== scope.edition)) continue;
    for (const e of draftEvidence(r))
      if (e.kind === kind)
        // The kind names the record's type: a narrative's list holds narratives.
        seen.set(e.record.id, {
          ...(e.record as unknown as T),
          reviewState: r.state as 'draft' | 'in_review',
        });
  }
  return [...seen.values()].sort((a, b) => a.id.localeCompare(b.id));
}

async function holdInDraft(
  store: Store,
  methodology: Methodology,
  acting: Acting,
  edition: number,
  held: DraftEvidence,
  label: string,
): Promise<DraftWrite> {
  const { record } = held;
  const where = { country: record.country, edition };
  return store.transaction(async () => {
    await checkSources(store, record.sourceIds, `${held.kind} ${record.id}`);
    const before = await visibleEvidence(store, where, held.kind, record.id);
    if (before && evidenceDoc(before) === evidenceDoc(record)) return { result: 'unchanged', revision: null };
    const revision = await editDraft(
      store,
      methodology,
      acting,
      {
        ...where,
        evidence: held,
        note: `${held.kind} ${label}`,
        step: { part: held.kind, id: label, from: null, to: null },
        audit: {
          action: `evidence.${held.kind}`,
          entity: evidenceEntity(held.kind, record.id),
          before,
          after: () => record,
          reason: null,
        },
      },
      (country, ed) => emptyAssessment(methodology, country, ed),
    );
    return { result: before ? 'updated' : 'added', revision };
  });
}
