/**
 * Assessment revisions in the store: analysts' edits (scores, controls, and the narratives and events held with
 * them) go into the open draft (one per country × edition), the review steps move it along, and publishing writes
 * its content as the published assessment and its evidence to the evidence store. Each step is one transaction
 * with its audit entries.
 */
import type { Assessment, AssessmentInput } from '../model/assessment.js';
import type { Acting } from '../model/audit.js';
import type { Methodology } from '../model/methodology.js';
import type { AssessmentRevision, DraftEvidence, ReviewChange, ReviewState } from '../model/review.js';
import type { Store } from '../store/store.js';
import { draftToEdit, published, returned, submitted, withStep } from './review-workflow.js';
import { buildAssessment } from './scoring.js';

/** The document id of a country × edition's revision. */
function revisionId(country: string, edition: number): string {
  return `${country}:${edition}`;
}

function entity(country: string, edition: number): string {
  return `assessment:${country}:${edition}`;
}

/** The current revision of a country × edition (open or last published), or null when none was ever made here. */
export function getRevision(
  store: Store,
  country: string,
  edition: number,
): Promise<AssessmentRevision | null> {
  return store.documents.get<AssessmentRevision>('review', revisionId(country, edition));
}

/** Revisions, optionally only those in some states, by country and edition. */
export async function listRevisions(
  store: Store,
  states?: readonly ReviewState[],
): Promise<AssessmentRevision[]> {
  const all = await store.documents.list<AssessmentRevision>('review');
  return states ? all.filter((r) => states.includes(r.state)) : all;
}

/** The audit entity of an evidence record, as src/evidence/audited-evidence.ts names it too: `<kind>:<id>`. */
export function evidenceEntity(kind: string, id: string): string {
  return `${kind}:${id}`;
}

export interface DraftEdit {
  country: string;
  edition: number;
  /** What the edit does to the draft's input; the result is checked whole (categories, total, status). */
  change?: (base: AssessmentInput) => AssessmentInput;
  /** An evidence record the edit puts into the revision (replacing the one of the same kind and id). */
  evidence?: DraftEvidence;
  /** A line for the revision's history, e.g. `B1: 3 → 1`, and the same as data (shown in the reader's language). */
  note: string;
  step: ReviewChange;
  /**
   * The part that changed, before and after, for the audit log; the entity is the assessment unless named (an
   * evidence record is its own entity, so that its history is found under it).
   */
  audit: {
    action: string;
    before: unknown;
    after: (a: Assessment) => unknown;
    reason: string | null;
    entity?: string;
  };
}

/** The revision's evidence records (none in revisions stored before evidence was reviewed). */
export function draftEvidence(r: AssessmentRevision | null): DraftEvidence[] {
  return r?.evidence ?? [];
}

/**
 * The record of `kind` and `id` as a reader of drafts sees it: the open revision's when it holds one, else the
 * stored (published) one. Where it is looked for: the revision of `country` × `edition`.
 */
export async function visibleEvidence(
  store: Store,
  where: { country: string; edition: number },
  kind: DraftEvidence['kind'],
  id: string,
): Promise<DraftEvidence['record'] | null> {
  const r = await getRevision(store, where.country, where.edition);
  const held =
    r && r.state !== 'published'
      ? draftEvidence(r).find((e) => e.kind === kind && e.record.id === id)
      : undefined;
  return held ? held.record : store.evidence.get(kind, id);
}

