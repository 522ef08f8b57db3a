/** One hop of web_connectivity's redirect chain: resolve the host, connect (and handshake) to every address, fetch over the first usable one. */
import type {
  DnsQuery,
  HttpTransaction,
  NetworkEvent,
  TcpConnect,
  TlsHandshake,
} from '../../../model/measurement.js';
import { ipVersion } from '../../../netx/ip-literal.js';
import type { Connection } from '../../../netx/network.js';
import { joinHostPort } from '../../../shared/host-port.js';
import { lookupStep, udpLookupStep } from '../../dns-steps.js';
import { type HttpStepResult, httpStep } from '../../http-step.js';
import { withLoopLag } from '../../loop-lag.js';
import type { ProbeConfig } from '../../probe-config.js';
import { tcpStep } from '../../tcp-step.js';
import type { TransferTiming } from '../../throttling-check.js';
import { tlsStep } from '../../tls-step.js';
import type { Trace } from '../../trace.js';

/** Endpoints tried per hop: enough for multi-homed sites, bounded against hostile answers. */
export const MAX_ENDPOINTS = 4;

/** Every record the hops add, in the archival shapes. */
export interface Records {
  queries: DnsQuery[];
  tcp: TcpConnect[];
  handshakes: TlsHandshake[];
  /** Newest first, as OONI orders them. */
  requests: HttpTransaction[];
  events: NetworkEvent[];
}

export function emptyRecords(): Records {
  return { queries: [], tcp: [], handshakes: [], requests: [], events: [] };
}

/** One hop's URL, host and port, and its tags (`depth=N`, `classic`). */
export interface Hop {
  url: URL;
  depth: number;
  host: string;
  port: number;
  tags: string[];
}

export function hopOf(url: URL, depth: number): Hop {
  return {
    url,
    depth,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80,
    tags: [`depth=${depth}`, 'classic'],
  };
}

/**
 * The hop's addresses: getaddrinfo (and, on the first hop, the DNS-over-UDP resolver beside it). Returns the
 * system lookup's failure too. Like OONI v0.5, a loopback answer is never connected to: a lying resolver must
 * not make us probe our own machine.
 */
export async function resolveHop(
  cfg: ProbeConfig,
  trace: Trace,
  hop: Hop,
  records: Records,
): Promise<{ addrs: string[]; failure: string | null }> {
  if (ipVersion(hop.host)) return { addrs: [hop.host], failure: null };
  const [system, udp] = await Promise.all([
    lookupStep(cfg, trace, hop.host, hop.tags),
    hop.depth === 0 && cfg.udpResolver
      ? udpLookupStep(cfg, trace, cfg.udpResolver, hop.host, ['depth=0'])
      : null,
  ]);
  records.queries.push(system.query, ...(udp ? [udp.query] : []));
  return { addrs: system.addrs.filter((ip) => !isLoopback(ip)), failure: system.query.failure };
}

/** The connection a hop fetches over: the first endpoint whose connect (and handshake) succeeded. */
export interface Chosen {
  socket: Connection;
  address: string;
  alpn: string;
  id: number;
  handshake: number | null;
  /** Seconds the probe's own event loop was held while the handshake was timed. */
  handshakeLag: number | null;
  connect: number;
}

/** Connects to every address (OONI measures them all), handshakes on each, keeps the first usable socket. */
export async function connectEndpoints(
  cfg: ProbeConfig,
  trace: Trace,
  hop: Hop,
  addrs: string[],
  records: Records,
): Promise<Chosen | null> {
  const picked: Chosen[] = [];
  const tags = [...hop.tags, 'fetch_body=true'];
  await Promise.all(
    addrs.slice(0, MAX_ENDPOINTS).map(async (ip) => {
      const address = joinHostPort(ip, hop.port);
      const step = await tcpStep(cfg, trace, ip, hop.port, tags);
      records.tcp.push(step.record);
      records.events.push(step.event);
      if (!step.socket) return;
      let socket: Connection = step.socket;
      let alpn = '';
      let handshake: number | null = null;
      let handshakeLag: number | null = null;
      if (hop.url.protocol === 'https:') {
        const { value: t, lag } = await withLoopLag(() =>
          tlsStep(cfg, trace, socket, address, hop.host, tags, step.transactionId),
        );
        handshakeLag = lag.totalMs / 1000;
        records.handshakes.push(t.record);
        records.events.push(...t.events);
        if (!t.outcome.socket) return;
        socket = t.outcome.socket;
        alpn = t.outcome.alpn;
        handshake = t.seconds;
      }
      if (picked.length > 0) return void socket.destroy();
      const connect = step.record.t - (step.record.t0 ?? step.record.t);
      picked.push({ socket, address, alpn, id: step.transactionId, handshake, handshakeLag, connect });
    }),
  );
  return picked[0] ?? null;
}

/** Fetches the hop's URL over `chosen`; returns the step and the timings the throttling check reads. */
export async function fetchHop(
  cfg: ProbeConfig,
  trace: Trace,
  hop: Hop,
  chosen: Chosen,
  records: Records,
): Promise<{ http: HttpStepResult; timing: TransferTiming }> {
  // The transfer is judged against the control's: a loop held meanwhile stretches it, so the hold is kept beside it.
  const { value: http, lag } = await withLoopLag(() =>
    httpStep(
      cfg,
      trace,
      chosen.socket,
      hop.url,
      chosen.address,
      chosen.alpn,
      [...hop.tags, 'fetch_body=true'],
      chosen.id,
    ),
  );
  const transferLag = lag.totalMs / 1000;
  records.events.push(...http.events);
  records.requests.unshift(http.record);
  const timing: TransferTiming = {
    address: chosen.address,
    serverName: hop.url.protocol === 'https:' ? hop.host : null,
    connectSeconds: chosen.connect,
    handshakeSeconds: chosen.handshake,
    handshakeLagSeconds: chosen.handshakeLag,
    transferSeconds: http.outcome.transferSeconds,
    transferLagSeconds: transferLag,
    bytes: http.outcome.bodyLength,
  };
  return { http, timing };
}

/**
 * Where a redirect leads, or null when the chain ends here. A broken Location or one redirect too many is written
 * into the step's record as OONI writes it.
 */
export function nextHop(http: HttpStepResult, hop: Hop, maxRedirects: number): URL | null {
  const location = http.outcome.headersList.find(([k]) => k.toLowerCase() === 'location')?.[1];
  const status = http.outcome.status ?? 0;
  if (http.outcome.failure || ![301, 302, 303, 307, 308].includes(status) || location === undefined)
    return null;
  const next = redirectTarget(location, hop.url);
  if (!next) {
    http.record.failure = 'http_invalid_redirect_location_host';
    return null;
  }
  if (hop.depth === maxRedirects) {
    http.record.failure = 'unknown_failure: stopped after 10 redirects';
    return null;
  }
  return next;
}

function isLoopback(ip: string): boolean {
  return ip.startsWith('127.') || ip === '::1' || ip.startsWith('::ffff:127.');
}

function redirectTarget(location: string, base: URL): URL | null {
  try {
    const next = new URL(location, base);
    if ((next.protocol !== 'http:' && next.protocol !== 'https:') || next.hostname === '') return null;
    return next;
  } catch {
    return null;
  }
}
