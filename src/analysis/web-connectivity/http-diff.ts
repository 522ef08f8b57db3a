/** The HTTP-diff keys of web_connectivity v0.5 (ooni.md §1.4): the probe's final response against the control's. */
import type { ControlResponse } from '../../model/measurement.js';
import type { HttpResponseInfo } from './observations.js';

/** The five comparison keys as stored in test_keys (`body_proportion` is 0 when not computed). */
export interface HttpDiffKeys {
  body_proportion: number;
  body_length_match: boolean | null;
  status_code_match: boolean | null;
  headers_match: boolean | null;
  title_match: boolean | null;
}

/** Headers every server sends: sharing them says nothing about being the same site (OONI's 25 keys). */
export const COMMON_HEADERS: ReadonlySet<string> = new Set([
  'date',
  'content-type',
  'server',
  'cache-control',
  'vary',
  'set-cookie',
  'location',
  'expires',
  'x-powered-by',
  'content-encoding',
  'last-modified',
  'accept-ranges',
  'pragma',
  'x-frame-options',
  'etag',
  'x-content-type-options',
  'age',
  'via',
  'p3p',
  'x-xss-protection',
  'content-language',
  'cf-ray',
  'strict-transport-security',
  'link',
  'x-varnish',
]);

/** The keys when there is nothing to compare (no final response, or no usable control). */
export const NO_HTTP_DIFF: HttpDiffKeys = {
  body_proportion: 0,
  body_length_match: null,
  status_code_match: null,
  headers_match: null,
  title_match: null,
};

/**
 * Compares a final response with the control's `http_request`; null keys where OONI leaves them null.
 * `legacy` applies v0.4.3's variants (httpanalysis.go) to test keys v0.4 produced: a different code
 * is unknown only when the control saw 5xx, identical header sets match, and an empty or truncated
 * probe title gives a null title_match.
 */
export function computeHttpDiff(
  probe: HttpResponseInfo,
  control: ControlResponse['http_request'],
  legacy = false,
): HttpDiffKeys {
  const thCode = typeof control.status_code === 'number' ? control.status_code : -1;
  const thLength = typeof control.body_length === 'number' ? control.body_length : -1;
  if (thCode <= 0) return { ...NO_HTTP_DIFF };
  let proportion: number | null = null;
  if (thLength > 0 && probe.bodyLength > 0 && !probe.bodyIsTruncated) {
    proportion = Math.min(thLength, probe.bodyLength) / Math.max(thLength, probe.bodyLength);
  }
  return {
    body_proportion: proportion ?? 0,
    body_length_match: proportion === null ? null : proportion > 0.7,
    status_code_match: legacy
      ? legacyStatusCodeMatch(probe.statusCode, thCode)
      : statusCodeMatch(probe.statusCode, thCode),
    headers_match: legacy
      ? legacyHeadersMatch(probe, control.headers)
      : headersMatch(probe.headerKeys, control.headers),
    title_match:
      legacy && (probe.title === '' || probe.bodyIsTruncated)
        ? null
        : titleMatch(probe.title, typeof control.title === 'string' ? control.title : ''),
  };
}

/** null if either code is unknown; true if equal; a different code is only a mismatch when the control saw 2xx. */
export function statusCodeMatch(probeCode: number, thCode: number): boolean | null {
  if (probeCode <= 0 || thCode <= 0) return null;
  if (probeCode === thCode) return true;
  if (thCode < 200 || thCode >= 300) return null;
  return false;
}

/** v0.4.3: a different code is unknown when the control saw a server error, else a mismatch. */
export function legacyStatusCodeMatch(probeCode: number, thCode: number): boolean | null {
  if (probeCode <= 0 || thCode <= 0) return null;
  if (probeCode === thCode) return true;
  if (thCode >= 500) return null;
  return false;
}

function legacyHeadersMatch(
  probe: HttpResponseInfo,
  thHeaders: Record<string, string> | null | undefined,
): boolean | null {
  if (probe.statusCode <= 0) return null;
  const th = new Set(
    Object.keys(thHeaders && typeof thHeaders === 'object' ? thHeaders : {}).map((k) => k.toLowerCase()),
  );
  if (th.size === probe.headerKeys.size && [...th].every((k) => probe.headerKeys.has(k))) return true;
  return headersMatch(probe.headerKeys, thHeaders);
}

/** True when at least one uncommon header name appears in both responses. */
export function headersMatch(
  probeKeys: ReadonlySet<string>,
  thHeaders: Record<string, string> | null | undefined,
): boolean {
  const th = new Set(
    Object.keys(thHeaders && typeof thHeaders === 'object' ? thHeaders : {}).map((k) => k.toLowerCase()),
  );
  for (const key of probeKeys) {
    if (!COMMON_HEADERS.has(key) && th.has(key)) return true;
  }
  return false;
}

/** True when every word of 5+ bytes (lowercased) in either title appears in both (OONI's code, stricter than its spec). */
export function titleMatch(probeTitle: string, thTitle: string): boolean {
  const probe = longWords(probeTitle);
  const th = longWords(thTitle);
  for (const w of probe) if (!th.has(w)) return false;
  for (const w of th) if (!probe.has(w)) return false;
  return true;
}

function longWords(title: string): Set<string> {
  const out = new Set<string>();
  for (const word of title.split(' ')) {
    if (Buffer.byteLength(word, 'utf8') >= 5) out.add(word.toLowerCase());
  }
  return out;
}

/** OONI's decision: a matching status code plus a matching body length, uncommon header or title means no diff. */
export function isHttpDiff(keys: HttpDiffKeys): boolean {
  const same =
    keys.status_code_match === true &&
    (keys.body_length_match === true || keys.headers_match === true || keys.title_match === true);
  return !same;
}
