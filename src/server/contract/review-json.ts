/** An assessment's revision and its review state in the API's names: what signed-in users see beside the published one. */
import { z } from 'zod';
import { type AssessmentRevision, DRAFT_EVIDENCE_KINDS, type DraftEvidence } from '../../model/review.js';
import { named } from './api-schemas.js';
import { assessmentJson, toAssessmentJson } from './assessment-json.js';
import { listContract } from './list-contract.js';

const reviewEventJson = named(
  'ReviewEvent',
  "One step of a revision's history",
  z.strictObject({
    at: z.string().describe('ISO 8601 UTC'),
    actor: z
      .string()
      .describe('who: a user, a token of one (`alice (token tok_…)`), or the command line (`root (local)`)'),
    action: z.enum(['edit', 'submit', 'return', 'publish']),
    note: z.string().nullable().describe("what changed (`B1: 3 → 1`), or the reviewer's comment"),
    change: z
      .strictObject({
        part: z.enum(['question', 'control', 'narrative', 'event', 'key_development']),
        id: z.string(),
        from: z.string().nullable().describe('a score or answer before (`unknown` for none)'),
        to: z.string().nullable(),
      })
      .nullable()
      .describe("an edit's change as data, for readers in other languages; null for other steps"),
  }),
);

const stateFields = {
  country: z.string(),
  edition: z.number().int(),
  revision: z
    .number()
    .int()
    .describe('1 for the first revision made here; editing a published edition opens the next'),
  state: z
    .enum(['draft', 'in_review', 'published'])
    .describe(
      'draft → in_review (submitted) → published (by a reviewer who did not edit it); returned goes back to draft',
    ),
  authors: z.array(z.string()).describe('everyone who edited this revision: none of them may publish it'),
  submitted_by: z.string().nullable(),
  reviewed_by: z.string().nullable().describe('who returned or published it last'),
  created_at: z.string(),
  updated_at: z.string(),
};

const heldEvidenceJson = named(
  'HeldEvidence',
  'A narrative, event or key development a revision holds: public once the revision is published',
  z.strictObject({
    kind: z.enum(DRAFT_EVIDENCE_KINDS),
    id: z.string(),
    question_id: z.string().nullable().describe("a narrative's question"),
    title: z.string().nullable().describe("an event's title"),
    start: z.string().nullable().describe("an event's date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    text: z.string().describe("a narrative's or key development's text, an event's summary"),
    score_change: z.string().nullable().describe("a narrative's explanation of the score change"),
  }),
);

function toHeldEvidenceJson(e: DraftEvidence): z.output<typeof heldEvidenceJson> {
  const none = { question_id: null, title: null, start: null, score_change: null };
  switch (e.kind) {
    case 'narrative':
      return {
        ...none,
        kind: e.kind,
        id: e.record.id,
        question_id: e.record.questionId,
        text: e.record.text,
        score_change: e.record.scoreChange,
      };
    case 'event':
      return {
        ...none,
        kind: e.kind,
        id: e.record.id,
        title: e.record.title,
        start: e.record.start,
        text: e.record.summary,
      };
    default:
      return { ...none, kind: e.kind, id: e.record.id, start: e.record.start, text: e.record.text };
  }
}

/** A revision with its content (the draft) and history. */
export const revisionJson = named(
  'AssessmentRevision',
  'The working copy of an assessment and its review state (signed-in users only; the public sees the published one)',
  z.strictObject({
    ...stateFields,
    history: z.array(reviewEventJson),
    draft: assessmentJson,
    evidence: z.array(heldEvidenceJson).describe('the narratives and events written into this revision'),
  }),
);

export type RevisionJson = z.output<typeof revisionJson>;

function stateJson(r: AssessmentRevision) {
  return {
    country: r.country,
    edition: r.edition,
    revision: r.revision,
    state: r.state,
    authors: r.authors,
    submitted_by: r.submittedBy,
    reviewed_by: r.reviewedBy,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

export function toRevisionJson(r: AssessmentRevision): RevisionJson {
  return {
    ...stateJson(r),
    history: r.history.map((e) => ({
      at: e.at,
      actor: e.actor,
      action: e.action,
      note: e.note,
      change: e.change ?? null,
    })),
    draft: toAssessmentJson(r.draft),
    evidence: (r.evidence ?? []).map(toHeldEvidenceJson),
  };
}

/** The open revisions (drafts and those in review), without their content. */
export const reviewList = listContract({
  pageId: 'ReviewPage',
  description: 'One page of the revisions not published yet',
  item: named(
    'ReviewSummary',
    'A revision not published yet: which assessment, its state, who',
    z.strictObject(stateFields),
  ),
  toJson: stateJson,
  csvRow: (item) => ({ ...item, authors: item.authors.join(' ') }),
});
