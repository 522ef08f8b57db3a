/**
 * One target of an app test, measured step by step as OONI's urlgetter does (ts-027): resolve with the system
 * resolver, connect to the addresses in turn until one answers, then a TLS handshake and an HTTP request when the
 * URL asks for them. Targets: `https://host/path`, `http://host:port/path`, `tcpconnect://host:port`,
 * `tlshandshake://host:port` (connect and handshake, no request), `dnslookup://host`. Every step has its own timer and comes back as a record; nothing throws for the network.
 */
import type { UrlGetterTestKeys } from '../model/app-test-keys.js';
import type {
  DnsQuery,
  HttpTransaction,
  NetworkEvent,
  TcpConnect,
  TlsHandshake,
} from '../model/measurement.js';
import { ipVersion } from '../netx/ip-literal.js';
import type { Connection } from '../netx/network.js';
import { InvalidInputError } from '../shared/errors.js';
import { joinHostPort } from '../shared/host-port.js';
import { lookupStep } from './dns-steps.js';
import { type HttpStepOptions, httpStep, unsentRequestRecord } from './http-step.js';
import type { ProbeConfig } from './probe-config.js';
import { tcpStep } from './tcp-step.js';
import { type TlsStepOptions, tlsStep } from './tls-step.js';
import type { Trace } from './trace.js';

/** Addresses tried per target: enough for a multi-homed service, bounded against hostile answers. */
const MAX_ADDRESSES = 4;

export interface GetOptions {
  /** The request's method and body (GET by default), and how much of the body to keep. */
  http?: HttpStepOptions;
  /** The roots trusted (Signal pins its own), or no verification (Tor relays). */
  tls?: TlsStepOptions;
}

/** The steps of one target; `failed_operation` names the step that failed (OONI's operation names). */
export interface GetResult extends UrlGetterTestKeys {
  /** The connected address ("ip:port") when a connect succeeded. */
  address: string | null;
  /** Seconds the successful connect and handshake took (for the throttling check). */
  connectSeconds: number | null;
  handshakeSeconds: number | null;
}

/** Measures `target`; throws only InvalidInputError for a target it cannot parse. */
export async function getTarget(
  cfg: ProbeConfig,
  trace: Trace,
  target: string,
  opts: GetOptions = {},
): Promise<GetResult> {
  const parsed = parseTarget(target);
  const result = emptyResult();
  const t0 = trace.now();
  const fail = (operation: string, failure: string | null): GetResult => {
    result.failed_operation = operation;
    result.failure = failure;
    // A request that could not be sent is recorded with the failure that stopped it, as OONI's urlgetter does.
    if (parsed.kind === 'url' && operation !== 'http_round_trip' && failure)
      result.requests!.unshift(
        unsentRequestRecord(parsed.url, opts.http?.method ?? 'GET', failure, t0, trace.now()),
      );
    return result;
  };
  let addrs = [parsed.host];
  if (!ipVersion(parsed.host)) {
    const lookup = await lookupStep(cfg, trace, parsed.host, []);
    result.queries!.push(lookup.query);
    if (lookup.query.failure) return fail('resolve', lookup.query.failure);
    addrs = lookup.addrs;
  }
  if (parsed.kind === 'dnslookup') return result;
  const connected = await connectFirst(cfg, trace, addrs, parsed.port, result);
  if (!connected) return fail('connect', result.tcp_connect![0]?.status.failure ?? 'generic_timeout_error');
  result.address = joinHostPort(connected.ip, parsed.port);
  if (parsed.kind === 'tcpconnect') {
    connected.socket.destroy();
    return result;
  }
  let socket = connected.socket;
  let alpn = '';
  if (parsed.kind === 'tlshandshake' || parsed.url.protocol === 'https:') {
    const tls = await tlsStep(cfg, trace, socket, result.address, parsed.host, [], connected.id, {
      ...opts.tls,
    });
    result.tls_handshakes!.push(tls.record);
    result.network_events!.push(...tls.events);
    if (!tls.outcome.socket) return fail('tls_handshake', tls.record.failure);
    result.handshakeSeconds = tls.seconds;
    if (parsed.kind === 'tlshandshake') {
      tls.outcome.socket.destroy();
      return result;
    }
    socket = tls.outcome.socket;
    alpn = tls.outcome.alpn;
  }
  const http = await httpStep(
    cfg,
    trace,
    socket,
    parsed.url,
    result.address,
    alpn,
    [],
    connected.id,
    opts.http,
  );
  result.requests!.unshift(http.record);
  result.network_events!.push(...http.events);
  if (http.record.failure) return fail('http_round_trip', http.record.failure);
  return result;
}

