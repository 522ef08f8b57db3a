/** Flattens web_connectivity test keys (v0.4 or v0.5) into per-endpoint observations joined with the control, as OONI's minipipeline does. */
import type {
  ControlResponse,
  DnsQuery,
  HttpTransaction,
  WebConnectivityTestKeys,
} from '../../model/measurement.js';
import { joinHostPort } from '../../shared/host-port.js';
import { httpBodyText, httpTitle } from './http-body.js';

/** The highest step an observation reached: the order OONI's classic analysis walks them in. */
export type ObservationType = 'dns' | 'tcp' | 'tls' | 'http';

/** What the probe saw in the final HTTP response of an endpoint (only when the round trip succeeded). */
export interface HttpResponseInfo {
  statusCode: number;
  bodyLength: number;
  bodyIsTruncated: boolean;
  headerKeys: Set<string>;
  title: string;
  /** 2xx, 4xx or 5xx: a response that ends the redirect chain. */
  isFinal: boolean;
}

/** One DNS lookup answer/failure or one endpoint (TCP, then TLS, then HTTP), with the matching control data. */
export interface WebObservation {
  type: ObservationType;
  /** Redirect depth (`depth=N` tag; 0 = the input URL). */
  depth: number;
  /** The failure of the highest step; '' = success. */
  failure: string;
  domain: string | null;
  /** For DNS observations: every address the lookup returned. */
  resolvedAddrs: string[];
  queryType: string | null;
  ip: string | null;
  /** "ip:port" with IPv6 in brackets, as the control's keys. */
  endpoint: string | null;
  tlsFailure: string | null;
  tlsServerName: string | null;
  /** Whether the request went over TLS (https URL or a TLS handshake on this endpoint). */
  overTls: boolean;
  http: HttpResponseInfo | null;
  /** `undefined` = no control information; '' = the control succeeded; else its failure. */
  controlDnsFailure: string | undefined;
  controlDnsAddrs: string[] | undefined;
  controlTcpFailure: string | undefined;
  controlTlsFailure: string | undefined;
  controlHttpFailure: string | undefined;
}

const TYPE_RANK: Record<ObservationType, number> = { http: 3, tls: 2, tcp: 1, dns: 0 };
const SYSTEM_ENGINES = new Set(['getaddrinfo', 'system', 'golang_net_resolver', 'unknown', '']);

/** True for lookups made with the system resolver, the only ones classic analysis looks at. */
export function isSystemLookup(q: DnsQuery): boolean {
  return SYSTEM_ENGINES.has(typeof q.engine === 'string' ? q.engine : '');
}

/** The `depth=N` tag, 0 when absent. */
export function tagDepth(tags: readonly string[] | null | undefined): number {
  for (const tag of arr(tags)) {
    if (typeof tag === 'string' && tag.startsWith('depth=')) {
      const n = Number(tag.slice(6));
      if (Number.isInteger(n) && n >= 0) return n;
    }
  }
  return 0;
}

/** True when the test keys come from v0.5 ("LTE"): its endpoints carry `depth=`/`fetch_body=` tags. */
export function isLteTestKeys(tk: WebConnectivityTestKeys): boolean {
  const tagged = (tags: readonly string[] | null | undefined) =>
    arr(tags).some((t) => typeof t === 'string' && (t.startsWith('depth=') || t.startsWith('fetch_body=')));
  return arr(tk.tcp_connect).some((c) => tagged(c?.tags)) || arr(tk.queries).some((q) => tagged(q?.tags));
}

/** The addresses (IPv4/IPv6) in a lookup's answers, de-duplicated, CNAMEs skipped. */
export function answerAddrs(q: DnsQuery): string[] {
  const out = new Set<string>();
  for (const a of arr(q.answers)) {
    if (a && typeof a.ipv4 === 'string' && a.ipv4) out.add(a.ipv4);
    else if (a && typeof a.ipv6 === 'string' && a.ipv6) out.add(a.ipv6);
  }
  return [...out];
}

/** The control's response if it is usable (has at least an http_request or dns part). */
export function usableControl(tk: WebConnectivityTestKeys): ControlResponse | null {
  if (!tk || typeof tk !== 'object' || tk.control_failure) return null;
  const c = tk.control as ControlResponse | null | undefined;
  if (!c || typeof c !== 'object') return null;
  if (!c.http_request && !c.dns && !c.tcp_connect) return null;
  return c;
}

