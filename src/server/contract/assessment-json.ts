/** A country assessment (netfreedom's own format) in snake_case, like every other answer of the API. */
import { z } from 'zod';
import type {
  Assessment,
  CategoryScore,
  KeyControlAnswer,
  QuestionScore,
  Source,
} from '../../model/assessment.js';
import { named } from './api-schemas.js';

const verification = z
  .enum(['primary', 'secondary', 'unverified'])
  .describe(
    "how far a source can be trusted for a figure: primary, the publisher's own document (Freedom House's page); " +
      'secondary, a copy or report of it (a mirror, a news report, an aggregator); unverified, a source that ' +
      'could not be identified or checked',
  );

/** Where a figure came from. */
export const sourceJson = named(
  'Source',
  "Where a figure came from, with what could be established about it ('unknown' where nothing could)",
  z.strictObject({
    id: z
      .string()
      .describe('stable id derived from the URL; facts (events, key developments…) name sources by it'),
    url: z.string(),
    title: z.string().describe("the title the document shows, or 'unknown'"),
    publisher: z.string().describe("who published this copy, or 'unknown'"),
    accessed: z.string().describe("YYYY-MM-DD the source was read, or 'unknown'"),
    published: z
      .string()
      .describe(
        "when the document was published (YYYY-MM-DD, YYYY-MM or YYYY, as far as known), or 'unknown'",
      ),
    archive_sha256: z
      .string()
      .nullable()
      .describe('SHA-256 (hex) of an archived copy of the document; null when none was kept'),
    verification,
    kind: z.enum(['publisher', 'mirror', 'news', 'aggregator', 'unknown']),
    original_publisher: z
      .string()
      .nullable()
      .describe("for a mirror or report, whose document it copies or reports; null for the publisher's own"),
    note: z.string().nullable(),
  }),
);

/** How the figures of an assessment are sourced, and whether a total is a later edition's restatement. */
export const provenanceFields = {
  total_verification: verification
    .nullable()
    .describe("the best verification among the total's sources; a page must say so when it is not primary"),
  restated_in_edition: z
    .number()
    .int()
    .nullable()
    .describe(
      "set when the total is Freedom House's restatement of this edition on a later edition's scale, published " +
        "in that edition (e.g. Kazakhstan 2018 on the current scale, from the 2019 edition); null for the edition's own figure",
    ),
};

/** The fields every view of a scored country-year shares. */
export const scoreFields = {
  country: z.string().describe('ISO 3166-1 alpha-2'),
  edition: z.number().int().describe('FOTN edition (report year)'),
  scale: z
    .enum(['current', 'legacy'])
    .describe(
      'the scale the figures were published on: current (since 2019, higher is freer) or legacy (2011–2018, 0 is ' +
        'best); nothing is converted, so totals on different scales are never compared',
    ),
  total: z.number().nullable().describe('total score on its scale, null when unknown'),
  status: z
    .enum(['Free', 'Partly Free', 'Not Free'])
    .nullable()
    .describe('status from the bands of its scale'),
};

const categoryScoreJson = named(
  'CategoryScore',
  'The score of one methodology category (A, B, C)',
  z.strictObject({
    category_id: z.string(),
    score: z.number().nullable(),
    computed: z.boolean().describe('derived from the question scores rather than given'),
  }),
);

const questionScoreJson = named(
  'QuestionScore',
  "One question's score with its justification and sources",
  z.strictObject({
    question_id: z.string(),
    score: z.number().int().nullable().describe('integer 0..max, or null when unknown'),
    justification: z.string().nullable(),
    sources: z.array(sourceJson),
  }),
);

const keyControlJson = named(
  'KeyControlAnswer',
  'The answer to one key internet control, with its evidence and sources',
  z.strictObject({
    control_id: z.string(),
    answer: z.enum(['yes', 'no', 'unknown']),
    evidence: z.string().nullable(),
    sources: z.array(sourceJson),
  }),
);

/** One country × edition. */
export const assessmentJson = named(
  'Assessment',
  'One country × edition: figures on the scale they were published on, each with its sources',
  z.strictObject({
    ...scoreFields,
    coverage_start: z.string().nullable().describe('first day of the period covered, YYYY-MM-DD'),
    coverage_end: z.string().nullable().describe('last day of the period covered, YYYY-MM-DD'),
    categories: z.array(categoryScoreJson),
    questions: z.array(questionScoreJson),
    key_controls: z.array(keyControlJson),
    total_sources: z.array(sourceJson).describe('sources of the total and status'),
    category_sources: z.array(sourceJson).describe('sources of the category breakdown'),
    previous_edition_total: z.number().nullable(),
    notes: z.string().nullable(),
    ...provenanceFields,
    category_verification: verification
      .nullable()
      .describe("the best verification among the category breakdown's sources"),
    review_state: z
      .enum(['draft', 'in_review', 'published'])
      .optional()
      .describe(
        'only in answers to signed-in readers: draft or in_review when this is an unpublished revision (shown in ' +
          'place of the published figures), published otherwise; the public only ever sees published assessments',
      ),
  }),
);

export type AssessmentJson = z.output<typeof assessmentJson>;
export type SourceJson = z.output<typeof sourceJson>;

/** An assessment in the API's names. */
export function toAssessmentJson(a: Assessment): AssessmentJson {
  return {
    country: a.country,
    edition: a.edition,
    scale: a.scale,
    total: a.total,
    status: a.status,
    coverage_start: a.coverageStart,
    coverage_end: a.coverageEnd,
    categories: a.categories.map(toCategoryScoreJson),
    questions: a.questions.map(toQuestionScoreJson),
    key_controls: a.keyControls.map(toKeyControlJson),
    total_sources: a.totalSources.map(toSourceJson),
    category_sources: a.categorySources.map(toSourceJson),
    previous_edition_total: a.previousEditionTotal,
    notes: a.notes,
    total_verification: a.totalVerification,
    restated_in_edition: a.restatedInEdition,
    category_verification: a.categoryVerification,
  };
}

/** A source in the API's names (listed field by field, so an answer holds exactly what is documented). */
export function toSourceJson(s: Source): SourceJson {
  return {
    id: s.id,
    url: s.url,
    title: s.title,
    publisher: s.publisher,
    accessed: s.accessed,
    published: s.published,
    archive_sha256: s.archiveSha256,
    verification: s.verification,
    kind: s.kind,
    original_publisher: s.originalPublisher,
    note: s.note,
  };
}

function toCategoryScoreJson(c: CategoryScore): z.output<typeof categoryScoreJson> {
  return { category_id: c.categoryId, score: c.score, computed: c.computed };
}

function toQuestionScoreJson(q: QuestionScore): z.output<typeof questionScoreJson> {
  return {
    question_id: q.questionId,
    score: q.score,
    justification: q.justification,
    sources: q.sources.map(toSourceJson),
  };
}

function toKeyControlJson(k: KeyControlAnswer): z.output<typeof keyControlJson> {
  return {
    control_id: k.controlId,
    answer: k.answer,
    evidence: k.evidence,
    sources: k.sources.map(toSourceJson),
  };
}