/** The test keys of several targets measured together: their steps side by side, no failure of their own. */
export function mergeResults(results: readonly UrlGetterTestKeys[]): UrlGetterTestKeys {
  const keys: UrlGetterTestKeys = {
    agent: 'redirect',
    failed_operation: null,
    failure: null,
    network_events: [],
    queries: [],
    requests: [],
    tcp_connect: [],
    tls_handshakes: [],
  };
  for (const r of results) {
    keys.network_events!.push(...(r.network_events ?? []));
    keys.queries!.push(...(r.queries ?? []));
    keys.requests!.push(...(r.requests ?? []));
    keys.tcp_connect!.push(...(r.tcp_connect ?? []));
    keys.tls_handshakes!.push(...(r.tls_handshakes ?? []));
  }
  return keys;
}

/** Only the archival keys of a result (its timings are for the checks, not the record). */
export function archivalKeys(r: GetResult): UrlGetterTestKeys {
  const { address: _a, connectSeconds: _c, handshakeSeconds: _h, ...keys } = r;
  return keys;
}

interface ParsedTarget {
  kind: 'url' | 'tcpconnect' | 'tlshandshake' | 'dnslookup';
  url: URL;
  host: string;
  port: number;
}

function parseTarget(target: string): ParsedTarget {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new InvalidInputError(`${target}: not a target URL`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const scheme = url.protocol.slice(0, -1);
  if (!host) throw new InvalidInputError(`${target}: no host`);
  if (scheme === 'dnslookup') return { kind: 'dnslookup', url, host, port: 0 };
  if (scheme === 'tcpconnect' || scheme === 'tlshandshake') {
    if (!url.port) throw new InvalidInputError(`${target}: ${scheme}:// needs a port`);
    return { kind: scheme, url, host, port: Number(url.port) };
  }
  if (scheme !== 'http' && scheme !== 'https')
    throw new InvalidInputError(
      `${target}: expected http(s)://, tcpconnect://, tlshandshake:// or dnslookup://`,
    );
  const port = url.port ? Number(url.port) : scheme === 'https' ? 443 : 80;
  return { kind: 'url', url, host, port };
}

/** Connects to each address in turn until one answers; every attempt is recorded. */
async function connectFirst(
  cfg: ProbeConfig,
  trace: Trace,
  addrs: string[],
  port: number,
  result: GetResult,
): Promise<{ socket: Connection; ip: string; id: number } | null> {
  for (const ip of addrs.slice(0, MAX_ADDRESSES)) {
    const step = await tcpStep(cfg, trace, ip, port, []);
    result.tcp_connect!.push(step.record);
    result.network_events!.push(step.event);
    if (step.socket) {
      result.connectSeconds = step.record.t - (step.record.t0 ?? step.record.t);
      return { socket: step.socket, ip, id: step.transactionId };
    }
  }
  return null;
}

function emptyResult(): GetResult {
  return {
    agent: 'redirect',
    failed_operation: null,
    failure: null,
    network_events: [] as NetworkEvent[],
    queries: [] as DnsQuery[],
    requests: [] as HttpTransaction[],
    tcp_connect: [] as TcpConnect[],
    tls_handshakes: [] as TlsHandshake[],
    address: null,
    connectSeconds: null,
    handshakeSeconds: null,
  };
}
