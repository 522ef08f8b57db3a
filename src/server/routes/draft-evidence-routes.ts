/**
 * Write routes for the country evidence that waits for review: events, narratives and key developments go into the draft revision of
 * their assessment, like scores, and are public once a reviewer publishes it (src/evidence/draft-evidence.ts). Each
 * is for an analyst of the country (or an admin) and is recorded in the audit log under the record's own entity.
 */
import { z } from 'zod';
import {
  type DraftWrite,
  draftEvent,
  draftKeyDevelopment,
  draftNarrative,
  eventEdition,
} from '../../evidence/draft-evidence.js';
import { narrativeId } from '../../evidence/record-facts.js';
import { EVENT_TYPES } from '../../model/evidence.js';
import type { Methodology } from '../../model/methodology.js';
import type { Store } from '../../store/store.js';
import type { ApiRouter } from '../api-router.js';
import { evidenceWriteJson } from '../contract/evidence-write-json.js';
import { assessmentParams, countryParams, edition } from '../query-schemas.js';
import {
  ANALYST,
  evidenceWriter,
  id,
  ids,
  partialDate,
  sourceUrls,
  TAG,
  text,
} from './evidence-write-fields.js';

/** Where a draft write went: the revision that holds the record (absent when nothing was written). */
const draftOf = (out: DraftWrite) =>
  out.revision ? { draft: { edition: out.revision.edition, revision: out.revision.revision } } : {};

/** Registers the routes. */
export function draftEvidenceRoutes(
  router: ApiRouter,
  store: Store,
  methodology: Methodology,
  now: () => Date,
): void {
  const { acting, sources } = evidenceWriter(store, now);

  router.route(
    {
      method: 'post',
      path: '/countries/:cc/events',
      summary:
        'Record a reported event (or replace the one with its id), with its sources, in the draft revision of an ' +
        'assessment: public once a reviewer publishes it',
      tag: TAG,
      auth: ANALYST,
      params: countryParams,
      requestBody: z.strictObject({
        id,
        edition: edition
          .optional()
          .describe(
            'the assessment whose draft holds it (default: the edition whose coverage period holds start)',
          ),
        type: z.enum(EVENT_TYPES),
        start: partialDate,
        end: partialDate.nullable().default(null),
        title: text(300),
        summary: text(5000),
        indicators: ids("the methodology's question ids it bears on (B3)"),
        indicator_attribution: z.enum(['source', 'netfreedom']).default('netfreedom'),
        key_controls: ids('the key internet controls it bears on (KIC3)'),
        source_urls: sourceUrls,
      }),
      response: evidenceWriteJson,
    },
    async (c, { params, body }) => {
      const held = body.edition ?? eventEdition(methodology, body.start);
      const event = {
        id: body.id,
        country: params.cc,
        start: body.start,
        end: body.end,
        type: body.type,
        title: body.title,
        summary: body.summary,
        indicators: body.indicators.map((q) => q.toUpperCase()),
        indicatorAttribution: body.indicator_attribution,
        keyControls: body.key_controls.map((k) => k.toUpperCase()),
        sourceIds: await sources(body.source_urls),
      };
      const out = await draftEvent(store, methodology, acting(c), event, held);
      return c.json({ kind: 'event', id: body.id, result: out.result, ...draftOf(out) });
    },
  );

  router.route(
    {
      method: 'post',
      path: '/assessments/:cc/:edition/narratives/:question',
      summary:
        'Write the narrative of one question of an assessment, with its score-change explanation, in its draft ' +
        'revision: public once a reviewer publishes it',
      tag: TAG,
      auth: ANALYST,
      params: assessmentParams.extend({
        question: z.string().regex(/^[A-Ca-c]\d{1,2}$/, 'expected a question id such as B1'),
      }),
      requestBody: z.strictObject({
        text: text(20000),
        score_change: text(5000)
          .nullable()
          .default(null)
          .describe('why the score changed since the last edition'),
        source_urls: sourceUrls,
      }),
      response: evidenceWriteJson,
    },
    async (c, { params, body }) => {
      const questionId = params.question.toUpperCase();
      const nid = narrativeId(params.cc, params.edition, questionId);
      const out = await draftNarrative(store, methodology, acting(c), {
        id: nid,
        country: params.cc,
        edition: params.edition,
        questionId,
        text: body.text,
        scoreChange: body.score_change,
        sourceIds: await sources(body.source_urls),
      });
      return c.json({ kind: 'narrative', id: nid, result: out.result, ...draftOf(out) });
    },
  );

  router.route(
    {
      method: 'post',
      path: '/assessments/:cc/:edition/key-developments',
      summary:
        'Record a key development of an assessment (or replace the one with its id) in its draft revision: public ' +
        'once a reviewer publishes it',
      tag: TAG,
      auth: ANALYST,
      params: assessmentParams,
      requestBody: z.strictObject({
        id,
        position: z.number().int().min(1).describe('its place in the list, from 1'),
        text: text(5000),
        indicators: ids("the methodology's question ids it bears on"),
        start: partialDate.nullable().default(null),
        end: partialDate.nullable().default(null),
        source_urls: sourceUrls,
      }),
      response: evidenceWriteJson,
      responses: { '400': 'a date outside the coverage period, or no coverage period known' },
    },
    async (c, { params, body }) => {
      const out = await draftKeyDevelopment(store, methodology, acting(c), {
        id: body.id,
        country: params.cc,
        edition: params.edition,
        position: body.position,
        text: body.text,
        indicators: body.indicators.map((q) => q.toUpperCase()),
        start: body.start,
        end: body.end,
        sourceIds: await sources(body.source_urls),
      });
      return c.json({ kind: 'key_development', id: body.id, result: out.result, ...draftOf(out) });
    },
  );
}
