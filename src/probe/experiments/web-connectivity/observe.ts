/** The web_connectivity experiment: DNS, TCP, TLS and HTTP with redirects, the control, and the TLS facts beyond OONI. */

import type { InterceptionCaDb } from '../analysis/tls/interception-cas.js';
import { askControl } from '../control/control-client.js';
import type {
  ControlRequest,
  ControlResponse,
  DnsQuery,
  HttpTransaction,
  NetworkEvent,
  TcpConnect,
  TlsHandshake,
  WebConnectivityTestKeys,
} from '../model/measurement.js';
import type { XTls } from '../model/verdict.js';
import { ipVersion } from '../netx/ip-literal.js';
import type { Connection } from '../netx/network.js';
import { InvalidInputError } from '../shared/errors.js';
import { joinHostPort } from '../shared/host-port.js';
import { lookupStep, udpLookupStep } from './dns-steps.js';
import { httpStep } from './http-step.js';
import { type ProbeConfig, REQUEST_HEADERS_TITLE_CASE } from './probe-config.js';
import { tcpStep } from './tcp-step.js';
import {
  interceptionChecks,
  neutralHandshake,
  sniCheck,
  sniSuspects,
  type TransferTiming,
  throttlingCheck,
} from './tls-facts.js';
import { tlsStep } from './tls-step.js';
import { Trace } from './trace.js';

/** The raw observations of one URL, before analysis fills the verdict keys. */
export interface Observations {
  testKeys: WebConnectivityTestKeys;
  /** Our address as the control saw it; never stored, only used for ASN lookup and scrubbing. */
  clientIp: string | null;
  runtimeSeconds: number;
}

/** Endpoints tried per hop: enough for multi-homed sites, bounded against hostile answers. */
const MAX_ENDPOINTS = 4;

