/**
 * A web_connectivity record's test keys as the measurement page reads them. The record is whatever a probe sent:
 * every field is checked for its type, anything else is left out, and strings stay as they are (rendered as text).
 */

/** A recorded time (OONI's t0 and t, seconds since the measurement started), when there is one. */
export interface StepTimes {
  t0?: unknown;
  t?: unknown;
}

export interface DnsQuery extends StepTimes {
  hostname: string;
  engine: string | null;
  resolverAddress: string | null;
  failure: string | null;
  answers: string[];
}

export interface TcpConnect extends StepTimes {
  ip: string;
  port: number;
  failure: string | null;
}

export interface TlsHandshake extends StepTimes {
  address: string;
  serverName: string;
  failure: string | null;
}

export interface HttpTransaction extends StepTimes {
  url: string;
  failure: string | null;
  status: number | null;
  /** The Location header of the response, when it has one. */
  location: string | null;
  /** Its Content-Type header, which may name the body's charset. */
  contentType: string | null;
  body: unknown;
  bodyTruncated: boolean;
}

/** netfreedom's retry of a failed handshake on the same address with a neutral name (`x_tls.sni`). */
export interface SniRetry {
  address: string;
  targetServerName: string;
  neutralServerName: string;
  neutralFailure: string | null;
  /** How long the retry's handshake took, in seconds (its start was not recorded). */
  neutralHandshakeTime: number | null;
}

/** What the control (OONI's test helper) saw. */
export interface ControlKeys {
  dns: { addrs: string[]; failure: string | null } | null;
  tcp: Record<string, { ok: boolean; failure: string | null }>;
  tls: Record<string, { serverName: string | null; ok: boolean; failure: string | null }>;
  http: {
    status: number | null;
    title: string | null;
    bodyLength: number | null;
    failure: string | null;
  } | null;
}

export interface Interception {
  knownCa: string | null;
  issuer: string | null;
  serverName: string | null;
}

export interface TestKeys {
  queries: DnsQuery[];
  tcp: TcpConnect[];
  tls: TlsHandshake[];
  requests: HttpTransaction[];
  control: ControlKeys | null;
  sniRetries: SniRetry[];
  interception: Interception[];
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj).filter((o): o is Obj => o !== null) : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const times = (o: Obj): StepTimes => ({ t0: o.t0, t: o.t });

/** The test keys of a raw record; an empty set when it has none. */
export function readTestKeys(raw: unknown): TestKeys {
  const keys = obj(obj(raw)?.test_keys) ?? {};
  const xTls = obj(keys.x_tls) ?? {};
  return {
    queries: list(keys.queries).map((q) => ({
      ...times(q),
      hostname: str(q.hostname) ?? '',
      engine: str(q.engine) || null,
      resolverAddress: str(q.resolver_address) || null,
      failure: str(q.failure),
      answers: list(q.answers)
        .map((a) => str(a.ipv4) ?? str(a.ipv6) ?? str(a.hostname))
        .filter((a): a is string => a !== null),
    })),
    tcp: list(keys.tcp_connect).map((c) => ({
      ...times(c),
      ip: str(c.ip) ?? '',
      port: num(c.port) ?? 0,
      failure: str(obj(c.status)?.failure),
    })),
    tls: list(keys.tls_handshakes).map((h) => ({
      ...times(h),
      address: str(h.address) ?? '',
      serverName: str(h.server_name) ?? '',
      failure: str(h.failure),
    })),
    requests: list(keys.requests).map(readRequest),
    control: readControl(obj(keys.control)),
    sniRetries: list(xTls.sni).map((r) => ({
      address: str(r.address) ?? '',
      targetServerName: str(r.target_server_name) ?? '',
      neutralServerName: str(r.neutral_server_name) ?? '',
      neutralFailure: str(r.neutral_failure),
      neutralHandshakeTime: num(r.neutral_handshake_time),
    })),
    interception: list(xTls.interception).map((i) => ({
      knownCa: str(i.known_ca),
      issuer: str(i.issuer),
      serverName: str(i.server_name),
    })),
  };
}

function readRequest(r: Obj): HttpTransaction {
  const response = obj(r.response);
  return {
    ...times(r),
    url: str(obj(r.request)?.url) ?? '',
    failure: str(r.failure),
    status: num(response?.code),
    location: response ? header(response, 'location') : null,
    contentType: response ? header(response, 'content-type') : null,
    body: response?.body ?? null,
    bodyTruncated: response?.body_is_truncated === true,
  };
}

/** A response header by name, whatever its case, from OONI's `headers` map or its `headers_list` pairs. */
function header(response: Obj, name: string): string | null {
  for (const [k, v] of Object.entries(obj(response.headers) ?? {}))
    if (k.toLowerCase() === name && typeof v === 'string') return v;
  if (Array.isArray(response.headers_list))
    for (const pair of response.headers_list)
      if (Array.isArray(pair) && String(pair[0]).toLowerCase() === name && typeof pair[1] === 'string')
        return pair[1];
  return null;
}

function readControl(c: Obj | null): ControlKeys | null {
  if (!c) return null;
  const dns = obj(c.dns);
  const http = obj(c.http_request);
  const byEndpoint = <T>(v: unknown, read: (o: Obj) => T) =>
    Object.fromEntries(
      Object.entries(obj(v) ?? {})
        .map(([endpoint, o]) => [endpoint, obj(o)] as const)
        .filter((e): e is readonly [string, Obj] => e[1] !== null)
        .map(([endpoint, o]) => [endpoint, read(o)]),
    );
  return {
    dns: dns
      ? {
          addrs: Array.isArray(dns.addrs) ? dns.addrs.filter((a): a is string => typeof a === 'string') : [],
          failure: str(dns.failure),
        }
      : null,
    tcp: byEndpoint(c.tcp_connect, (o) => ({ ok: o.status === true, failure: str(o.failure) })),
    tls: byEndpoint(c.tls_handshake, (o) => ({
      serverName: str(o.server_name),
      ok: o.status === true,
      failure: str(o.failure),
    })),
    http: http
      ? {
          status: num(http.status_code),
          title: str(http.title),
          bodyLength: num(http.body_length),
          failure: str(http.failure),
        }
      : null,
  };
}

/**
 * A response body as text. OONI keeps a body that is not UTF-8 as base64: it is decoded in the charset its
 * Content-Type header names, else the one its page declares in a meta tag (the 2020 Russian blockpage is
 * windows-1251), else UTF-8. A text body is already decoded.
 */
export function bodyText(body: unknown, contentType: string | null = null): string {
  if (typeof body === 'string') return body;
  const o = obj(body);
  if (o?.format !== 'base64' || typeof o.data !== 'string') return '';
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(o.data), (ch) => ch.charCodeAt(0));
  } catch {
    return '';
  }
  for (const charset of [charsetOf(contentType), metaCharset(bytes), 'utf-8']) {
    if (!charset) continue;
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // A label the browser does not know: try the next.
    }
  }
  return '';
}

function charsetOf(contentType: string | null): string | null {
  return contentType ? (/charset=["']?([\w.:-]+)/i.exec(contentType)?.[1] ?? null) : null;
}

/** The charset a page declares in its first 2 KB (`<meta charset=…>` or `content="…; charset=…"`). */
function metaCharset(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, 2048));
  return /<meta[^>]+charset=["']?([\w.:-]+)/i.exec(head)?.[1] ?? null;
}
