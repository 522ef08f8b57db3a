/** The review workflow of an assessment: draft → in review → published, with who did what. */
import type { Assessment } from './assessment.js';
import type { CountryEvent, IndicatorNarrative, KeyDevelopment } from './evidence.js';

export const REVIEW_STATES = ['draft', 'in_review', 'published'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export type ReviewAction = 'edit' | 'submit' | 'return' | 'publish';

/** One step of a revision's history. */
export interface ReviewEvent {
  at: string;
  actor: string;
  action: ReviewAction;
  /** What changed (an edit: `B1 3 → 1`), or the reviewer's comment. */
  note: string | null;
  /** An edit's change as data, which readers see in their language (the note says it in English); absent before. */
  change?: ReviewChange;
}

/** What one edit changed: a question's score or a control's answer (`unknown` for none), or an evidence record. */
export interface ReviewChange {
  part: 'question' | 'control' | 'narrative' | 'event' | 'key_development';
  id: string;
  from: string | null;
  to: string | null;
}

/**
 * The working copy of one assessment (country × edition). The published figure lives in the assessments table
 * and changes only when a revision is published; editing a published edition opens the next revision.
 */
export interface AssessmentRevision {
  country: string;
  edition: number;
  /** 1 for the first revision made here; each edit of a published edition opens the next. */
  revision: number;
  state: ReviewState;
  /** The revision's content. */
  draft: Assessment;
  /** Everyone who changed this revision (by actor name): none of them may publish it. */
  authors: string[];
  submittedBy: string | null;
  reviewedBy: string | null;
  createdAt: string;
  updatedAt: string;
  history: ReviewEvent[];
  /**
   * Country evidence written into this revision (narratives, events, key developments), public once it is
   * published; absent in
   * revisions stored before evidence was reviewed, which held none.
   */
  evidence?: DraftEvidence[];
}

/** The kinds of country evidence that wait in a revision until it is published. */
export const DRAFT_EVIDENCE_KINDS = ['narrative', 'event', 'key_development'] as const;

/** One evidence record held in a revision: the whole record, as it will be stored when the revision is published. */
export type DraftEvidence =
  | { kind: 'narrative'; record: IndicatorNarrative }
  | { kind: 'event'; record: CountryEvent }
  | { kind: 'key_development'; record: KeyDevelopment };