/** Measures `input`; throws only InvalidInputError for a URL that is not http(s). */
export async function observeWebConnectivity(
  input: string,
  cfg: ProbeConfig,
  known: InterceptionCaDb,
): Promise<Observations> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new InvalidInputError(`${input}: not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidInputError(`${input}: only http(s) URLs are measured`);
  const trace = new Trace();
  const deadline = performance.now() + cfg.timeouts.perUrl;
  const queries: DnsQuery[] = [];
  const tcp: TcpConnect[] = [];
  const handshakes: TlsHandshake[] = [];
  const requests: HttpTransaction[] = [];
  const events: NetworkEvent[] = [];
  let dnsFailure: string | null = null;
  let httpFailure: string | null = null;
  let controlPromise: Promise<Awaited<ReturnType<typeof askControl>>> | null = null;
  let controlRequest: ControlRequest | null = null;
  let timing: TransferTiming | null = null;

  for (let depth = 0; depth <= cfg.maxRedirects; depth++) {
    const tags = [`depth=${depth}`, 'classic'];
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    let addrs: string[];
    if (ipVersion(host)) addrs = [host];
    else {
      const [system, udp] = await Promise.all([
        lookupStep(cfg, trace, host, tags),
        depth === 0 && cfg.udpResolver ? udpLookupStep(cfg, trace, cfg.udpResolver, host, ['depth=0']) : null,
      ]);
      queries.push(system.query, ...(udp ? [udp.query] : []));
      // Like OONI v0.5, never connect to a loopback answer: a lying resolver must not make us probe our own machine.
      addrs = system.addrs.filter((ip) => !isLoopback(ip));
      if (depth === 0) dnsFailure = system.query.failure;
    }
    if (depth === 0) {
      controlRequest = {
        http_request: input,
        http_request_headers: Object.fromEntries(REQUEST_HEADERS_TITLE_CASE.map(([k, v]) => [k, [v]])),
        tcp_connect: addrs.map((ip) => joinHostPort(ip, port)),
        x_quic_enabled: false,
      };
      controlPromise = askControl(cfg.controlUrl, controlRequest, cfg.timeouts.control);
    }
    if (addrs.length === 0) break;

    // Connect to every endpoint (OONI measures them all), handshake on each, keep the first usable socket.
    type Chosen = {
      socket: Connection;
      address: string;
      alpn: string;
      id: number;
      handshake: number | null;
      connect: number;
    };
    const picked: Chosen[] = [];
    await Promise.all(
      addrs.slice(0, MAX_ENDPOINTS).map(async (ip) => {
        const address = joinHostPort(ip, port);
        const step = await tcpStep(cfg, trace, ip, port, [...tags, 'fetch_body=true']);
        tcp.push(step.record);
        events.push(step.event);
        if (!step.socket) return;
        let socket: Connection = step.socket;
        let alpn = '';
        let handshake: number | null = null;
        if (url.protocol === 'https:') {
          const t = await tlsStep(
            cfg,
            trace,
            socket,
            address,
            host,
            [...tags, 'fetch_body=true'],
            step.transactionId,
          );
          handshakes.push(t.record);
          events.push(...t.events);
          if (!t.outcome.socket) return;
          socket = t.outcome.socket;
          alpn = t.outcome.alpn;
          handshake = t.seconds;
        }
        if (picked.length > 0) return void socket.destroy();
        const connect = step.record.t - (step.record.t0 ?? step.record.t);
        picked.push({ socket, address, alpn, id: step.transactionId, handshake, connect });
      }),
    );
    const use = picked[0];
    if (!use) break;
    if (performance.now() > deadline) {
      use.socket.destroy();
      httpFailure = 'generic_timeout_error';
      break;
    }
    const http = await httpStep(
      cfg,
      trace,
      use.socket,
      url,
      use.address,
      use.alpn,
      [...tags, 'fetch_body=true'],
      use.id,
    );
    events.push(...http.events);
    requests.unshift(http.record); // newest first, as OONI orders them
    timing = {
      address: use.address,
      connectSeconds: use.connect,
      handshakeSeconds: use.handshake,
      transferSeconds: http.outcome.transferSeconds,
      bytes: http.outcome.bodyLength,
    };
    const location = header(http.outcome.headersList, 'location');
    const status = http.outcome.status ?? 0;
    if (http.outcome.failure || ![301, 302, 303, 307, 308].includes(status) || location === undefined) break;
    const next = redirectTarget(location, url);
    if (!next) {
      http.record.failure = 'http_invalid_redirect_location_host';
      break;
    }
    if (depth === cfg.maxRedirects) {
      http.record.failure = 'unknown_failure: stopped after 10 redirects';
      break;
    }
    url = next;
  }

  const answer = controlPromise ? await controlPromise : null;
  const control = answer?.response ?? null;
  httpFailure ??= requests[0]?.failure ?? null;
  const xTls = await gatherTlsFacts(cfg, handshakes, control, known, timing);
  const testKeys: WebConnectivityTestKeys = {
    agent: 'redirect',
    client_resolver: null,
    retries: null,
    socksproxy: null,
    queries,
    tcp_connect: tcp,
    tls_handshakes: handshakes,
    requests,
    network_events: events,
    control: control ?? {},
    control_failure: answer?.failure ?? null,
    dns_experiment_failure: dnsFailure,
    http_experiment_failure: httpFailure,
    dns_consistency: null,
    body_length_match: null,
    headers_match: null,
    status_code_match: null,
    title_match: null,
    blocking: null,
    accessible: null,
    x_control_request: controlRequest ?? undefined,
    x_tls: xTls,
  };
  return { testKeys, clientIp: answer?.clientIp ?? null, runtimeSeconds: trace.now() };
}

async function gatherTlsFacts(
  cfg: ProbeConfig,
  handshakes: TlsHandshake[],
  control: ControlResponse | null,
  known: InterceptionCaDb,
  timing: TransferTiming | null,
): Promise<XTls> {
  const suspects = sniSuspects(handshakes, control).slice(0, MAX_ENDPOINTS);
  const sni = await Promise.all(
    suspects.map(async (h) => sniCheck(h, cfg.neutralSni, await neutralHandshake(cfg, h.address!))),
  );
  const throttling = [];
  if (timing) {
    // A neutral handshake only when ours was slow: it tells SNI throttling from a slow path.
    const controlTls = control?.x_timings?.[timing.address]?.tls_handshake ?? null;
    const rtt = timing.connectSeconds ?? 0;
    const slow =
      timing.handshakeSeconds !== null &&
      timing.handshakeSeconds >= 0.5 &&
      timing.handshakeSeconds >= cfg.throttlingFactor * Math.max(controlTls ?? 0, rtt);
    const neutral = slow ? (await neutralHandshake(cfg, timing.address)).seconds : null;
    throttling.push(throttlingCheck(timing, control, neutral, cfg.throttlingFactor));
  }
  return { sni, interception: interceptionChecks(handshakes, control, known), throttling };
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

function header(list: [string, string][], name: string): string | undefined {
  return list.find(([k]) => k.toLowerCase() === name)?.[1];
}
