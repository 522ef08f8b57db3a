/**
 * The review workflow's rules, as pure functions over a revision: draft → in review → published; a reviewer
 * returns a revision (with a comment) or publishes it; nobody publishes a revision they changed; a published
 * edition changes only through a new revision.
 */
import type { Assessment } from '../model/assessment.js';
import type { Acting } from '../model/audit.js';
import type { AssessmentRevision, ReviewAction, ReviewChange } from '../model/review.js';
import { ConflictError, ForbiddenError, InvalidInputError } from '../shared/errors.js';

function label(r: Pick<AssessmentRevision, 'country' | 'edition' | 'revision'>): string {
  return `${r.country} ${r.edition} revision ${r.revision}`;
}

/**
 * The revision an edit goes into: the open draft as it is, or a new draft made from the published assessment (or
 * from nothing) when there is none or the last one was published. A revision in review is not edited.
 */
export function draftToEdit(
  current: AssessmentRevision | null,
  published: Assessment | null,
  base: () => Assessment,
  at: string,
): AssessmentRevision {
  if (current?.state === 'in_review')
    throw new ConflictError(`${label(current)} is in review: a reviewer returns it before it can be edited`);
  if (current?.state === 'draft') return current;
  return {
    country: published?.country ?? base().country,
    edition: published?.edition ?? base().edition,
    revision: (current?.revision ?? 0) + 1,
    state: 'draft',
    draft: published ?? base(),
    authors: [],
    submittedBy: null,
    reviewedBy: null,
    createdAt: at,
    updatedAt: at,
    history: [],
    evidence: [],
  };
}

/** The revision after one more step: the step in its history, the time, and (for an edit) the author. */
export function withStep(
  r: AssessmentRevision,
  acting: Acting,
  action: ReviewAction,
  note: string | null,
  change: Partial<AssessmentRevision> = {},
  what?: ReviewChange,
): AssessmentRevision {
  const at = acting.now().toISOString();
  return {
    ...r,
    ...change,
    authors:
      action === 'edit' && !r.authors.includes(acting.person) ? [...r.authors, acting.person] : r.authors,
    updatedAt: at,
    history: [...r.history, { at, actor: acting.actor, action, note, ...(what ? { change: what } : {}) }],
  };
}

/** A draft goes to review. */
export function submitted(
  r: AssessmentRevision | null,
  acting: Acting,
  comment: string | null,
): AssessmentRevision {
  if (r?.state !== 'draft')
    throw new ConflictError(
      `${r ? label(r) : 'this assessment'} has no draft to submit${r ? ` (it is ${r.state})` : ''}`,
    );
  return withStep(r, acting, 'submit', comment, { state: 'in_review', submittedBy: acting.person });
}

/** A reviewer sends a revision in review back to its authors, saying why. */
export function returned(r: AssessmentRevision | null, acting: Acting, comment: string): AssessmentRevision {
  if (!comment.trim())
    throw new InvalidInputError('returning a revision needs a comment saying what to change');
  inReview(r);
  return withStep(r!, acting, 'return', comment.trim(), { state: 'draft', reviewedBy: acting.person });
}

/** A reviewer publishes a revision in review, which none of its authors may do. */
export function published(
  r: AssessmentRevision | null,
  acting: Acting,
  comment: string | null,
): AssessmentRevision {
  inReview(r);
  if (r!.authors.includes(acting.person))
    throw new ForbiddenError(
      `nobody approves their own change: ${acting.person} edited ${label(r!)}; another reviewer publishes it`,
    );
  return withStep(r!, acting, 'publish', comment, { state: 'published', reviewedBy: acting.person });
}

function inReview(r: AssessmentRevision | null): void {
  if (r?.state !== 'in_review')
    throw new ConflictError(
      `${r ? label(r) : 'this assessment'} is not in review${r ? ` (it is ${r.state})` : ''}`,
    );
}
