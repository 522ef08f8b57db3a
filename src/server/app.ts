/** The HTTP app: security headers, error mapping, the /api/v1 routes, the OpenAPI document and the dashboard. */
import { Hono } from 'hono';
import { analyzeMeasurement } from '../analysis/analyze.js';
import { LOGIN } from '../auth/auth-policy.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import type { Analyzer } from '../ingest/analyzer.js';
import type { Methodology } from '../model/methodology.js';
import { terminalSafe } from '../shared/terminal-safe.js';
import type { Store } from '../store/store.js';
import { apiReference } from './api-reference.js';
import { ApiRouter } from './api-router.js';
import { authRoutes } from './auth/auth-routes.js';
import { authenticate } from './auth/authenticate.js';
import { CspReports } from './csp-reports.js';
import { toHttpError } from './errors.js';
import { etag } from './etag.js';
import { rateLimit } from './rate-limit.js';
import { responseCache } from './response-cache.js';
import { accountRoutes } from './routes/account-routes.js';
import { assessmentRoutes } from './routes/assessment-routes.js';
import { countryEvidenceRoutes } from './routes/country-evidence-routes.js';
import { cspReportRoute } from './routes/csp-report-route.js';
import { draftEvidenceRoutes } from './routes/draft-evidence-routes.js';
import { evidenceRoutes } from './routes/evidence-routes.js';
import { evidenceWriteRoutes } from './routes/evidence-write-routes.js';
import { feedRoutes } from './routes/feed-routes.js';
import { measurementRoutes } from './routes/measurement-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { reviewRoutes } from './routes/review-routes.js';
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
  /** How submitted measurements are judged; defaults to netfreedom's current rules, never the client's verdict. */
  analyze?: Analyzer;
  /** Submissions allowed per minute and client (default DEFAULT_SUBMISSIONS_PER_MINUTE). */
  submissionsPerMinute?: number;
  /**
   * The URL browsers reach this server at, when a proxy in front terminates TLS (`https://…`): the session cookie
   * is then `Secure`, and signed-in writes must name this origin.
   */
  publicUrl?: string;
  /** The clock of sessions, tokens and sign-in (tests move it). */
  now?: () => Date;
  /** Writes to the store made beside the routes (a scheduled sync): each clears the answer cache. */
  writes?: WriteNotices;
  /** The Chromium that prints report PDFs (default /usr/bin/chromium). */
  chromiumPath?: string;
  /** Where the CSP violations browsers report are kept (default: a new log, in memory only). */
  cspReports?: CspReports;
  /** Told of each fault on the server's side, whose text the client does not get (default: standard error). */
  logError?: (line: string) => void;
}

/** Builds the app; the caller owns the store. */
export function createApp({
  store,
  methodology,
  webRoot = WEB_DIST,
  analyze = (m) => analyzeMeasurement(m),
  submissionsPerMinute = DEFAULT_SUBMISSIONS_PER_MINUTE,
  publicUrl,
  now = () => new Date(),
  writes,
  chromiumPath = '/usr/bin/chromium',
  cspReports = new CspReports(),
  logError = (line) => process.stderr.write(`${line}\n`),
}: AppDeps): Hono {
  const app = new Hono();
  app.use('*', securityHeaders);
  app.onError((err, c) => {
    const { status, body, log } = toHttpError(err);
    if (log) logError(`${c.req.method} ${c.req.path}: ${terminalSafe(log)}`);
    // A lockout says when to come back, as the rate limiter does.
    const retry = (err as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    return c.json(body, status, typeof retry === 'number' ? { 'Retry-After': String(retry) } : {});
  });
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `no route for ${c.req.path}` } }, 404));

  const api = new Hono();
  api.use('*', refuseCrossOrigin(publicUrl));
  api.use('*', authenticate({ store, ...(publicUrl ? { publicUrl } : {}), now }));
  api.use('*', async (c, next) => {
    await next();
    // Public reads may be cached briefly and revalidated with the ETag; a signed-in reader's answer (drafts) never.
    if (c.get('principal')) c.header('Cache-Control', 'private, no-store');
    else if (c.req.method === 'GET' && c.res.status === 200) c.header('Cache-Control', 'public, max-age=60');
    else c.header('Cache-Control', 'no-store');
    c.header('Vary', 'Cookie, Authorization');
  });
  // The cache sits outside the ETag so a hit costs neither the query nor the hash; it holds public answers only.
  const cache = responseCache();
  writes?.subscribe(cache.clear);
  api.use('*', (c, next) => (c.get('principal') ? next() : cache.middleware(c, next)));
  api.use('*', async (c, next) => {
    await next();
    // Any write that succeeded may change what a public read answers (a publication, say).
    if (c.req.method !== 'GET' && c.res.status < 300) cache.clear();
  });
  api.use('*', etag);
  api.post(
    '/auth/login',
    rateLimit({ max: LOGIN.attemptsPerClientPerMinute, windowMs: 60_000, now: () => now().getTime() }),
  );
  const router = new ApiRouter(api);
  authRoutes(router, { store, throttle: new LoginThrottle(), ...(publicUrl ? { publicUrl } : {}), now });
  accountRoutes(router, store, now);
  reviewRoutes(router, store, methodology, now);
  assessmentRoutes(router, store, methodology);
  measurementRoutes(router, store.measurements);
  evidenceRoutes(router, store.measurements);
  countryEvidenceRoutes(router, store, methodology);
  reportRoutes(router, store, methodology, { chromiumPath });
  evidenceWriteRoutes(router, store, methodology, now);
  cspReportRoute(api, router, cspReports, now);
  draftEvidenceRoutes(router, store, methodology, now);
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
