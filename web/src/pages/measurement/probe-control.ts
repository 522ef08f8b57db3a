/**
 * The probe's observations beside the control's, row by row: DNS answers, each TCP connection and TLS handshake by
 * endpoint, and the HTTP status, title and body length of the page each side ended with. Only values, no judgement:
 * the verdict and its evidence say what differs and why it matters.
 */

import { htmlText } from './html-text.js';
import { requestChain } from './network-steps.js';
import { bodyText, type TestKeys } from './test-keys.js';

/** One side's value: addresses, success, a failure string, a text, a body length, or not measured. */
export type Cell =
  | { values: string[] }
  | { ok: true }
  | { failure: string }
  | { text: string }
  | { bytes: number; truncated: boolean }
  | { none: true };

export type ComparisonRow =
  | { row: 'dns'; probe: Cell; control: Cell }
  | { row: 'tcp'; endpoint: string; probe: Cell; control: Cell }
  | { row: 'tls'; endpoint: string; serverName: string | null; probe: Cell; control: Cell }
  | { row: 'httpStatus' | 'httpTitle' | 'httpLength'; probe: Cell; control: Cell };

const NONE: Cell = { none: true };
const outcome = (failure: string | null): Cell => (failure ? { failure } : { ok: true });

/** The rows for `keys`, and the URL of the response the probe's HTTP side is (the end of its redirects). */
export function probeControlRows(
  keys: TestKeys,
  input: string | null,
): { rows: ComparisonRow[]; probeUrl: string | null } {
  const control = keys.control;
  const rows: ComparisonRow[] = [{ row: 'dns', probe: probeDns(keys), control: controlDns(keys) }];
  const tcpEndpoints = unique([
    ...keys.tcp.map((c) => `${c.ip}:${c.port}`),
    ...Object.keys(control?.tcp ?? {}),
  ]);
  for (const endpoint of tcpEndpoints) {
    const probe = keys.tcp.find((c) => `${c.ip}:${c.port}` === endpoint);
    const theirs = control?.tcp[endpoint];
    rows.push({
      row: 'tcp',
      endpoint,
      probe: probe ? outcome(probe.failure) : NONE,
      control: theirs ? outcome(theirs.ok ? null : (theirs.failure ?? 'failed')) : NONE,
    });
  }
  for (const endpoint of unique([...keys.tls.map((h) => h.address), ...Object.keys(control?.tls ?? {})])) {
    const probe = keys.tls.find((h) => h.address === endpoint);
    const theirs = control?.tls[endpoint];
    rows.push({
      row: 'tls',
      endpoint,
      serverName: probe?.serverName || theirs?.serverName || null,
      probe: probe ? outcome(probe.failure) : NONE,
      control: theirs ? outcome(theirs.ok ? null : (theirs.failure ?? 'failed')) : NONE,
    });
  }
  // OONI compares the control's page with the one the probe's redirects ended at.
  const last =
    requestChain(keys.requests, input)
      .filter((r) => r.url)
      .at(-1) ?? null;
  const http = control?.http ?? null;
  const title = last
    ? /<title[^>]*>([\s\S]*?)<\/title>/i.exec(bodyText(last.body, last.contentType))?.[1]
    : undefined;
  rows.push(
    {
      row: 'httpStatus',
      probe: !last ? NONE : last.status !== null ? { text: String(last.status) } : outcome(last.failure),
      control: !http
        ? NONE
        : http.status !== null && !http.failure
          ? { text: String(http.status) }
          : outcome(http.failure),
    },
    {
      row: 'httpTitle',
      // A page without a title was measured all the same: it says "none", not "not measured".
      probe: !last || last.status === null ? NONE : title ? { text: htmlText(title) } : { values: [] },
      control: !http || http.failure ? NONE : http.title ? { text: htmlText(http.title) } : { values: [] },
    },
    {
      row: 'httpLength',
      probe:
        last && last.status !== null ? { bytes: bodyBytes(last.body), truncated: last.bodyTruncated } : NONE,
      control:
        http?.bodyLength !== null && http?.bodyLength !== undefined && http.bodyLength >= 0
          ? { bytes: http.bodyLength, truncated: false }
          : NONE,
    },
  );
  return { rows, probeUrl: last?.url ?? null };
}

function probeDns(keys: TestKeys): Cell {
  const answers = unique(keys.queries.flatMap((q) => q.answers));
  if (answers.length > 0) return { values: answers };
  const failed = keys.queries.find((q) => q.failure);
  return failed?.failure ? { failure: failed.failure } : keys.queries.length > 0 ? { values: [] } : NONE;
}

function controlDns(keys: TestKeys): Cell {
  const dns = keys.control?.dns;
  if (!dns) return NONE;
  return dns.failure ? { failure: dns.failure } : { values: dns.addrs };
}

/** The body's length in bytes as received (base64 bodies decoded). */
function bodyBytes(body: unknown): number {
  if (typeof body === 'string') return new TextEncoder().encode(body).length;
  const data = (body as { format?: unknown; data?: unknown } | null)?.data;
  if (typeof data !== 'string') return 0;
  try {
    return atob(data).length;
  } catch {
    return 0;
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
