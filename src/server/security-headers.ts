/** Security headers on every response: a CSP without inline script that reports what it refuses, no framing, no MIME sniffing. */
import type { MiddlewareHandler } from 'hono';

/** Where browsers send what a policy refused (`routes/csp-report-route.ts`). */
export const CSP_REPORT_PATH = '/api/v1/csp-reports';

/**
 * Where every policy of ours reports. `report-uri` only: a browser that knows `report-to` ignores `report-uri`
 * beside it, and Chromium's Reporting API delivered nothing to a plain-http server in our tests, while
 * `report-uri` reports arrive at once in Chromium, Firefox and Safari. The route reads both formats.
 */
const REPORTING = [`report-uri ${CSP_REPORT_PATH}`];

/**
 * Scripts only from our origin; style attributes are allowed because the chart library sets them;
 * frames only from `blob:`/`about:` (the sandboxed blockpage viewer); nobody may frame us.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  ...REPORTING,
].join('; ');

/** `policy` with what only a header can say: nobody may frame the page, and where to report refusals. */
export function servedPolicy(policy: string): string {
  return [policy, "frame-ancestors 'none'", ...REPORTING].join('; ');
}

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  // A route with a stricter policy of its own (the HTML report) keeps it.
  if (!c.res.headers.has('Content-Security-Policy'))
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
};
