/** Read routes for the FOTN side: methodology, countries, assessments by country/edition, history, comparison. */
import { z } from 'zod';
import { editionCoverage, loadEditionRows } from '../../assessment/edition-coverage.js';
import { compare, history } from '../../assessment/history.js';
import { inLanguage } from '../../assessment/methodology-translations.js';
import { getRevision } from '../../assessment/revisions.js';
import { loadSourceRegistry } from '../../assessment/source-registry.js';
import { may } from '../../auth/roles.js';
import type { Assessment } from '../../model/assessment.js';
import { LANGUAGES } from '../../model/language.js';
import type { Methodology } from '../../model/methodology.js';
import { NotFoundError } from '../../shared/errors.js';
import type { Store } from '../../store/store.js';
import type { ApiRouter } from '../api-router.js';
import { principalOf } from '../auth/route-access.js';
import { assessmentJson, toAssessmentJson } from '../contract/assessment-json.js';
import {
  assessmentList,
  comparisonList,
  countryJson,
  countryList,
  historyList,
  toCountryJson,
} from '../contract/assessment-views-json.js';
import { methodologyJson, toMethodologyJson } from '../contract/methodology-json.js';
import { listRoute } from '../list-route.js';
import {
  assessmentParams,
  commaList,
  countryCode,
  countryParams,
  edition,
  format,
  page,
} from '../query-schemas.js';

const TAG = 'assessments';
const NO_COUNTRY = { '404': 'no assessment for this country' };

/** Registers the assessment routes on the router. */
export function assessmentRoutes(router: ApiRouter, store: Store, methodology: Methodology): void {
  const answers = Object.fromEntries(
    LANGUAGES.map((lang) => [lang, toMethodologyJson(inLanguage(methodology, lang), lang)]),
  );
  router.route(
    {
      method: 'get',
      path: '/methodology',
      summary: 'The FOTN methodology',
      tag: TAG,
      response: methodologyJson,
      query: z.object({
        lang: z
          .enum(LANGUAGES)
          .default('en')
          .describe("language of the texts: en (Freedom House's), ru or kk (netfreedom's translations)"),
      }),
    },
    (c, { query }) => c.json(answers[query.lang]),
  );

  /** A country's assessments, oldest first; 404 when it has none. */
  const assessmentsOf = async (cc: string): Promise<Assessment[]> => {
    const list = await store.assessments.list({ country: cc });
    if (list.length === 0) throw new NotFoundError(`no assessments for ${cc}`);
    return list;
  };

  listRoute(
    router,
    {
      method: 'get',
      path: '/countries',
      summary: 'Countries with their latest assessment, status and editions',
      tag: TAG,
      query: z.object({ format, ...page }),
      list: countryList,
      csvName: () => 'countries',
    },
    async () => {
      const byCountry = new Map<string, Assessment[]>();
      for (const a of await store.assessments.list())
        byCountry.set(a.country, [...(byCountry.get(a.country) ?? []), a]);
      return [...byCountry.values()];
    },
  );

  router.route(
    {
      method: 'get',
      path: '/countries/:cc',
      summary: "A country's latest assessment and its history (each edition on its own scale)",
      tag: TAG,
      response: countryJson,
      params: countryParams,
      responses: NO_COUNTRY,
    },
    async (c, { params }) => {
      const list = await assessmentsOf(params.cc);
      // The editions Freedom on the Net published for this country beside the bundled ones ("not bundled").
      const editions = editionCoverage(params.cc, await loadEditionRows(), list, await loadSourceRegistry());
      const lastSync = await store.sync.lastCountrySync(params.cc);
      return c.json(toCountryJson(params.cc, list, history(list), editions, lastSync));
    },
  );

  listRoute(
    router,
    {
      method: 'get',
      path: '/countries/:cc/history',
      summary: 'The series by edition with the change since the previous edition on the same scale',
      tag: TAG,
      params: countryParams,
      query: z.object({ format, ...page }),
      responses: NO_COUNTRY,
      list: historyList,
      csvName: ({ params }) => `history-${params.cc}`,
    },
    async ({ params }) => history(await assessmentsOf(params.cc)),
  );

  listRoute(
    router,
    {
      method: 'get',
      path: '/assessments',
      summary: 'Assessments filtered by country and/or edition',
      tag: TAG,
      query: z.object({ country: countryCode.optional(), edition: edition.optional(), format, ...page }),
      list: assessmentList,
      csvName: () => 'assessments',
    },
    ({ query }) =>
      store.assessments.list({
        ...(query.country ? { country: query.country } : {}),
        ...(query.edition ? { edition: query.edition } : {}),
      }),
  );

  /** For a signed-in reader, an open revision in place of the published figures, marked; else the published one. */
  const asSeenBy = async (
    c: Parameters<typeof principalOf>[0],
    cc: string,
    year: number,
  ): Promise<{ a: Assessment; state?: 'draft' | 'in_review' | 'published' } | null> => {
    const published = await store.assessments.get(cc, year);
    if (!may(principalOf(c), 'read_drafts')) return published ? { a: published } : null;
    const r = await getRevision(store, cc, year);
    if (r && r.state !== 'published') return { a: r.draft, state: r.state };
    return published ? { a: published, state: 'published' } : null;
  };

  router.route(
    {
      method: 'get',
      path: '/assessments/:cc/:edition',
      summary:
        'One assessment: total, status, categories, questions, key internet controls, sources (published; a ' +
        'signed-in reader sees an open revision in its place, marked with review_state)',
      tag: TAG,
      response: assessmentJson,
      params: assessmentParams,
      responses: { '404': 'no such assessment' },
    },
    async (c, { params }) => {
      const seen = await asSeenBy(c, params.cc, params.edition);
      if (!seen) throw new NotFoundError(`no assessment for ${params.cc} ${params.edition}`);
      return c.json({ ...toAssessmentJson(seen.a), ...(seen.state ? { review_state: seen.state } : {}) });
    },
  );

  listRoute(
    router,
    {
      method: 'get',
      path: '/compare',
      summary: 'Several countries for one edition, ranked among the countries present',
      tag: TAG,
      query: z.object({
        edition,
        countries: commaList(countryCode, 'comma-separated country codes (all when absent)').optional(),
        format,
        ...page,
      }),
      list: comparisonList,
      csvName: ({ query }) => `compare-${query.edition}`,
    },
    async ({ query }) => {
      const rows = compare(await store.assessments.list({ edition: query.edition }));
      const wanted = query.countries ?? [];
      return wanted.length ? rows.filter((r) => wanted.includes(r.country)) : rows;
    },
  );
}
