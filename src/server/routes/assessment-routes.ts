/** Read routes for the FOTN side: methodology, countries, assessments by country/edition, history, comparison. */
import { z } from 'zod';
import { editionCoverage, loadEditionRows } from '../../assessment/edition-coverage.js';
import { compare, history } from '../../assessment/history.js';
import { loadSourceRegistry } from '../../assessment/source-registry.js';
import type { Assessment } from '../../model/assessment.js';
import type { Methodology } from '../../model/methodology.js';
import { NotFoundError } from '../../shared/errors.js';
import type { Store } from '../../store/store.js';
import type { ApiRouter } from '../api-router.js';
import { paginate, sendList } from '../list-response.js';
import { commaList, countryCode, edition, format, page } from '../query-schemas.js';

const TAG = 'assessments';
const CATEGORY_COLUMNS = ['A', 'B', 'C'];

/** Registers the assessment routes on the router. */
export function assessmentRoutes(router: ApiRouter, store: Store, methodology: Methodology): void {
  router.route({ method: 'get', path: '/methodology', summary: 'The FOTN methodology', tag: TAG }, (c) =>
    c.json(methodology),
  );

  router.route(
    {
      method: 'get',
      path: '/countries',
      summary: 'Countries with their latest assessment, status and editions',
      tag: TAG,
      csv: true,
      query: z.object({ format, ...page }),
    },
    async (c, { query }) => {
      const all = await store.assessments.list();
      const byCountry = new Map<string, Assessment[]>();
      for (const a of all) byCountry.set(a.country, [...(byCountry.get(a.country) ?? []), a]);
      const rows = [...byCountry.entries()].map(([country, list]) => {
        const latest = list.at(-1)!;
        return {
          country,
          edition: latest.edition,
          scale: latest.scale,
          total: latest.total,
          status: latest.status,
          editions: list.map((a) => a.edition),
        };
      });
      return sendList(
        c,
        paginate(rows, query.cursor, query.limit),
        query.format,
        ['country', 'edition', 'scale', 'total', 'status', 'editions'],
        'countries',
      );
    },
  );

  router.route(
    {
      method: 'get',
      path: '/countries/:cc',
      summary: "A country's latest assessment and its history (each edition on its own scale)",
      tag: TAG,
      params: z.object({ cc: countryCode }),
      responses: { '404': 'no assessment for this country' },
    },
    async (c, { params }) => {
      const list = await store.assessments.list({ country: params.cc });
      if (list.length === 0) throw new NotFoundError(`no assessments for ${params.cc}`);
      // The editions Freedom on the Net published for this country beside the bundled ones ("not bundled").
      const editions = editionCoverage(params.cc, await loadEditionRows(), list, await loadSourceRegistry());
      return c.json({ country: params.cc, latest: list.at(-1), history: history(list), editions });
    },
  );

  router.route(
    {
      method: 'get',
      path: '/countries/:cc/history',
      summary: 'The series by edition with the change since the previous edition on the same scale',
      tag: TAG,
      csv: true,
      params: z.object({ cc: countryCode }),
      query: z.object({ format, ...page }),
      responses: { '404': 'no assessment for this country' },
    },
    async (c, { params, query }) => {
      const list = await store.assessments.list({ country: params.cc });
      if (list.length === 0) throw new NotFoundError(`no assessments for ${params.cc}`);
      const rows = history(list).map((p) => ({
        ...p,
        ...p.categories,
        sources: p.sources.map((s) => s.url),
      }));
      return sendList(
        c,
        paginate(rows, query.cursor, query.limit),
        query.format,
        [
          'edition',
          'scale',
          'total',
          'status',
          ...CATEGORY_COLUMNS,
          'change',
          'verification',
          'restatedInEdition',
          'sources',
        ],
        `history-${params.cc}`,
      );
    },
  );

  router.route(
    {
      method: 'get',
      path: '/assessments',
      summary: 'Assessments filtered by country and/or edition',
      tag: TAG,
      csv: true,
      query: z.object({ country: countryCode.optional(), edition: edition.optional(), format, ...page }),
    },
    async (c, { query }) => {
      const list = await store.assessments.list({
        ...(query.country ? { country: query.country } : {}),
        ...(query.edition ? { edition: query.edition } : {}),
      });
      const rows =
        query.format === 'csv'
          ? list.map((a) => ({
              ...a,
              ...Object.fromEntries(a.categories.map((k) => [k.categoryId, k.score])),
              sources: a.totalSources.map((s) => s.url),
            }))
          : list;
      return sendList(
        c,
        paginate(rows, query.cursor, query.limit),
        query.format,
        [
          'country',
          'edition',
          'scale',
          'total',
          'status',
          ...CATEGORY_COLUMNS,
          'coverageStart',
          'coverageEnd',
          'sources',
        ],
        'assessments',
      );
    },
  );

  router.route(
    {
      method: 'get',
      path: '/assessments/:cc/:edition',
      summary: 'One assessment: total, status, categories, questions, key internet controls, sources',
      tag: TAG,
      params: z.object({ cc: countryCode, edition }),
      responses: { '404': 'no such assessment' },
    },
    async (c, { params }) => {
      const a = await store.assessments.get(params.cc, params.edition);
      if (!a) throw new NotFoundError(`no assessment for ${params.cc} ${params.edition}`);
      return c.json(a);
    },
  );

  router.route(
    {
      method: 'get',
      path: '/compare',
      summary: 'Several countries for one edition, ranked among the countries present',
      tag: TAG,
      csv: true,
      query: z.object({
        edition,
        countries: commaList(countryCode, 'comma-separated country codes (all when absent)').optional(),
        format,
        ...page,
      }),
    },
    async (c, { query }) => {
      const rows = compare(await store.assessments.list({ edition: query.edition }));
      const wanted = query.countries ?? [];
      const chosen = (wanted.length ? rows.filter((r) => wanted.includes(r.country)) : rows).map((r) => ({
        ...r,
        ...r.categories,
      }));
      return sendList(
        c,
        paginate(chosen, query.cursor, query.limit),
        query.format,
        ['country', 'edition', 'scale', 'total', 'status', ...CATEGORY_COLUMNS, 'rank', 'rankedAmong'],
        `compare-${query.edition}`,
      );
    },
  );
}
