/**
 * The review workflow over the API: analysts edit question scores and key internet controls in the draft,
 * submit it; reviewers return it or publish it; signed-in users read the revisions. Every write is one line of
 * `auth` in its spec.
 */
import { z } from 'zod';
import { analystSource, setKeyControl, setQuestionScore } from '../../assessment/analyst-edits.js';
import { getRevision, listRevisions, reviewStep } from '../../assessment/revisions.js';
import { actingAs } from '../../auth/acting.js';
import type { Methodology } from '../../model/methodology.js';
import { NotFoundError } from '../../shared/errors.js';
import type { Store } from '../../store/store.js';
import type { ApiRouter } from '../api-router.js';
import { principalOf } from '../auth/route-access.js';
import { reviewList, revisionJson, toRevisionJson } from '../contract/review-json.js';
import { listRoute } from '../list-route.js';
import { assessmentParams, format, isoDate, page } from '../query-schemas.js';

const TAG = 'review';
const source = {
  source_url: z.string().max(2000).describe('where the evidence is (http or https)'),
  source_title: z.string().max(300).optional(),
  accessed: isoDate.optional().describe('when the source was read (YYYY-MM-DD, default today)'),
};
const STATES = { '409': 'the revision is not in the state this step needs (e.g. edited while in review)' };

export function reviewRoutes(
  router: ApiRouter,
  store: Store,
  methodology: Methodology,
  now: () => Date,
): void {
  const acting = (c: Parameters<typeof principalOf>[0]) => actingAs(principalOf(c)!, c.get('requestId'), now);
  const sourceOf = (b: {
    source_url: string;
    source_title?: string | undefined;
    accessed?: string | undefined;
  }) => analystSource(b.source_url, b.accessed ?? now().toISOString().slice(0, 10), b.source_title);

  listRoute(
    router,
    {
      method: 'get',
      path: '/reviews',
      summary: 'Revisions not published yet (drafts and those in review), for signed-in users',
      tag: TAG,
      auth: { permission: 'read_drafts' },
      query: z.object({ format, ...page }),
      list: reviewList,
      csvName: () => 'reviews',
    },
    () => listRevisions(store, ['draft', 'in_review']),
  );

  router.route(
    {
      method: 'get',
      path: '/assessments/:cc/:edition/revision',
      summary: "An assessment's current revision: its draft (marked with its state), authors and history",
      tag: TAG,
      auth: { permission: 'read_drafts' },
      params: assessmentParams,
      response: revisionJson,
      responses: { '404': 'no revision was ever made of this assessment' },
    },
    async (c, { params }) => {
      const r = await getRevision(store, params.cc, params.edition);
      if (!r) throw new NotFoundError(`no revision of ${params.cc} ${params.edition}: it is as published`);
      return c.json(toRevisionJson(r));
    },
  );

  router.route(
    {
      method: 'post',
      path: '/assessments/:cc/:edition/questions/:question',
      summary: 'Set one question score in the draft, with its justification and source (opens a revision)',
      tag: TAG,
      auth: { permission: 'edit_drafts', countryParam: 'cc' },
      params: assessmentParams.extend({
        question: z.string().regex(/^[A-Ca-c]\d{1,2}$/, 'expected a question id such as B1'),
      }),
      requestBody: z.strictObject({
        score: z.number().int().min(0).nullable().describe('points, or null for unknown'),
        justification: z.string().min(1).max(5000).describe('why this score: every change needs a reason'),
        ...source,
      }),
      response: revisionJson,
      responses: STATES,
    },
    async (c, { params, body }) => {
      const r = await setQuestionScore(store, methodology, acting(c), {
        country: params.cc,
        edition: params.edition,
        questionId: params.question.toUpperCase(),
        score: body.score,
        justification: body.justification,
        source: sourceOf(body),
      });
      return c.json(toRevisionJson(r));
    },
  );

  router.route(
    {
      method: 'post',
      path: '/assessments/:cc/:edition/controls/:control',
      summary:
        'Answer one key internet control in the draft, with its evidence and source (opens a revision)',
      tag: TAG,
      auth: { permission: 'edit_drafts', countryParam: 'cc' },
      params: assessmentParams.extend({
        control: z.string().regex(/^KIC\d$/i, 'expected a control id such as KIC2'),
      }),
      requestBody: z.strictObject({
        answer: z.enum(['yes', 'no', 'unknown']),
        evidence: z.string().min(1).max(5000),
        ...source,
      }),
      response: revisionJson,
      responses: STATES,
    },
    async (c, { params, body }) => {
      const r = await setKeyControl(store, methodology, acting(c), {
        country: params.cc,
        edition: params.edition,
        controlId: params.control.toUpperCase(),
        answer: body.answer,
        evidence: body.evidence,
        source: sourceOf(body),
      });
      return c.json(toRevisionJson(r));
    },
  );

  const step = (
    name: 'submit' | 'return' | 'publish',
    summary: string,
    access: { permission: 'submit_review' | 'review'; countryParam: 'cc' },
    comment: z.ZodType<string | undefined>,
  ) =>
    router.route(
      {
        method: 'post',
        path: `/assessments/:cc/:edition/${name}`,
        summary,
        tag: TAG,
        auth: access,
        params: assessmentParams,
        requestBody: z.strictObject({ comment }),
        response: revisionJson,
        responses: {
          ...STATES,
          ...(name === 'publish' ? { '403': 'you edited this revision: another reviewer publishes it' } : {}),
        },
      },
      async (c, { params, body }) =>
        c.json(
          toRevisionJson(
            await reviewStep(store, acting(c), params.cc, params.edition, name, body.comment?.trim() || null),
          ),
        ),
    );
  const optional = z.string().max(5000).optional();
  step('submit', 'Send the draft to review', { permission: 'submit_review', countryParam: 'cc' }, optional);
  step(
    'return',
    'Return a revision in review to its authors, saying what to change',
    { permission: 'review', countryParam: 'cc' },
    z.string().min(1).max(5000),
  );
  step(
    'publish',
    'Publish a revision in review (not by one of its authors): it becomes the published assessment',
    { permission: 'review', countryParam: 'cc' },
    optional,
  );
}
