/**
 * Write routes for the country evidence that is public at once: evidence links, surveys, recommendations and the
 * decision on a suggested key internet control (narratives, events and key developments go into the draft revision:
 * draft-evidence-routes.ts). Each is for an analyst of the country (or an admin), checks the same rules
 * as the command line (src/evidence/record-facts.ts) and is recorded in the audit log with the record before and
 * after.
 */
import { z } from 'zod';
import { auditedEvidenceWrite, auditedLink } from '../../evidence/audited-evidence.js';
import { decideSuggestion } from '../../evidence/decide-suggestion.js';
import { parseTarget } from '../../evidence/fact-rules.js';
import { recordRecommendation, recordSurvey } from '../../evidence/record-facts.js';
import { loadSuggestionRules } from '../../evidence/suggestion-rules.js';
import { ADDRESSEES, RECOMMENDATION_STATUSES } from '../../model/evidence.js';
import type { Methodology } from '../../model/methodology.js';
import { InvalidInputError } from '../../shared/errors.js';
import type { Store } from '../../store/store.js';
import type { ApiRouter } from '../api-router.js';
import { suggestionJson, suggestionList } from '../contract/assessment-evidence-json.js';
import { evidenceWriteJson } from '../contract/evidence-write-json.js';
import { assessmentParams, countryParams, edition, isoDate } from '../query-schemas.js';
import { ANALYST, evidenceWriter, id, sourceUrls, TAG, text } from './evidence-write-fields.js';

const NOT_FOUND = { '404': 'the event or source named does not exist' };

