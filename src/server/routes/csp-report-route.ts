/**
 * `POST /api/v1/csp-reports`: where browsers report what the dashboard's Content-Security-Policy refused.
 * Anonymous by necessity (a browser sends it by itself), size- and rate-limited, kept without the sender's address.
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { InvalidDataError, NetfreedomError } from '../../shared/errors.js';
import type { ApiRouter } from '../api-router.js';
import { named } from '../contract/api-schemas.js';
import type { CspReports } from '../csp-reports.js';
import { rateLimit } from '../rate-limit.js';

/** A violation report is a few hundred bytes; a batch of the Reporting API a few kilobytes. */
export const MAX_CSP_REPORT_BYTES = 16 * 1024;
/** Reports accepted per minute and client: a page that violates its policy in a loop must not fill the log. */
export const CSP_REPORTS_PER_MINUTE = 30;

/** The media types of both reporting formats (and plain JSON, for scripts). */
const REPORT_TYPES = new Set(['application/csp-report', 'application/reports+json', 'application/json']);

class ReportTooLargeError extends NetfreedomError {
  constructor() {
    super('PAYLOAD_TOO_LARGE', `a report may be at most ${MAX_CSP_REPORT_BYTES} bytes`);
  }
}

const cspReceipt = named(
  'CspReportReceipt',
  'How many violations of the report were kept',
  z.strictObject({ accepted: z.number().int().describe('violations the body held') }),
);

/** Registers the route (in the OpenAPI table, with its own limits in front). */
export function cspReportRoute(api: Hono, router: ApiRouter, reports: CspReports, now: () => Date): void {
  api.post(
    '/csp-reports',
    rateLimit({ max: CSP_REPORTS_PER_MINUTE, windowMs: 60_000, now: () => now().getTime() }),
    bodyLimit({
      maxSize: MAX_CSP_REPORT_BYTES,
      onError: () => {
        throw new ReportTooLargeError();
      },
    }),
  );
  router.route(
    {
      method: 'post',
      path: '/csp-reports',
      summary: "A browser's report of what the dashboard's Content-Security-Policy refused",
      tag: 'security',
      // Browsers send these by themselves, without credentials of any kind.
      auth: 'public',
      response: cspReceipt,
      body:
        '`application/csp-report` (`report-uri`) or `application/reports+json` (`report-to`), at most ' +
        `${MAX_CSP_REPORT_BYTES} bytes; kept in the server's memory without the sender's address`,
      responses: { '413': 'too large', '429': 'too many reports; see Retry-After' },
    },
    async (c) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!REPORT_TYPES.has(type))
        throw new InvalidDataError(
          'body',
          'Content-Type must be application/csp-report or application/reports+json',
        );
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        throw new InvalidDataError('body', 'not JSON');
      }
      return c.json({ accepted: reports.add(body, now()) } satisfies z.output<typeof cspReceipt>);
    },
  );
}
