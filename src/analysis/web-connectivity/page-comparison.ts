/**
 * netfreedom's comparison of the final page with the control's, where OONI's classic one is fooled: a transparent
 * proxy answering with its own page shares hop-by-hop and framing headers (Connection, Keep-Alive,
 * Content-Length...) with any server, which OONI counts as uncommon headers in common, so its classic verdict says
 * accessible. The classic keys stay as OONI computes them; this only feeds the technique (`x_verdict`).
 */
import type { EvidenceItem } from '../../model/analysis.js';
import type { HttpTransaction, WebConnectivityTestKeys } from '../../model/measurement.js';
import { evidence } from '../evidence-messages.js';
import type { ClassicKeys } from './classic.js';
import { COMMON_HEADERS } from './http-diff.js';
import { arr, usableControl } from './observations.js';

/**
 * Headers that describe a connection or a message's framing, not the site (RFC 9110 §7.6.1 and §8.6): any proxy
 * or server sends them, so sharing them with the control says nothing about serving the same page.
 */
export const HOP_BY_HOP_AND_FRAMING: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
]);

/** True when a header that identifies a site (neither common nor hop-by-hop or framing) is in both responses. */
export function identifyingHeadersMatch(
  probeKeys: Iterable<string>,
  thHeaders: Record<string, string> | null | undefined,
): boolean {
  const th = new Set(
    Object.keys(thHeaders && typeof thHeaders === 'object' ? thHeaders : {}).map((k) => k.toLowerCase()),
  );
  for (const raw of probeKeys) {
    const key = raw.toLowerCase();
    if (!COMMON_HEADERS.has(key) && !HOP_BY_HOP_AND_FRAMING.has(key) && th.has(key)) return true;
  }
  return false;
}

/**
 * The evidence that the page OONI's classic verdict calls accessible is another page than the control's, or null.
 * Another page: its body length and its title both disagree with the control's; or the status codes agree but
 * only hop-by-hop or framing headers were in common, with neither the body length nor the title agreeing. Only
 * a page fetched in cleartext: over verified HTTPS the site's own server answered (a CAPTCHA, a region notice),
 * and an interceptor the user trusts is the interception checks' to find.
 */
export function pageDiffersFromControl(
  tk: WebConnectivityTestKeys,
  classic: ClassicKeys,
): EvidenceItem | null {
  if (classic.blocking !== false || classic.accessible !== true) return null;
  const control = usableControl(tk);
  const final = finalTransaction(tk);
  const response = final?.response;
  if (!control?.http_request || !response || /^https:/i.test(String(final.request?.url))) return null;
  const identifying = identifyingHeadersMatch(headerNames(response), control.http_request.headers);
  const bothDisagree = classic.body_length_match === false && classic.title_match === false;
  const onlyFramingInCommon =
    classic.status_code_match === true &&
    classic.headers_match === true &&
    !identifying &&
    classic.body_length_match !== true &&
    classic.title_match !== true;
  if (!bothDisagree && !onlyFramingInCommon) return null;
  return evidence('http_diff', {
    status_code_match: classic.status_code_match,
    body_length_match: classic.body_length_match,
    body_proportion: { number: classic.body_proportion, digits: 2 },
    headers_match: identifying,
    title_match: classic.title_match,
  });
}

/** The newest transaction with a response (OONI lists them newest first): the page the user would see. */
function finalTransaction(tk: WebConnectivityTestKeys): HttpTransaction | null {
  for (const r of arr(tk.requests)) {
    const response = r?.response;
    if (response && typeof response === 'object' && typeof response.code === 'number' && response.code > 0)
      return r;
  }
  return null;
}

function headerNames(response: NonNullable<HttpTransaction['response']>): string[] {
  const list = arr(response.headers_list);
  if (list.length > 0) return list.map((pair) => String(arr(pair)[0] ?? ''));
  return Object.keys(response.headers && typeof response.headers === 'object' ? response.headers : {});
}
