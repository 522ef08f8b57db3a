/**
 * The Content-Security-Policy violations browsers report (`POST /api/v1/csp-reports`), reduced to what says
 * which rule stopped what on which page, and kept in memory: never the reporter's address, agent or cookies.
 */
import { terminalSafe } from '../shared/terminal-safe.js';

/** One violation as kept: URLs without their query or fragment (a page's query may carry a user's search). */
export interface CspViolation {
  /** When the server received it (ISO 8601). */
  received: string;
  /** The page it happened on: origin and path. */
  document: string;
  /** The directive that refused it, e.g. `script-src-elem`. */
  directive: string;
  /** What was refused: `inline`, `eval`, or a URL's origin and path. */
  blocked: string;
  /** The file and line that tried, when the browser says. */
  source: string;
  /** The first 40 characters of an inline script or handler, as browsers send them. */
  sample: string;
  /** `enforce` or `report`. */
  disposition: string;
}

const MAX_FIELD = 300;

/** A bounded in-memory log of reported violations, shared by the route that fills it and whoever reads it. */
export class CspReports {
  private readonly kept: CspViolation[] = [];
  /** Every violation accepted since the server started, kept or already dropped from the window. */
  total = 0;

  /** `limit`: how many recent violations to keep; `log`: told of each one (the server's stderr by default). */
  constructor(
    private readonly limit = 200,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** Adds the violations a report body holds (either reporting format); answers how many it held. */
  add(body: unknown, now: Date): number {
    const violations = violationsOf(body).map((v) => reduce(v, now));
    for (const v of violations) {
      this.total += 1;
      this.kept.push(v);
      if (this.kept.length > this.limit) this.kept.shift();
      this.log(
        `csp violation: ${v.directive} refused ${v.blocked} on ${v.document}${v.sample ? ` (${v.sample})` : ''}`,
      );
    }
    return violations.length;
  }

  /** The most recent violations, oldest first. */
  recent(): readonly CspViolation[] {
    return [...this.kept];
  }
}

/**
 * The violation objects in a body: `report-uri` sends `{ "csp-report": {…} }` with kebab-case keys; the
 * Reporting API (`report-to`) sends a list of `{ type: "csp-violation", body: {…} }` with camelCase keys.
 */
function violationsOf(body: unknown): Record<string, unknown>[] {
  if (Array.isArray(body))
    return body
      .slice(0, 20)
      .filter((r) => isObject(r) && r.type === 'csp-violation' && isObject(r.body))
      .map((r) => (r as { body: Record<string, unknown> }).body);
  if (isObject(body) && isObject(body['csp-report'])) return [body['csp-report']];
  return [];
}

function reduce(v: Record<string, unknown>, now: Date): CspViolation {
  const field = (...keys: string[]) => {
    for (const k of keys) {
      const value = v[k];
      // Control characters out: the log line goes to a terminal, where an escape sequence would act.
      if (typeof value === 'string' || typeof value === 'number')
        return terminalSafe(String(value).slice(0, MAX_FIELD), { lineBreaks: false });
    }
    return '';
  };
  const line = field('lineNumber', 'line-number');
  const file = withoutQuery(field('sourceFile', 'source-file'));
  return {
    received: now.toISOString(),
    document: withoutQuery(field('documentURL', 'document-uri')),
    directive: field('effectiveDirective', 'effective-directive', 'violated-directive'),
    blocked: withoutQuery(field('blockedURL', 'blocked-uri')),
    source: file && line ? `${file}:${line}` : file,
    sample: field('sample', 'script-sample').slice(0, 40),
    disposition: field('disposition'),
  };
}

/** A URL's origin and path (a query or fragment may hold what a reader typed); other text as it is. */
function withoutQuery(text: string): string {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.origin}${u.pathname}` : u.protocol;
  } catch {
    return text;
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
