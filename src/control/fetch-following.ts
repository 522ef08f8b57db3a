/** The control's HTTP fetch: follows up to 10 redirects, counts up to 16 MiB, keeps the title (oohelperd http.go). */
import type { ControlResponse } from '../model/measurement.js';
import { httpRoundTrip } from '../netx/http-round-trip.js';
import { ipVersion } from '../netx/ip-literal.js';
import type { Connection } from '../netx/network.js';
import { connectTcp } from '../netx/tcp-connect.js';
import { handshakeTls } from '../netx/tls-handshake.js';
import { withTimeout } from '../netx/with-timeout.js';
import { decodeUtf8 } from '../shared/decode-utf8.js';
import { joinHostPort } from '../shared/host-port.js';
import type { ControlDeps } from './control-measure.js';
import { isRefusedTarget } from './refused-target.js';

const MAX_REDIRECTS = 10;
/** Addresses of a DNS answer the fetch tries, in order. */
export const FETCH_ADDRESSES = 4;
const MAX_BODY = 16 << 20;
const KEEP_BODY = 1 << 19;
const TITLE = /<title>([^<]{1,512})<\/title>/i;
const HEADERS = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-language': 'en-US,en;q=0.9',
  'user-agent':
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.1 Safari/605.1.15',
};

export interface FetchResult {
  summary: ControlResponse['http_request'];
  /** "ip:port" of the final response, for the control's timings. */
  address: string | null;
  transferSeconds: number | null;
}

/**
 * What the control's own measurement of the first hop already has: its DNS answer and the connections
 * it opened (and verified) to the addresses the fetch would try, ready for HTTP/1.1. The fetch uses them
 * instead of resolving and dialling the same addresses again a moment later; an address whose
 * measurement failed is dialled anew, exactly as without them.
 */
export interface FirstHop {
  addrs: string[];
  /** "ip:port" → an open connection (TLS for https) the fetch now owns. */
  connections: Map<string, Connection>;
}

/**
 * Fetches `start`, following redirects; failures use OONI's legacy control names. The whole chain, every hop's
 * lookup, connect, handshake and transfer, shares one deadline of `timeouts.http` (as oohelperd's 15 s client):
 * a site answering each hop just before its own timer would otherwise hold a request slot for minutes.
 */
export async function fetchFollowing(start: URL, deps: ControlDeps, first?: FirstHop): Promise<FetchResult> {
  const failed = (failure: string): FetchResult => ({
    summary: {
      body_length: -1,
      discovered_h3_endpoint: '',
      failure,
      title: '',
      headers: {},
      status_code: -1,
    },
    address: null,
    transferSeconds: null,
  });
  const deadline = performance.now() + deps.timeouts.http;
  // What a step may take: its own timer, or what is left of the chain's deadline if less.
  const within = (ms: number) => Math.max(1, Math.min(ms, Math.round(deadline - performance.now())));
  let url = start;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (performance.now() >= deadline) return failed('generic_timeout_error');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const reuse = hop === 0 ? first : undefined;
    let addrs: string[];
    try {
      addrs = reuse
        ? reuse.addrs
        : ipVersion(host)
          ? [host]
          : await withTimeout(deps.network.lookup(host), within(deps.timeouts.dns), 'lookup');
    } catch {
      return failed('dns_lookup_error');
    }
    addrs = addrs.filter((ip) => !isRefusedTarget(ip, deps.allowPrivate));
    if (addrs.length === 0) return failed('dns_lookup_error');
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    let lastFailure = 'unknown_error';
    let response: Awaited<ReturnType<typeof httpRoundTrip>> | null = null;
    let address: string | null = null;
    for (const ip of addrs.slice(0, FETCH_ADDRESSES)) {
      address = joinHostPort(ip, port);
      const open = reuse?.connections.get(address);
      if (open) {
        reuse!.connections.delete(address);
        response = await get(open, url, within(deps.timeouts.http));
        break;
      }
      const tcp = await connectTcp(deps.network, ip, port, within(deps.timeouts.connect));
      if (!tcp.socket) {
        lastFailure = legacy(tcp.failure);
        continue;
      }
      let socket = tcp.socket;
      if (url.protocol === 'https:') {
        const tls = await handshakeTls(socket, {
          serverName: host,
          ca: deps.ca,
          alpn: ['http/1.1'],
          timeoutMs: within(deps.timeouts.tlsHandshake),
        });
        if (!tls.socket) {
          lastFailure = legacy(tls.failure);
          continue;
        }
        socket = tls.socket;
      }
      response = await get(socket, url, within(deps.timeouts.http));
      break;
    }
    if (!response) return failed(lastFailure);
    if (response.failure || response.status === null) return failed(legacy(response.failure));
    const location = header(response.headersList, 'location');
    if ([301, 302, 303, 307, 308].includes(response.status) && location !== undefined) {
      const next = redirectTarget(location, url);
      // An unusable Location ends the chain with the redirect itself as the answer (as Go's client does).
      if (next) {
        url = next;
        continue;
      }
    }
    const headers = Object.fromEntries(response.headersList.map(([k, v]) => [k, v]).reverse());
    return {
      summary: {
        body_length: response.bodyLength,
        discovered_h3_endpoint: '',
        failure: null,
        title: TITLE.exec(decodeUtf8(response.body))?.[1] ?? '',
        headers,
        status_code: response.status,
      },
      address,
      transferSeconds: response.transferSeconds,
    };
  }
  return failed('unknown_error'); // more than ten redirects
}

function get(socket: Connection, url: URL, timeoutMs: number) {
  return httpRoundTrip(socket, {
    url,
    headers: HEADERS,
    timeoutMs,
    maxBodyBytes: MAX_BODY,
    keepBodyBytes: KEEP_BODY,
  });
}

function redirectTarget(location: string, base: URL): URL | null {
  try {
    const next = new URL(location, base);
    return (next.protocol === 'http:' || next.protocol === 'https:') && next.hostname !== '' ? next : null;
  } catch {
    return null;
  }
}

function header(list: [string, string][], name: string): string | undefined {
  return list.find(([k]) => k.toLowerCase() === name)?.[1];
}

/** OONI's control maps failures to a few legacy names (oohelperd http.go). */
function legacy(failure: string | null): string {
  if (failure === 'generic_timeout_error') return 'generic_timeout_error';
  if (failure === 'connection_refused') return 'connection_refused_error';
  if (failure?.startsWith('dns_')) return 'dns_lookup_error';
  return failure ? classifyLegacy(failure) : 'unknown_error';
}

function classifyLegacy(failure: string): string {
  return failure === 'connection_reset' || failure === 'eof_error' || failure.startsWith('ssl_')
    ? failure
    : 'unknown_error';
}