/**
 * Builds the classic observations: system-resolver lookups and the endpoints that fetched a body
 * (v0.5 `fetch_body=false` TLS-validation endpoints and TH-only addresses are left out), then
 * sorts them as OONI's linear analysis does: deepest redirect first, then HTTP > TLS > TCP > DNS,
 * successes before failures.
 */
export function buildClassicObservations(
  tk: WebConnectivityTestKeys,
  inputDomain: string | null,
): WebObservation[] {
  const lte = isLteTestKeys(tk);
  const control = usableControl(tk);
  const observations: WebObservation[] = [];
  const systemAddrs = new Map<string, string>(); // ip -> domain that resolved it
  for (const q of arr(tk.queries)) {
    if (!q || !isSystemLookup(q)) continue;
    const depth = tagDepth(q.tags);
    const domain = typeof q.hostname === 'string' ? q.hostname : null;
    if (q.failure) {
      observations.push(blank('dns', depth, String(q.failure), domain, q.query_type ?? null));
      continue;
    }
    const addrs = answerAddrs(q);
    for (const ip of addrs) {
      if (!systemAddrs.has(ip) && domain) systemAddrs.set(ip, domain);
      const obs = blank('dns', depth, '', domain, q.query_type ?? null);
      obs.ip = ip;
      obs.resolvedAddrs = addrs;
      observations.push(obs);
    }
  }
  const endpoints = lte ? lteEndpoints(tk, systemAddrs) : legacyEndpoints(tk, systemAddrs, inputDomain);
  observations.push(...endpoints);
  if (control) attachControl(observations, control, inputDomain);
  return observations.sort(compareObservations);
}

function lteEndpoints(tk: WebConnectivityTestKeys, systemAddrs: Map<string, string>): WebObservation[] {
  const byTx = new Map<number, WebObservation>();
  for (const c of arr(tk.tcp_connect)) {
    if (!c || typeof c.ip !== 'string') continue;
    const tags = arr(c.tags);
    if (!tags.includes('fetch_body=true')) continue;
    if (!systemAddrs.has(c.ip)) continue;
    const failure = c.status?.failure ? String(c.status.failure) : '';
    const obs = blank('tcp', tagDepth(tags), failure, systemAddrs.get(c.ip) ?? null, null);
    obs.ip = c.ip;
    obs.endpoint = joinHostPort(c.ip, c.port);
    if (typeof c.transaction_id === 'number') byTx.set(c.transaction_id, obs);
  }
  for (const h of arr(tk.tls_handshakes)) {
    const obs = h && typeof h.transaction_id === 'number' ? byTx.get(h.transaction_id) : undefined;
    if (!obs || !h) continue;
    obs.type = 'tls';
    obs.failure = h.failure ? String(h.failure) : '';
    obs.tlsFailure = obs.failure;
    obs.tlsServerName = typeof h.server_name === 'string' ? h.server_name : '';
    obs.overTls = true;
  }
  for (const r of arr(tk.requests)) {
    const obs = r && typeof r.transaction_id === 'number' ? byTx.get(r.transaction_id) : undefined;
    if (!obs || !r) continue;
    applyHttp(obs, r);
  }
  return [...byTx.values()];
}

/**
 * v0.4 and older: TCP connects have no transaction ids and `requests` is a redirect chain, newest
 * first. The final request is one HTTP observation at the deepest level; a DNS failure while
 * following a redirect becomes a DNS observation there. When every TCP connect failed there is no
 * HTTP observation, as in v0.5 (no connection, no round trip).
 */
function legacyEndpoints(
  tk: WebConnectivityTestKeys,
  systemAddrs: Map<string, string>,
  inputDomain: string | null,
): WebObservation[] {
  const out: WebObservation[] = [];
  const tcp = arr(tk.tcp_connect).filter((c) => c && typeof c.ip === 'string');
  for (const c of tcp) {
    const failure = c.status?.failure
      ? String(c.status.failure)
      : c.status?.success === false
        ? 'unknown_failure'
        : '';
    const obs = blank('tcp', 0, failure, systemAddrs.get(c.ip) ?? inputDomain, null);
    obs.ip = c.ip;
    obs.endpoint = joinHostPort(c.ip, c.port);
    out.push(obs);
  }
  const requests = arr(tk.requests).filter((r) => r && typeof r === 'object');
  const final = requests[0];
  if (!final) return out;
  const depth = requests.length - 1;
  const failure = final.failure ? String(final.failure) : '';
  if (failure.startsWith('dns_') || failure === 'android_dns_cache_no_data') {
    if (depth > 0) out.push(blank('dns', depth, failure, hostOf(final.request?.url), null));
    return out;
  }
  const anyConnected = tcp.length === 0 || tcp.some((c) => c.status?.success === true || !c.status?.failure);
  if (!anyConnected && depth === 0) return out;
  const obs = blank('http', depth, failure, hostOf(final.request?.url), null);
  applyHttp(obs, final);
  out.push(obs);
  return out;
}

