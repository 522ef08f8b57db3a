/**
 * OONI fastpath's scoring for the tests other than web_connectivity (ooni/backend fastpath/core.py),
 * reduced to the three flags: anomaly = blocking_general > 0.5, failure = accuracy < 0.5.
 */
import type { Measurement } from '../model/measurement.js';
import { jsonDepthExceeds } from '../shared/json-depth.js';
import { dnscheckOutcomeFlags, hasControlComparison } from './apps/dnscheck-outcome.js';
import { type FastpathScore, scoreSignal } from './apps/fastpath-signal.js';
import type { OutcomeFlags } from './outcome.js';

type Tk = Record<string, unknown>;
type Score = FastpathScore;

const OK: Score = { blocking: 0, accuracy: 1 };
const FAILED: Score = { blocking: 0, accuracy: 0 };

/**
 * The flags for a non-web_connectivity measurement; unknown test names fail, as in fastpath. netfreedom's own
 * dnscheck measurements, which carry the control's answer, are judged by `dnscheck-outcome.ts` instead.
 */
export function otherTestOutcomeFlags(m: Measurement): OutcomeFlags {
  const tk = (m.test_keys && typeof m.test_keys === 'object' ? m.test_keys : {}) as Tk;
  if (m.test_name === 'dnscheck' && hasControlComparison(tk)) return dnscheckOutcomeFlags(tk);
  // Own keys only: a test named "toString" is not scored by Object.prototype.toString.
  const scorer = Object.hasOwn(SCORERS, m.test_name) ? SCORERS[m.test_name]! : () => FAILED;
  const score = scorer(tk, m);
  return { anomaly: score.blocking > 0.5, confirmed: false, failure: score.accuracy < 0.5 };
}

/** Test names fastpath scores (others are counted as failures). */
export function isScoredTest(testName: string): boolean {
  return Object.hasOwn(SCORERS, testName);
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Tk => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Tk) : {});
const unknownFailure = (tk: Tk) =>
  Object.entries(tk).some(
    ([k, v]) => k.endsWith('_failure') && typeof v === 'string' && v.startsWith('unknown_failure'),
  );

function tcpEndpoints(tk: Tk): { ok: number; ko: number } {
  let ok = 0;
  let ko = 0;
  for (const e of list(tk.tcp_connect)) {
    const success = obj(obj(e).status).success;
    if (success === true) ok++;
    else if (success === false) ko++;
  }
  return { ok, ko };
}

const FB_CONSISTENCY = [
  'facebook_b_api_dns_consistent',
  'facebook_b_api_reachable',
  'facebook_b_graph_dns_consistent',
  'facebook_b_graph_reachable',
  'facebook_edge_dns_consistent',
  'facebook_edge_reachable',
  'facebook_external_cdn_dns_consistent',
  'facebook_external_cdn_reachable',
  'facebook_scontent_cdn_dns_consistent',
  'facebook_scontent_cdn_reachable',
  'facebook_star_dns_consistent',
  'facebook_star_reachable',
  'facebook_stun_dns_consistent',
];
const FB_TRUES = [
  'facebook_b_api_dns_consistent',
  'facebook_b_api_reachable',
  'facebook_b_graph_dns_consistent',
  'facebook_b_graph_reachable',
  'facebook_dns_blocking',
  'facebook_edge_dns_consistent',
  'facebook_edge_reachable',
  'facebook_star_dns_consistent',
  'facebook_star_reachable',
  'facebook_stun_dns_consistent',
];

