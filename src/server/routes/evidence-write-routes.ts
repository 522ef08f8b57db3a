/**
 * Write routes for the country evidence: events, key developments, narratives, evidence links, surveys,
 * recommendations and the decision on a suggested key internet control. Each is for an analyst of the country (or an
 * admin), checks the same rules as the command line (src/evidence/record-facts.ts) and is recorded in the audit log
 * with the record before and after.
 */
import { z } from 'zod';
import { loadSourceRegistry, type SourceRegistry } from '../../assessment/source-registry.js';
import { actingAs } from '../../auth/acting.js';
import { auditedEvidenceWrite } from '../../evidence/audited-evidence.js';
import { decideSuggestion } from '../../evidence/decide-suggestion.js';
import { linkEvidence } from '../../evidence/evidence-links.js';
import { parseTarget } from '../../evidence/fact-rules.js';
import {
  narrativeId,
  recordEvent,
  recordKeyDevelopment,
  recordNarrative,
  recordRecommendation,
  recordSurvey,
  storeSources,
} from '../../evidence/record-facts.js';
import { decisionId } from '../../evidence/suggest-controls.js';
import { loadSuggestionRules } from '../../evidence/suggestion-rules.js';
import { ADDRESSEES, EVENT_TYPES, RECOMMENDATION_STATUSES } from '../../model/evidence.js';
import type { Methodology } from '../../model/methodology.js';
import { InvalidInputError } from '../../shared/errors.js';
import type { Store } from '../../store/store.js';
import type { ApiRouter } from '../api-router.js';
import { principalOf } from '../auth/route-access.js';
import { suggestionJson, suggestionList } from '../contract/assessment-evidence-json.js';
import { evidenceWriteJson } from '../contract/evidence-write-json.js';
import { countryCode, edition, isoDate } from '../query-schemas.js';

const TAG = 'country evidence';
const ANALYST = { permission: 'edit_drafts', countryParam: 'cc' } as const;
const country = z.object({ cc: countryCode });
const assessment = z.object({ cc: countryCode, edition });
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'expected an id of lower-case letters, digits and hyphens')
  .describe('the record id: the same id again replaces the record');
const text = (max: number) => z.string().trim().min(1).max(max);
const partialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD')
  .describe('YYYY, YYYY-MM or YYYY-MM-DD');
const sourceUrls = z
  .array(z.string().max(2000))
  .min(1)
  .max(50)
  .describe('where it is reported (http or https): a source the registry lists, else an unverified one');
const ids = (what: string) => z.array(z.string().max(10)).max(30).default([]).describe(what);
const NOT_FOUND = { '404': 'the event or source named does not exist' };

/** Registers the routes. */
export function evidenceWriteRoutes(
  router: ApiRouter,
  store: Store,
  methodology: Methodology,
  now: () => Date,
): void {
  const acting = (c: Parameters<typeof principalOf>[0]) => actingAs(principalOf(c)!, c.get('requestId'), now);
  // The bundled source registry, read on the first write that needs it.
  let registry: Promise<SourceRegistry> | null = null;
  const sources = async (urls: readonly string[]) => {
    registry ??= loadSourceRegistry();
    return storeSources(store, urls, await registry);
  };

  router.route(
    {
      method: 'post',
      path: '/countries/:cc/events',
      summary: 'Record a reported event (or replace the one with its id), with its sources',
      tag: TAG,
      auth: ANALYST,
      params: country,
      requestBody: z.strictObject({
        id,
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
      const out = await auditedEvidenceWrite(store, acting(c), 'event', body.id, async () => {
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
        return { result: await recordEvent(store, methodology, event), stored: event };
      });
      return c.json({ kind: 'event', id: body.id, result: out.result });
    },
  );

  router.route(
    {
      method: 'post',
      path: '/assessments/:cc/:edition/key-developments',
      summary: 'Record a key development of an assessment (or replace the one with its id)',
      tag: TAG,
      auth: ANALYST,
      params: assessment,
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
      const out = await auditedEvidenceWrite(store, acting(c), 'key_development', body.id, async () => {
        const k = {
          id: body.id,
          country: params.cc,
          edition: params.edition,
          position: body.position,
          text: body.text,
          indicators: body.indicators.map((q) => q.toUpperCase()),
          start: body.start,
          end: body.end,
          sourceIds: await sources(body.source_urls),
        };
        return { result: await recordKeyDevelopment(store, methodology, k), stored: k };
      });
      return c.json({ kind: 'key_development', id: body.id, result: out.result });
    },
  );

  router.route(
    {
      method: 'post',
      path: '/assessments/:cc/:edition/narratives/:question',
      summary: 'Write the narrative of one question of an assessment, with its score-change explanation',
      tag: TAG,
      auth: ANALYST,
      params: assessment.extend({
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
      const out = await auditedEvidenceWrite(store, acting(c), 'narrative', nid, async () => {
        const n = {
          id: nid,
          country: params.cc,
          edition: params.edition,
          questionId,
          text: body.text,
          scoreChange: body.score_change,
          sourceIds: await sources(body.source_urls),
        };
        return { result: await recordNarrative(store, methodology, n), stored: n };
      });
      return c.json({ kind: 'narrative', id: nid, result: out.result });
    },
  );

  router.route(
    {
      method: 'post',
      path: '/assessments/:cc/:edition/evidence',
      summary:
        'Link evidence to a question score or key internet control: an event, a stored source, or a measurement ' +
        'query (its figures kept as a snapshot)',
      tag: TAG,
      auth: ANALYST,
      params: assessment,
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
      const who = acting(c);
      // The link's id is known only once the evidence is resolved: link first, then audit under that id.
      const out = await store.transaction(async () => {
        const linked = await linkEvidence(store, methodology, {
          country: params.cc,
          edition: params.edition,
          target: parseTarget(methodology, body.target),
          request,
          note: body.note,
          now: who.now,
        });
        return auditedEvidenceWrite(store, who, 'evidence_link', linked.link.id, async () => ({
          result: linked.result,
          stored: linked.link,
        }));
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
      params: country,
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
      params: country,
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
        params: assessment.extend({
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
        const out = await auditedEvidenceWrite(
          store,
          who,
          'control_decision',
          decisionId(params.cc, params.edition, controlId),
          async () => {
            const s = await decideSuggestion(store, methodology, rules, who, {
              country: params.cc,
              edition: params.edition,
              controlId,
              decision: decision === 'accept' ? 'accepted' : 'rejected',
            });
            return { result: 'updated' as const, stored: s.decision!, suggestion: s };
          },
        );
        return c.json(suggestionList.toJson(out.suggestion));
      },
    );
}
