/**
 * Read routes for the country evidence: timeline, key developments, narratives, evidence links (with the figures
 * when linked and today's), suggested key internet controls, surveys, recommendations, sources. The writes are in
 * evidence-write-routes.ts, behind authentication.
 */
import { z } from 'zod';
import { may } from '../../auth/roles.js';
import { withDrafts } from '../../evidence/draft-evidence.js';
import {
  narrativesWithLinks,
  recommendationsWithSources,
  resolvedLinks,
  withSources,
} from '../../evidence/evidence-views.js';
import { suggestControls } from '../../evidence/suggest-controls.js';
import { loadSuggestionRules } from '../../evidence/suggestion-rules.js';
import { countryTimeline } from '../../evidence/timeline.js';
import { EVENT_TYPES } from '../../model/evidence.js';
import type { Methodology } from '../../model/methodology.js';
import { NotFoundError } from '../../shared/errors.js';
import type { Store } from '../../store/store.js';
import type { ApiRouter } from '../api-router.js';
import { principalOf } from '../auth/route-access.js';
import { evidenceLinkList, suggestionList } from '../contract/assessment-evidence-json.js';
import { sourceJson, toSourceJson } from '../contract/assessment-json.js';
import {
  keyDevelopmentList,
  narrativeList,
  recommendationList,
  sourceList,
  surveyList,
  timelineList,
} from '../contract/country-evidence-json.js';
import { listRoute } from '../list-route.js';
import {
  assessmentParams,
  commaList,
  countryParams,
  edition,
  format,
  isoDate,
  page,
} from '../query-schemas.js';

const TAG = 'country evidence';

