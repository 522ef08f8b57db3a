/** The HTTP app: security headers, error mapping, the /api/v1 routes, the OpenAPI document and the dashboard. */
import { Hono } from 'hono';
import { type Analyzer, reportedAnalysis } from '../ingest/analyzer.js';
import type { Methodology } from '../model/methodology.js';
import type { Store } from '../store/store.js';
import { apiReference } from './api-reference.js';
import { ApiRouter } from './api-router.js';
import { toHttpError } from './errors.js';
import { etag } from './etag.js';
import { responseCache } from './response-cache.js';
import { assessmentRoutes } from './routes/assessment-routes.js';
import { countryEvidenceRoutes } from './routes/country-evidence-routes.js';
import { evidenceRoutes } from './routes/evidence-routes.js';
import { feedRoutes } from './routes/feed-routes.js';
import { measurementRoutes } from './routes/measurement-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { submitRoute } from './routes/submit-route.js';
import { refuseCrossOrigin } from './same-origin.js';
import { securityHeaders } from './security-headers.js';
import { serveDashboard, WEB_DIST } from './static-files.js';
import type { WriteNotices } from './write-notices.js';

/** Submissions accepted per minute from one client address unless the caller says otherwise. */
export const DEFAULT_SUBMISSIONS_PER_MINUTE = 60;

export interface AppDeps {
  store: Store;
  methodology: Methodology;
  /** Folder of the built dashboard; defaults to web/dist. */
  webRoot?: string;
  /** How submitted measurements are judged; defaults to the reported verdict (rules version 0). */
  analyze?: Analyzer;
  /** Submissions allowed per minute and client (default DEFAULT_SUBMISSIONS_PER_MINUTE). */
  submissionsPerMinute?: number;
  /** Writes to the store made beside the routes (a scheduled sync): each clears the answer cache. */
  writes?: WriteNotices;
  /** The Chromium that prints report PDFs (default /usr/bin/chromium). */
  chromiumPath?: string;
}

/** Builds the app; the caller owns the store. */
export function createApp({
  store,
  methodology,
  webRoot = WEB_DIST,
  analyze = reportedAnalysis,
  submissionsPerMinute = DEFAULT_SUBMISSIONS_PER_MINUTE,
  writes,
  chromiumPath = '/usr/bin/chromium',
}: AppDeps): Hono {
  const app = new Hono();
  app.use('*', securityHeaders);
  app.onError((err, c) => {
    const { status, body } = toHttpError(err);
    return c.json(body, status);
  });
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `no route for ${c.req.path}` } }, 404));

  const api = new Hono();
  api.use('*', refuseCrossOrigin);
  api.use('*', async (c, next) => {
    await next();
    // Read endpoints may be cached briefly and revalidated with the ETag.
    if (c.req.method === 'GET' && c.res.status === 200) c.header('Cache-Control', 'public, max-age=60');
    else c.header('Cache-Control', 'no-store');
  });
  // The cache sits outside the ETag so a hit costs neither the query nor the hash.
  const cache = responseCache();
  writes?.subscribe(cache.clear);
  api.use('*', cache.middleware);
  api.use('*', etag);
  const router = new ApiRouter(api);
  assessmentRoutes(router, store, methodology);
  measurementRoutes(router, store.measurements);
  evidenceRoutes(router, store.measurements);
  countryEvidenceRoutes(router, store, methodology);
  reportRoutes(router, store, methodology, { chromiumPath });
  submitRoute(api, router, store.measurements, {
    analyze,
    perMinute: submissionsPerMinute,
    onWrite: cache.clear,
  });
  api.notFound((c) =>
    c.json({ error: { code: 'NOT_FOUND', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.route('/api/v1', api);

  const doc = router.openapi({
    title: 'netfreedom API',
    version: '1',
    description:
      'Freedom on the Net assessments and censorship measurements. Lists are paginated with an opaque ' +
      "`cursor` (from `next_cursor`) and answer CSV with `format=csv`. Names follow OONI's, in snake_case. " +
      'Errors are `{ error: { code, message } }`.',
  });
  app.get('/api/openapi.json', (c) => c.json(doc));
  feedRoutes(app, store);
  apiReference(app);
  app.get('/api', (c) => c.redirect('/api/docs'));

  app.get('*', async (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound();
    const page = await serveDashboard(c, webRoot);
    if (page) return page;
    const message = c.req.path.startsWith('/assets/')
      ? 'no such file'
      : 'dashboard not built (run `npm run build -w web`); the API is at /api/v1';
    return c.json({ error: { code: 'NOT_FOUND', message } }, 404);
  });
  return app;
}
