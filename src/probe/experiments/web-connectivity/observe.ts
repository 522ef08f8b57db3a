/** The web_connectivity observation: the hops of the redirect chain, the control, and the TLS facts beyond OONI. */

import type { InterceptionCaDb } from '../../../analysis/tls/interception-cas.js';
import { askControl, type ControlAnswer } from '../../../control/control-client.js';
import type { ControlRequest, ControlResponse, WebConnectivityTestKeys } from '../../../model/measurement.js';
import type { LoopLagRecord, ThrottlingCheck, XTls } from '../../../model/verdict.js';
import { InvalidInputError } from '../../../shared/errors.js';
import { joinHostPort } from '../../../shared/host-port.js';
import { withLoopLag } from '../../loop-lag.js';
import { type ProbeConfig, REQUEST_HEADERS_TITLE_CASE } from '../../probe-config.js';
import {
  handshakeLooksSlow,
  referenceHandshakes,
  type TransferTiming,
  throttlingCheck,
} from '../../throttling-check.js';
import { interceptionChecks, neutralHandshake, sniCheck, sniSuspects } from '../../tls-facts.js';
import { Trace } from '../../trace.js';
import {
  connectEndpoints,
  emptyRecords,
  fetchHop,
  hopOf,
  MAX_ENDPOINTS,
  nextHop,
  type Records,
  resolveHop,
} from './hop.js';

/** The raw observations of one URL, before analysis fills the verdict keys. */
export interface Observations {
  testKeys: WebConnectivityTestKeys;
  /** Our address as the control saw it; never stored, only used for ASN lookup and scrubbing. */
  clientIp: string | null;
  runtimeSeconds: number;
}

/** The control, asked once the first hop's addresses are known. */
interface ControlCall {
  request: ControlRequest;
  answer: Promise<ControlAnswer>;
}

/** What the walk along the chain leaves: the records, the first lookup's failure, the last transfer's timings. */
interface Walk {
  records: Records;
  dnsFailure: string | null;
  httpFailure: string | null;
  control: ControlCall | null;
  timing: TransferTiming | null;
}

/** Measures `input`; throws only InvalidInputError for a URL that is not http(s). */
export async function observeWebConnectivity(
  input: string,
  cfg: ProbeConfig,
  known: InterceptionCaDb,
): Promise<Observations> {
  const url = parseInputUrl(input);
  const controlUrl = cfg.controlUrl;
  if (!controlUrl) throw new InvalidInputError('web_connectivity needs a control (--control URL)');
  const trace = new Trace();
  const { value, lag } = await withLoopLag(async () => {
    const walk = await walkChain(input, url, cfg, controlUrl, trace);
    const answer = walk.control ? await walk.control.answer : null;
    const xTls = await gatherTlsFacts(cfg, walk.records, answer?.response ?? null, known, walk.timing);
    return { walk, answer, xTls };
  });
  const loopLag = { total: seconds(lag.totalMs), max: seconds(lag.maxMs) };
  return {
    testKeys: testKeysOf(value.walk, value.answer, value.xTls, loopLag),
    clientIp: value.answer?.clientIp ?? null,
    runtimeSeconds: trace.now(),
  };
}

function parseInputUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new InvalidInputError(`${input}: not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidInputError(`${input}: only http(s) URLs are measured`);
  return url;
}

/** Follows the chain from `url`: each hop resolved, connected and fetched; the control asked on the first. */
async function walkChain(
  input: string,
  url: URL,
  cfg: ProbeConfig,
  controlUrl: string,
  trace: Trace,
): Promise<Walk> {
  const deadline = performance.now() + cfg.timeouts.perUrl;
  const walk: Walk = {
    records: emptyRecords(),
    dnsFailure: null,
    httpFailure: null,
    control: null,
    timing: null,
  };
  let next: URL | null = url;
  for (let depth = 0; next && depth <= cfg.maxRedirects; depth++) {
    const hop = hopOf(next, depth);
    next = null;
    const resolved = await resolveHop(cfg, trace, hop, walk.records);
    if (depth === 0) {
      walk.dnsFailure = resolved.failure;
      walk.control = callControl(cfg, controlUrl, input, resolved.addrs, hop.port);
    }
    if (resolved.addrs.length === 0) break;
    const chosen = await connectEndpoints(cfg, trace, hop, resolved.addrs, walk.records);
    if (!chosen) break;
    if (performance.now() > deadline) {
      chosen.socket.destroy();
      walk.httpFailure = 'generic_timeout_error';
      break;
    }
    const fetched = await fetchHop(cfg, trace, hop, chosen, walk.records);
    walk.timing = fetched.timing;
    next = nextHop(fetched.http, hop, cfg.maxRedirects);
  }
  walk.httpFailure ??= walk.records.requests[0]?.failure ?? null;
  return walk;
}

function callControl(
  cfg: ProbeConfig,
  controlUrl: string,
  input: string,
  addrs: string[],
  port: number,
): ControlCall {
  const request: ControlRequest = {
    http_request: input,
    http_request_headers: Object.fromEntries(REQUEST_HEADERS_TITLE_CASE.map(([k, v]) => [k, [v]])),
    tcp_connect: addrs.map((ip) => joinHostPort(ip, port)),
    x_quic_enabled: false,
  };
  return { request, answer: askControl(controlUrl, request, cfg.timeouts.control) };
}

function testKeysOf(
  walk: Walk,
  answer: ControlAnswer | null,
  xTls: XTls,
  loopLag: LoopLagRecord,
): WebConnectivityTestKeys {
  const r = walk.records;
  return {
    agent: 'redirect',
    client_resolver: null,
    retries: null,
    socksproxy: null,
    queries: r.queries,
    tcp_connect: r.tcp,
    tls_handshakes: r.handshakes,
    requests: r.requests,
    network_events: r.events,
    control: answer?.response ?? {},
    control_failure: answer?.failure ?? null,
    dns_experiment_failure: walk.dnsFailure,
    http_experiment_failure: walk.httpFailure,
    dns_consistency: null,
    body_length_match: null,
    headers_match: null,
    status_code_match: null,
    title_match: null,
    blocking: null,
    accessible: null,
    x_control_request: walk.control?.request,
    x_tls: xTls,
    x_loop_lag: loopLag,
  };
}

/** Milliseconds as the archival seconds, to the millisecond. */
function seconds(ms: number): number {
  return Math.round(ms) / 1000;
}

async function gatherTlsFacts(
  cfg: ProbeConfig,
  records: Records,
  control: ControlResponse | null,
  known: InterceptionCaDb,
  timing: TransferTiming | null,
): Promise<XTls> {
  const suspects = sniSuspects(records.handshakes, control).slice(0, MAX_ENDPOINTS);
  const sni = await Promise.all(
    suspects.map(async (h) => sniCheck(h, cfg.neutralSni, await neutralHandshake(cfg, h.address!))),
  );
  const throttling = timing ? [await transferThrottling(cfg, timing, control)] : [];
  return { sni, interception: interceptionChecks(records.handshakes, control, known), throttling };
}

/** The last transfer judged for throttling; a slow handshake gets its reference handshakes first. */
async function transferThrottling(
  cfg: ProbeConfig,
  timing: TransferTiming,
  control: ControlResponse | null,
): Promise<ThrottlingCheck> {
  const controlTls = control?.x_timings?.[timing.address]?.tls_handshake ?? null;
  const floor = Math.max(controlTls ?? 0, timing.connectSeconds ?? 0);
  const reference = handshakeLooksSlow(timing.handshakeSeconds, floor, cfg.throttlingFactor)
    ? await referenceHandshakes(cfg, timing.address, timing.serverName ?? null)
    : null;
  return throttlingCheck(timing, control, reference, cfg.throttlingFactor);
}