function applyHttp(obs: WebObservation, r: HttpTransaction): void {
  obs.type = 'http';
  obs.failure = r.failure ? String(r.failure) : '';
  const url = typeof r.request?.url === 'string' ? r.request.url : '';
  if (url.toLowerCase().startsWith('https://')) obs.overTls = true;
  if (obs.failure !== '' || !r.response || typeof r.response !== 'object') return;
  const code = typeof r.response.code === 'number' ? r.response.code : 0;
  const body = httpBodyText(r.response.body);
  const headers = r.response.headers && typeof r.response.headers === 'object' ? r.response.headers : {};
  obs.http = {
    statusCode: code,
    bodyLength: body.byteLength,
    bodyIsTruncated: r.response.body_is_truncated === true,
    headerKeys: new Set(Object.keys(headers).map((k) => k.toLowerCase())),
    title: httpTitle(body.text),
    isFinal: (code >= 200 && code < 300) || (code >= 400 && code < 600),
  };
}

function attachControl(
  observations: WebObservation[],
  control: ControlResponse,
  inputDomain: string | null,
): void {
  const dns = control.dns && typeof control.dns === 'object' ? control.dns : null;
  const http = control.http_request && typeof control.http_request === 'object' ? control.http_request : null;
  for (const obs of observations) {
    if (dns && inputDomain && obs.domain === inputDomain) {
      obs.controlDnsFailure = dns.failure ? String(dns.failure) : '';
      if (!dns.failure) obs.controlDnsAddrs = arr(dns.addrs).filter((a) => typeof a === 'string');
    }
    if (http) obs.controlHttpFailure = http.failure ? String(http.failure) : '';
    if (obs.endpoint) {
      const tcp = control.tcp_connect?.[obs.endpoint];
      if (tcp && typeof tcp === 'object') obs.controlTcpFailure = tcp.failure ? String(tcp.failure) : '';
      const tls = control.tls_handshake?.[obs.endpoint];
      if (
        tls &&
        typeof tls === 'object' &&
        obs.tlsServerName !== null &&
        tls.server_name === obs.tlsServerName
      ) {
        obs.controlTlsFailure = tls.failure ? String(tls.failure) : '';
      }
    }
  }
}

function compareObservations(a: WebObservation, b: WebObservation): number {
  if (a.depth !== b.depth) return b.depth - a.depth;
  if (a.type !== b.type) return TYPE_RANK[b.type] - TYPE_RANK[a.type];
  return a.failure < b.failure ? -1 : a.failure > b.failure ? 1 : 0;
}

function blank(
  type: ObservationType,
  depth: number,
  failure: string,
  domain: string | null,
  queryType: string | null,
): WebObservation {
  return {
    type,
    depth,
    failure,
    domain,
    resolvedAddrs: [],
    queryType,
    ip: null,
    endpoint: null,
    tlsFailure: null,
    tlsServerName: null,
    overTls: false,
    http: null,
    controlDnsFailure: undefined,
    controlDnsAddrs: undefined,
    controlTcpFailure: undefined,
    controlTlsFailure: undefined,
    controlHttpFailure: undefined,
  };
}

/** The host of a URL, lowercased, or null when it does not parse. */
export function hostOf(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    const host = new URL(url).hostname;
    return host.startsWith('[') ? host.slice(1, -1) : host;
  } catch {
    return null;
  }
}

/** Steps of one kind beyond this are ignored: a real measurement has tens, a hostile one could have millions. */
export const MAX_STEPS = 10_000;

/** An array (at most MAX_STEPS items), or empty for anything else: hostile data may put anything anywhere. */
export function arr<T>(value: readonly T[] | null | undefined): T[] {
  if (!Array.isArray(value)) return [];
  return value.length > MAX_STEPS ? (value.slice(0, MAX_STEPS) as T[]) : (value as T[]);
}