/** Registers the routes. */
export function countryEvidenceRoutes(router: ApiRouter, store: Store, methodology: Methodology): void {
  const questionIds = methodology.categories.flatMap((c) => c.questions.map((q) => q.id));
  listRoute(
    router,
    {
      method: 'get',
      path: '/countries/:cc/events',
      summary:
        "A country's timeline: reported events with their sources and measured blocking changes (published; a " +
        'signed-in reader also sees the events open revisions hold, marked with review_state)',
      tag: TAG,
      params: countryParams,
      query: z.object({
        since: isoDate.optional().describe('first day (YYYY-MM-DD), inclusive'),
        until: isoDate.optional().describe('last day (YYYY-MM-DD), exclusive'),
        type: commaList(z.enum(EVENT_TYPES), 'event types, comma-separated').optional(),
        indicator: commaList(
          z
            .string()
            .transform((s) => s.toUpperCase())
            .pipe(z.enum(questionIds as [string, ...string[]])),
          "the methodology's question ids (B3), comma-separated",
        ).optional(),
        origin: z
          .enum(['reported', 'measured'])
          .optional()
          .describe('only reported events, or only measured changes'),
        format,
        ...page,
      }),
      list: timelineList,
      csvName: ({ params }) => `events-${params.cc}`,
    },
    async ({ params, query }, c) =>
      withSources(
        store,
        await countryTimeline(store, params.cc, {
          drafts: may(principalOf(c), 'read_drafts'),
          ...(query.since ? { since: query.since } : {}),
          ...(query.until ? { until: query.until } : {}),
          ...(query.type?.length ? { types: query.type } : {}),
          ...(query.indicator?.length ? { indicators: query.indicator } : {}),
          ...(query.origin ? { origin: query.origin } : {}),
        }),
      ),
  );

  listRoute(
    router,
    {
      method: 'get',
      path: '/assessments/:cc/:edition/key-developments',
      summary:
        "An assessment's key developments, in order, with indicator references and sources (published; a " +
        "signed-in reader sees the open revision's in their place, marked with review_state)",
      tag: TAG,
      params: assessmentParams,
      query: z.object({ format, ...page }),
      list: keyDevelopmentList,
      csvName: ({ params }) => `key-developments-${params.cc}-${params.edition}`,
    },
    async ({ params }, c) => {
      const scope = { country: params.cc, edition: params.edition };
      const published = await store.evidence.list('key_development', scope);
      const seen = may(principalOf(c), 'read_drafts')
        ? await withDrafts(store, 'key_development', scope, published)
        : published;
      return (await withSources(store, seen)).sort((a, b) => a.position - b.position);
    },
  );

  listRoute(
    router,
    {
      method: 'get',
      path: '/assessments/:cc/:edition/narratives',
      summary:
        "An assessment's indicator narratives, with score-change explanations, sources and evidence link ids " +
        "(published; a signed-in reader sees the open revision's in their place, marked with review_state)",
      tag: TAG,
      params: assessmentParams,
      query: z.object({ format, ...page }),
      list: narrativeList,
      csvName: ({ params }) => `narratives-${params.cc}-${params.edition}`,
    },
    ({ params }, c) =>
      narrativesWithLinks(store, params.cc, params.edition, may(principalOf(c), 'read_drafts')),
  );

  listRoute(
    router,
    {
      method: 'get',
      path: '/assessments/:cc/:edition/evidence',
      summary:
        "An assessment's evidence links: events, sources, measurement queries with their figures then and now",
      tag: TAG,
      params: assessmentParams,
      query: z.object({ format, ...page }),
      list: evidenceLinkList,
      csvName: ({ params }) => `evidence-${params.cc}-${params.edition}`,
    },
    ({ params }) => resolvedLinks(store, params.cc, params.edition),
  );

  listRoute(
    router,
    {
      method: 'get',
      path: '/assessments/:cc/:edition/suggestions',
      summary:
        'Suggested key internet controls with the evidence that triggered them and any decision (a signed-in ' +
        'reader: the events open revisions hold count too)',
      tag: TAG,
      params: assessmentParams,
      query: z.object({ format, ...page }),
      responses: { '400': 'no coverage period is known for this edition' },
      list: suggestionList,
      csvName: ({ params }) => `suggestions-${params.cc}-${params.edition}`,
    },
    async ({ params }, c) =>
      suggestControls(
        store,
        methodology,
        await loadSuggestionRules(methodology),
        params.cc,
        params.edition,
        may(principalOf(c), 'read_drafts'),
      ),
  );

  listRoute(
    router,
    {
      method: 'get',
      path: '/countries/:cc/surveys',
      summary: "A country's surveys: shares with their 95 % margins of error",
      tag: TAG,
      params: countryParams,
      query: z.object({ edition: edition.optional(), format, ...page }),
      list: surveyList,
      csvName: ({ params }) => `surveys-${params.cc}`,
    },
    async ({ params, query }) =>
      withSources(
        store,
        await store.evidence.list('survey', {
          country: params.cc,
          ...(query.edition ? { edition: query.edition } : {}),
        }),
      ),
  );

  listRoute(
    router,
    {
      method: 'get',
      path: '/countries/:cc/recommendations',
      summary: "A country's recommendations with their addressees and status per later edition",
      tag: TAG,
      params: countryParams,
      query: z.object({ format, ...page }),
      list: recommendationList,
      csvName: ({ params }) => `recommendations-${params.cc}`,
    },
    ({ params }) => recommendationsWithSources(store, params.cc),
  );

  listRoute(
    router,
    {
      method: 'get',
      path: '/sources',
      summary: 'Every source facts cite: URL, title, publisher, dates, verification, archived copy',
      tag: TAG,
      query: z.object({ format, ...page }),
      list: sourceList,
      csvName: () => 'sources',
    },
    () => store.evidence.list('source'),
  );

  router.route(
    {
      method: 'get',
      path: '/sources/:id',
      summary: 'One source',
      tag: TAG,
      response: sourceJson,
      params: z.object({
        id: z.string().regex(/^src-[0-9a-f]{16}$/, 'expected a source id (src- and 16 hex digits)'),
      }),
      responses: { '404': 'no such source' },
    },
    async (c, { params }) => {
      const s = await store.evidence.get('source', params.id);
      if (!s) throw new NotFoundError(`no source ${params.id}`);
      return c.json(toSourceJson(s));
    },
  );
}
