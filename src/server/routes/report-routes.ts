/**
 * The country report over HTTP: the model as JSON, or the report as Markdown, self-contained HTML or PDF, built
 * from what the public API shows (src/report/report-data.ts), its links pointing back at this server.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { LANGUAGES } from '../../model/language.js';
import type { Methodology } from '../../model/methodology.js';
import {
  buildReport,
  REPORT_CONTENT_SECURITY_POLICY,
  renderHtml,
  renderMarkdown,
  renderPdf,
  reportStem,
  reportText,
} from '../../report/index.js';
import type { Store } from '../../store/store.js';
import type { ApiRouter } from '../api-router.js';
import { reportJson, toReportJson } from '../contract/report-json.js';
import { countryParams, edition } from '../query-schemas.js';
import { servedPolicy } from '../security-headers.js';

export const REPORT_FORMATS = ['json', 'md', 'html', 'pdf'] as const;

export interface ReportRouteOptions {
  /** The Chromium that prints PDFs (the CLI passes CHROMIUM_PATH or /usr/bin/chromium). */
  chromiumPath: string;
}

/** Registers GET /countries/:cc/report. */
export function reportRoutes(
  router: ApiRouter,
  store: Store,
  methodology: Methodology,
  options: ReportRouteOptions,
) {
  // Each PDF starts a Chromium: one at a time, so that a burst of requests queues instead of exhausting the machine.
  let printing: Promise<unknown> = Promise.resolve();
  const print = (html: string, footer: string) => {
    const job = printing.then(() => renderPdf(html, { executablePath: options.chromiumPath, footer }));
    printing = job.catch(() => undefined);
    return job;
  };
  router.route(
    {
      method: 'get',
      path: '/countries/:cc/report',
      summary: 'A country report for one edition, every number with its source or query snapshot',
      tag: 'reports',
      response: reportJson,
      params: countryParams,
      query: z.object({
        edition,
        format: z
          .enum(REPORT_FORMATS)
          .default('json')
          .describe(
            'json (the model), md (Markdown, charts left out), html (one self-contained file) or pdf',
          ),
        lang: z.enum(LANGUAGES).default('en').describe('language of the headings and fixed sentences'),
      }),
      documents: {
        'text/markdown': 'the report in Markdown (format=md)',
        'text/html': 'the report as one self-contained HTML file (format=html)',
        'application/pdf': 'the report printed by Chromium (format=pdf)',
      },
      responses: {
        '404': 'no assessment of this country and edition',
        '502': 'format=pdf: Chromium could not print',
      },
    },
    async (c, { params, query }) => {
      const report = await buildReport(store, methodology, params.cc, query.edition, { lang: query.lang });
      if (query.format === 'json') return c.json(toReportJson(report));
      const baseUrl = new URL(c.req.url).origin;
      const stem = reportStem(report);
      if (query.format === 'md')
        return document(c, renderMarkdown(report, { baseUrl }).markdown, 'text/markdown', `${stem}.md`);
      const html = renderHtml(report, { baseUrl });
      if (query.format === 'html') {
        // Stricter than the dashboard's: the report runs no script and loads nothing.
        c.header('Content-Security-Policy', servedPolicy(REPORT_CONTENT_SECURITY_POLICY));
        return document(c, html, 'text/html', null);
      }
      const { pdf } = await print(
        html,
        reportText(report.lang)('footer', { country: report.countryName, edition: report.edition }),
      );
      return document(c, pdf, 'application/pdf', `${stem}.pdf`);
    },
  );
}

/** A document answer; `file` makes it a download under that name. */
function document(c: Context, body: string | Uint8Array, type: string, file: string | null): Response {
  c.header('Content-Type', typeof body === 'string' ? `${type}; charset=utf-8` : type);
  if (file) c.header('Content-Disposition', `attachment; filename="${file}"`);
  return c.body(typeof body === 'string' ? body : new Uint8Array(body));
}