const SCORERS: Record<string, (tk: Tk, m: Measurement) => Score> = {
  telegram(tk) {
    const { ok, ko } = tcpEndpoints(tk);
    let httpOk = 0;
    let httpKo = 0;
    for (const r of list(tk.requests)) {
      const url = obj(obj(r).request).url;
      if (typeof url !== 'string') return FAILED;
      if (url === 'https://web.telegram.org/' || url === 'http://web.telegram.org/') continue;
      if (obj(r).failure === null || obj(r).failure === undefined) httpOk++;
      else httpKo++;
    }
    let s = ok + ko > 0 ? ko / (ok + ko) : 0.5;
    s += httpOk + httpKo > 0 ? httpKo / (httpOk + httpKo) : 0.5;
    if (tk.telegram_web_status === 'blocked') s += 1;
    return { blocking: s, accuracy: 1 };
  },
  facebook_messenger(tk) {
    if (FB_TRUES.every((k) => tk[k] === true) && tk.facebook_tcp_blocking === false) return OK;
    let s = 0;
    for (const k of FB_CONSISTENCY) if (tk[k] === false) s += 0.5;
    for (const k of ['facebook_tcp_blocking', 'facebook_dns_blocking']) if (tk[k] === true) s += 0.5;
    return { blocking: s, accuracy: 1 };
  },
  http_header_field_manipulation(tk) {
    const first = list(tk.requests)[0];
    if (first === undefined) return FAILED;
    const resp = obj(first).response;
    if (resp === null || resp === undefined) return FAILED;
    const body = obj(resp).body;
    if (body === null || body === undefined) return { blocking: 1, accuracy: 1 };
    let ctrl: Tk;
    try {
      const echoed = JSON.parse(String(body));
      // The body is whatever came back over the network: nested deep, String() below would recurse out of stack.
      // No helper answers like that, so it counts as tampered with, as a body that is not JSON does.
      if (jsonDepthExceeds(echoed)) return { blocking: 1, accuracy: 1 };
      ctrl = obj(echoed.headers_dict);
    } catch {
      return { blocking: 1, accuracy: 1 };
    }
    const norm = (pairs: [string, unknown][]) =>
      new Set(pairs.map(([k, v]) => `${k}\u0000${String(v)}`).filter((p) => p !== 'Connection\u0000close'));
    const got = norm(Object.entries(ctrl).map(([k, v]) => [k, list(v)[0]]));
    const sent = norm(Object.entries(obj(obj(obj(first).request).headers)));
    const same = got.size === sent.size && [...got].every((x) => sent.has(x));
    return same ? OK : { blocking: 1.1, accuracy: 1 };
  },
  http_invalid_request_line(tk) {
    const sent = list(tk.sent);
    const received = list(tk.received);
    if (sent.length === 0 && received.length === 0) return FAILED;
    const n = Math.min(sent.length, received.length);
    for (let i = 0; i < n; i++)
      if (JSON.stringify(sent[i]) !== JSON.stringify(received[i])) return { blocking: 1, accuracy: 1 };
    return OK;
  },
  whatsapp(tk) {
    const wf = tk.whatsapp_web_failure;
    if (typeof wf === 'string' && wf.includes("unknown_failure 'ascii' co")) return FAILED;
    const requests = list(tk.requests);
    if (requests.length === 0) return FAILED;
    const accuracy = unknownFailure(tk) ? 0 : 1;
    let web: boolean | null = null;
    let registration: boolean | null = null;
    for (const r of requests) {
      const url = obj(obj(r).request).url;
      const failure = obj(r).failure;
      if (url === 'https://web.whatsapp.com/') web = failure === null || failure === '' || failure === false;
      else if (url === 'https://v.whatsapp.net/v2/register')
        registration = failure === null || failure === undefined;
    }
    if (web === null || registration === null) return FAILED;
    if (!web || !registration) return { blocking: 1, accuracy };
    const { ok, ko } = tcpEndpoints(tk);
    if (ok === 0 && ko === 0) return { blocking: 0, accuracy: 0 };
    return { blocking: ok > 0 ? 0 : 1, accuracy };
  },
  vanilla_tor(tk) {
    const logs = tk.tor_logs ?? tk.tor_log;
    if (logs === null || logs === undefined) return FAILED;
    const text = typeof logs === 'string' ? logs : JSON.stringify(logs);
    if (text.includes('Bootstrapped 100%: Done') || text.includes('Bootstrapped 100% (done): Done'))
      return OK;
    const progress = Math.min(100, Math.max(0, Number(tk.tor_progress ?? 0) || 0));
    return progress === 100 ? OK : { blocking: 1 - progress * 0.004, accuracy: 1 };
  },
  ndt: () => OK,
  dns_consistency: () => OK,
  riseupvpn: () => OK,
  tcp_connect(tk) {
    return tk.connection === 'success' ? OK : { blocking: 0.8, accuracy: 1 };
  },
  dash(tk) {
    if (Object.keys(tk).length === 0) return FAILED;
    return tk.failure === null || tk.failure === undefined ? OK : { blocking: 0.1, accuracy: 0 };
  },
  meek_fronted_requests_test(tk) {
    const requests = list(tk.requests);
    if (requests.length === 0) return { blocking: 1, accuracy: 0 };
    let s = 0;
    for (const r of requests) {
      const resp = obj(r).response;
      if (resp === null || resp === undefined) return { blocking: 1, accuracy: 1 };
      if ((obj(resp).code ?? 0) !== 200) return { blocking: 1, accuracy: 1 };
      const server = obj(obj(resp).headers).Server;
      if (!(typeof server === 'string' && server.startsWith('ECAcc '))) s += 0.5;
    }
    return { blocking: s, accuracy: 1 };
  },
  psiphon(tk, m) {
    const noResolver = !('resolver_ip' in (m as object));
    if (tk.failure === null || tk.failure === undefined) {
      const accuracy = !tk.bootstrap_time || noResolver ? 0 : 1;
      return { blocking: 0, accuracy };
    }
    return { blocking: 1, accuracy: noResolver ? 0 : 1 };
  },
  tor(tk) {
    const targets = tk.targets;
    if (
      !targets ||
      typeof targets !== 'object' ||
      Array.isArray(targets) ||
      Object.keys(targets).length === 0
    )
      return FAILED;
    let blocked = 0;
    let success = 0;
    for (const d of Object.values(targets as Tk)) {
      const t = obj(d);
      if (!('failure' in t) || !('network_events' in t)) return FAILED;
      if (t.failure === false) continue;
      if (t.failure === null) success++;
      else blocked++;
    }
    return blocked + success > 0 ? { blocking: blocked / (blocked + success), accuracy: 1 } : FAILED;
  },
  http_requests(tk, m) {
    const failed = (m as unknown as Tk).control_failure || (m as unknown as Tk).experiment_failure;
    if (
      failed ||
      tk.body_length_match === null ||
      tk.body_length_match === undefined ||
      tk.headers_match === null ||
      tk.headers_match === undefined
    ) {
      return FAILED;
    }
    return { blocking: tk.body_length_match && tk.headers_match ? 0 : 1, accuracy: 1 };
  },
  signal: scoreSignal,
  stunreachability(tk) {
    return tk.failure ? { blocking: 1, accuracy: 1 } : OK;
  },
  torsf(tk, m) {
    if (m.software_version === '3.8.3' && String(m.software_name).startsWith('ooniprobe-android'))
      return FAILED;
    return tk.failure ? { blocking: 1, accuracy: 1 } : OK;
  },
  openvpn(tk) {
    if (tk.success === false) return { blocking: 1, accuracy: 1 };
    return tk.success === undefined || tk.success === null ? FAILED : OK;
  },
  browser_web(tk) {
    if (tk.result === 'ok') return OK;
    return tk.result === 'error' ? { blocking: 1, accuracy: 1 } : FAILED;
  },
};
