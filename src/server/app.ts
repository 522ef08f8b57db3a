/** The HTTP API (read-only for now): methodology, countries and their assessments, comparison. */
import { Hono } from 'hono';
import { compare, history } from '../assessment/history.js';
import type { Methodology } from '../model/methodology.js';
import { InvalidInputError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import { toHttpError } from './errors.js';

export interface AppDeps {
  store: Store;
  methodology: Methodology;
}

export function createApp({ store, methodology }: AppDeps): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'");
    c.header('Referrer-Policy', 'no-referrer');
  });
  app.onError((err, c) => {
    const { status, body } = toHttpError(err);
    return c.json(body, status);
  });
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `no route for ${c.req.path}` } }, 404));

  const api = new Hono();
  api.get('/methodology', (c) => c.json(methodology));
  api.get('/countries', async (c) => {
    const all = await store.assessments.list();
    const byCountry = new Map<string, typeof all>();
    for (const a of all) byCountry.set(a.country, [...(byCountry.get(a.country) ?? []), a]);
    const countries = [...byCountry.entries()].map(([country, list]) => {
      const latest = list.at(-1)!;
      return {
        country,
        latest: { edition: latest.edition, scale: latest.scale, total: latest.total, status: latest.status },
        editions: list.map((a) => a.edition),
      };
    });
    return c.json({ countries });
  });
  api.get('/countries/:cc', async (c) => {
    const cc = countryParam(c.req.param('cc'));
    const list = await store.assessments.list({ country: cc });
    if (list.length === 0)
      return c.json({ error: { code: 'NOT_FOUND', message: `no assessments for ${cc}` } }, 404);
    return c.json({ country: cc, latest: list.at(-1), history: history(list) });
  });
  api.get('/assessments/:cc/:edition', async (c) => {
    const cc = countryParam(c.req.param('cc'));
    const edition = editionParam(c.req.param('edition'));
    const a = await store.assessments.get(cc, edition);
    if (!a)
      return c.json({ error: { code: 'NOT_FOUND', message: `no assessment for ${cc} ${edition}` } }, 404);
    return c.json(a);
  });
  api.get('/compare', async (c) => {
    const edition = editionParam(c.req.query('edition') ?? '');
    const wanted = (c.req.query('countries') ?? '').split(',').filter(Boolean).map(countryParam);
    const rows = compare(await store.assessments.list({ edition }));
    return c.json({
      edition,
      countries: wanted.length ? rows.filter((r) => wanted.includes(r.country)) : rows,
    });
  });
  app.route('/api/v1', api);
  app.get('/', (c) =>
    c.json({
      name: 'netfreedom',
      api: '/api/v1',
      endpoints: [
        '/api/v1/methodology',
        '/api/v1/countries',
        '/api/v1/countries/:cc',
        '/api/v1/assessments/:cc/:edition',
        '/api/v1/compare?edition=YEAR&countries=KZ,RU',
      ],
    }),
  );
  return app;
}

function countryParam(value: string): string {
  if (!/^[A-Za-z]{2}$/.test(value))
    throw new InvalidInputError(`"${value}" is not a two-letter country code`);
  return value.toUpperCase();
}

function editionParam(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidInputError(`edition "${value}" is not a year`);
  return Number(value);
}