/** Registers the routes. */
export function evidenceWriteRoutes(
  router: ApiRouter,
  store: Store,
  methodology: Methodology,
  now: () => Date,
): void {
  const { acting, sources } = evidenceWriter(store, now);

  router.route(
    {
      method: 'post',
      path: '/assessments/:cc/:edition/evidence',
      summary:
        'Link evidence to a question score or key internet control: an event, a stored source, or a measurement ' +
        'query (its figures kept as a snapshot)',
      tag: TAG,
      auth: ANALYST,
      params: assessmentParams,
      requestBody: z.strictObject({
        target: z.string().max(10).describe('a question id (B1) or key internet control (KIC3)'),
        event_id: z.string().max(100).optional(),
        source_id: z.string().max(40).optional(),
        query: z
          .strictObject({
            probe_asn: z.array(z.string().max(20)).max(50).optional(),
            domain: z.array(z.string().max(300)).max(50).optional(),
            category_code: z.array(z.string().max(10)).max(50).optional(),
            since: isoDate.optional(),
            until: isoDate.optional(),
          })
          .optional()
          .describe(
            "measurement filters in the country (the window defaults to the edition's coverage period)",
          ),
        note: z.string().max(2000).nullable().default(null),
      }),
      response: evidenceWriteJson,
      responses: {
        ...NOT_FOUND,
        '400': 'not exactly one of event_id, source_id and query, or evidence outside the coverage period',
      },
    },
    async (c, { params, body }) => {
      const given = [body.event_id, body.source_id, body.query].filter((v) => v !== undefined);
      if (given.length !== 1)
        throw new InvalidInputError('give exactly one of event_id, source_id and query');
      const request =
        body.event_id !== undefined
          ? { kind: 'event' as const, eventId: body.event_id }
          : body.source_id !== undefined
            ? { kind: 'source' as const, sourceId: body.source_id }
            : {
                kind: 'measurement_query' as const,
                filters: {
                  ...(body.query?.probe_asn ? { probeAsn: body.query.probe_asn } : {}),
                  ...(body.query?.domain ? { domain: body.query.domain } : {}),
                  ...(body.query?.category_code ? { categoryCode: body.query.category_code } : {}),
                  ...(body.query?.since ? { since: body.query.since } : {}),
                  ...(body.query?.until ? { until: body.query.until } : {}),
                },
              };
      const out = await auditedLink(store, methodology, acting(c), {
        country: params.cc,
        edition: params.edition,
        target: parseTarget(methodology, body.target),
        request,
        note: body.note,
      });
      return c.json({ kind: 'evidence_link', id: out.stored.id, result: out.result });
    },
  );

  router.route(
    {
      method: 'post',
      path: '/countries/:cc/surveys',
      summary:
        'Record a survey (or replace the one with its id): questions, answers with their shares, sources',
      tag: TAG,
      auth: ANALYST,
      params: countryParams,
      requestBody: z.strictObject({
        id,
        edition,
        method: text(500).nullable().default(null),
        population: text(500).nullable().default(null),
        fieldwork_start: isoDate.nullable().default(null),
        fieldwork_end: isoDate.nullable().default(null),
        questions: z
          .array(
            z.strictObject({
              question: text(1000),
              sample_size: z.number().int().min(1).nullable().default(null),
              answers: z
                .array(z.strictObject({ answer: text(500), share: z.number().min(0).max(1) }))
                .min(1)
                .max(50),
            }),
          )
          .min(1)
          .max(100),
        source_urls: sourceUrls,
      }),
      response: evidenceWriteJson,
    },
    async (c, { params, body }) => {
      const out = await auditedEvidenceWrite(store, acting(c), 'survey', body.id, async () => {
        const s = {
          id: body.id,
          country: params.cc,
          edition: body.edition,
          method: body.method,
          population: body.population,
          fieldworkStart: body.fieldwork_start,
          fieldworkEnd: body.fieldwork_end,
          questions: body.questions.map((q) => ({
            question: q.question,
            sampleSize: q.sample_size,
            answers: q.answers,
          })),
          sourceIds: await sources(body.source_urls),
        };
        return { result: await recordSurvey(store, s), stored: s };
      });
      return c.json({ kind: 'survey', id: body.id, result: out.result });
    },
  );

  router.route(
    {
      method: 'post',
      path: '/countries/:cc/recommendations',
      summary: 'Record a recommendation (or replace the one with its id), with its status in later editions',
      tag: TAG,
      auth: ANALYST,
      params: countryParams,
      requestBody: z.strictObject({
        id,
        edition,
        addressees: z.array(z.enum(ADDRESSEES)).min(1),
        text: text(5000),
        source_urls: sourceUrls,
        statuses: z
          .array(
            z.strictObject({
              edition,
              status: z.enum(RECOMMENDATION_STATUSES),
              note: text(2000).nullable().default(null),
              source_urls: sourceUrls,
            }),
          )
          .max(20)
          .default([]),
      }),
      response: evidenceWriteJson,
    },
    async (c, { params, body }) => {
      const out = await auditedEvidenceWrite(store, acting(c), 'recommendation', body.id, async () => {
        const statuses = [];
        for (const st of body.statuses)
          statuses.push({
            edition: st.edition,
            status: st.status,
            note: st.note,
            sourceIds: await sources(st.source_urls),
          });
        const r = {
          id: body.id,
          country: params.cc,
          edition: body.edition,
          addressees: body.addressees,
          text: body.text,
          sourceIds: await sources(body.source_urls),
          statuses,
        };
        return { result: await recordRecommendation(store, r), stored: r };
      });
      return c.json({ kind: 'recommendation', id: body.id, result: out.result });
    },
  );

  for (const decision of ['accept', 'reject'] as const)
    router.route(
      {
        method: 'post',
        path: `/assessments/:cc/:edition/suggestions/:control/${decision}`,
        summary:
          decision === 'accept'
            ? 'Accept a suggested key internet control: answered yes in the draft revision, its evidence linked'
            : 'Reject a suggested key internet control: the decision is kept, the answer stays',
        tag: TAG,
        auth: ANALYST,
        params: assessmentParams.extend({
          control: z.string().regex(/^KIC\d$/i, 'expected a control id such as KIC2'),
        }),
        response: suggestionJson,
        responses: {
          '404': 'nothing suggests this control',
          '400': 'the suggestion was accepted already',
          '409': 'the draft is in review',
        },
      },
      async (c, { params }) => {
        const who = acting(c);
        const controlId = params.control.toUpperCase();
        const rules = await loadSuggestionRules(methodology);
        // The decision and the links it makes are audited by decideSuggestion, as on the command line.
        const s = await decideSuggestion(store, methodology, rules, who, {
          country: params.cc,
          edition: params.edition,
          controlId,
          decision: decision === 'accept' ? 'accepted' : 'rejected',
        });
        return c.json(suggestionList.toJson(s));
      },
    );
}