/** Applies an edit to the open draft, opening a new revision from the published assessment when there is none. */
export async function editDraft(
  store: Store,
  methodology: Methodology,
  acting: Acting,
  edit: DraftEdit,
  base: (country: string, edition: number) => Assessment,
): Promise<AssessmentRevision> {
  return store.transaction(async () => {
    const current = await getRevision(store, edit.country, edit.edition);
    const publishedNow = await store.assessments.get(edit.country, edit.edition);
    const at = acting.now().toISOString();
    const draft = draftToEdit(current, publishedNow, () => base(edit.country, edit.edition), at);
    const content = edit.change
      ? buildAssessment(methodology, edit.change(toInput(draft.draft)))
      : draft.draft;
    content.keyControls.sort((a, b) => a.controlId.localeCompare(b.controlId, 'en', { numeric: true }));
    const held = edit.evidence;
    const evidence = held
      ? [
          ...draftEvidence(draft).filter((e) => !(e.kind === held.kind && e.record.id === held.record.id)),
          held,
        ]
      : draftEvidence(draft);
    const next = withStep({ ...draft, draft: content, evidence }, acting, 'edit', edit.note, {}, edit.step);
    await store.documents.put('review', revisionId(edit.country, edit.edition), next);
    await store.audit.append({
      actor: acting.actor,
      action: edit.audit.action,
      entity: edit.audit.entity ?? entity(edit.country, edit.edition),
      before: edit.audit.before,
      after: { revision: next.revision, ...(edit.audit.after(content) as object) },
      reason: edit.audit.reason,
      requestId: acting.requestId,
    });
    return next;
  });
}

type Step = 'submit' | 'return' | 'publish';

/**
 * Moves a revision one step: submit (draft → in review), return (in review → draft, a comment required) or
 * publish (in review → published, not by one of its authors), which makes its content the published assessment.
 */
export async function reviewStep(
  store: Store,
  acting: Acting,
  country: string,
  edition: number,
  step: Step,
  comment: string | null,
): Promise<AssessmentRevision> {
  return store.transaction(async () => {
    const current = await getRevision(store, country, edition);
    const next =
      step === 'submit'
        ? submitted(current, acting, comment)
        : step === 'return'
          ? returned(current, acting, comment ?? '')
          : published(current, acting, comment);
    let before: unknown = { revision: current?.revision, state: current?.state };
    let after: unknown = { revision: next.revision, state: next.state };
    if (step === 'publish') {
      // The published assessment changes here and nowhere else (besides the operator's imports).
      before = await store.assessments.get(country, edition);
      await store.assessments.put(next.draft);
      after = next.draft;
      await publishEvidence(store, acting, draftEvidence(next), comment);
    }
    await store.documents.put('review', revisionId(country, edition), next);
    await store.audit.append({
      actor: acting.actor,
      action: `review.${step}`,
      entity: entity(country, edition),
      before,
      after,
      reason: comment,
      requestId: acting.requestId,
    });
    return next;
  });
}

/**
 * Stores the evidence a revision held, where the public reads it, each record with an audit entry under its own
 * entity (its history then shows when it went public). Its rules and sources were checked when it was written.
 */
async function publishEvidence(
  store: Store,
  acting: Acting,
  held: readonly DraftEvidence[],
  comment: string | null,
): Promise<void> {
  for (const e of held) {
    const before = await store.evidence.get(e.kind, e.record.id);
    const result =
      e.kind === 'narrative'
        ? await store.evidence.put('narrative', e.record)
        : e.kind === 'event'
          ? await store.evidence.put('event', e.record)
          : await store.evidence.put('key_development', e.record);
    if (result === 'unchanged') continue;
    await store.audit.append({
      actor: acting.actor,
      action: 'review.publish',
      entity: evidenceEntity(e.kind, e.record.id),
      before,
      after: e.record,
      reason: comment,
      requestId: acting.requestId,
    });
  }
}

/** Turns a stored assessment back into input, keeping only the figures that were given (not computed). */
export function toInput(a: Assessment): AssessmentInput {
  const totalWasGiven = a.totalSources.length > 0;
  return {
    country: a.country,
    edition: a.edition,
    scale: a.scale,
    coverageStart: a.coverageStart,
    coverageEnd: a.coverageEnd,
    total: totalWasGiven ? a.total : null,
    categories: Object.fromEntries(
      a.categories.filter((c) => !c.computed).map((c) => [c.categoryId, c.score]),
    ),
    status: totalWasGiven ? a.status : null,
    questions: a.questions,
    keyControls: a.keyControls,
    totalSources: a.totalSources,
    categorySources: a.categorySources,
    previousEditionTotal: a.previousEditionTotal,
    notes: a.notes,
    restatedInEdition: a.restatedInEdition,
  };
}
