/** web_connectivity v0.5 "classic" verdict recomputed from the raw steps and the control, for v0.4 and v0.5 test keys. */
import type { OoniBlocking, WebConnectivityTestKeys } from '../../model/measurement.js';
import { joinHostPort } from '../../shared/host-port.js';
import { type AsnLookup, type ClassicDnsConsistency, computeDnsConsistency } from './dns-consistency.js';
import { computeHttpDiff, type HttpDiffKeys, isHttpDiff, NO_HTTP_DIFF } from './http-diff.js';
import {
  arr,
  buildClassicObservations,
  hostOf,
  isLteTestKeys,
  usableControl,
  type WebObservation,
} from './observations.js';

/** The OONI keys that classic analysis produces, recomputed by netfreedom (never copied from the input). */
export interface ClassicKeys extends HttpDiffKeys {
  dns_consistency: ClassicDnsConsistency;
  blocking: OoniBlocking;
  accessible: boolean | null;
  dns_experiment_failure: string | null;
  http_experiment_failure: string | null;
}

/** Optional knowledge the test keys lack. */
export interface ClassicOptions {
  /** The measured URL (`measurement.input`), used when the test keys do not name it. */
  input?: string | null;
  /** `measurement.test_version`: Go v0.4.x had one rule of its own (see `decide`). */
  testVersion?: string | null;
  /** ASN of an address, to compare answers by network as OONI does with its GeoIP database. */
  asnOf?: AsnLookup;
}

/**
 * Recomputes `dns_consistency`, the HTTP-diff keys, `blocking` and `accessible` the way web_connectivity
 * v0.5 does in its classic analysis (analysisclassic.go): walking the observations deepest redirect
 * first, HTTP before TLS before TCP before DNS, the first one that says something decides. Malformed
 * or partial test keys give null verdicts, never an exception.
 */
export function computeClassicKeys(tk: WebConnectivityTestKeys, options: ClassicOptions = {}): ClassicKeys {
  const keys: ClassicKeys = {
    dns_consistency: null,
    ...NO_HTTP_DIFF,
    blocking: null,
    accessible: null,
    dns_experiment_failure: null,
    http_experiment_failure: null,
  };
  if (!tk || typeof tk !== 'object') return keys;
  const inputDomain = inputDomainOf(tk, options.input);
  const observations = buildClassicObservations(tk, inputDomain);
  const control = tk.control_failure ? null : usableControl(tk);
  keys.dns_consistency = control
    ? computeDnsConsistency(observations, control, probeAsns(tk), options.asnOf)
    : null;
  keys.dns_experiment_failure = firstDnsFailure(observations, inputDomain);
  const legacy = !isLteTestKeys(tk);
  const final = observations.find((o) => o.http?.isFinal && o.controlHttpFailure === '');
  if (final?.http && control?.http_request)
    Object.assign(keys, computeHttpDiff(final.http, control.http_request, legacy));
  const version = typeof options.testVersion === 'string' ? options.testVersion : '';
  const goV04 = legacy && version.startsWith('0.4.');
  let decision = decide(keys, observations, control !== null, goV04);
  if (
    !legacy &&
    isOrigEngineVersion(version) &&
    decision.blocking === false &&
    decision.accessible === false
  ) {
    if (!origEngineSaysDown(tk)) decision = { blocking: null, accessible: null, failure: decision.failure };
  }
  keys.blocking = decision.blocking;
  keys.accessible = decision.accessible;
  keys.http_experiment_failure = decision.failure;
  return keys;
}

/** The outcome of the walk: blocking, accessible and the failure that decided. */
interface Decision {
  blocking: OoniBlocking;
  accessible: boolean | null;
  failure: string | null;
}

/**
 * The v0.5 walk. `goV04` keeps one rule of Go's v0.4.x for test keys it produced: when the control's
 * own HTTP fetch failed the result is undetermined (summary.go rule 6), where v0.5 (and the older
 * Measurement Kit versions) call the site down.
 */
function decide(
  keys: ClassicKeys,
  observations: readonly WebObservation[],
  haveControl: boolean,
  goV04: boolean,
): Decision {
  const inconsistent = keys.dns_consistency === 'inconsistent';
  // OONI's setBlockingString / setBlockingNil / setWebsiteDown / setBlockingFalse.
  const blocked = (technique: Exclude<OoniBlocking, false | null>, failure: string | null): Decision => ({
    blocking: inconsistent ? 'dns' : technique,
    accessible: false,
    failure,
  });
  const undetermined = (failure: string | null): Decision => ({
    blocking: inconsistent ? 'dns' : null,
    accessible: inconsistent ? false : null,
    failure,
  });
  const down = (failure: string | null): Decision => ({
    blocking: inconsistent ? 'dns' : false,
    accessible: false,
    failure,
  });
  const accessible = (): Decision => ({ blocking: false, accessible: true, failure: null });
  for (const o of observations) {
    if (o.http?.isFinal) {
      if (o.overTls) return accessible();
      if (o.controlHttpFailure === undefined || (goV04 && o.controlHttpFailure !== ''))
        return undetermined(null);
      return isHttpDiff(keys) ? blocked('http-diff', null) : accessible();
    }
    if (o.failure === '') {
      if (o.type === 'dns' && o.controlDnsFailure === '' && o.controlDnsAddrs && o.ip !== null) {
        const probeLoop = onlyLoopback(o.resolvedAddrs);
        if (probeLoop && !onlyLoopback(o.controlDnsAddrs)) return blocked('dns', null);
        if (probeLoop) return down(null);
      }
      continue;
    }
    const thHttp = o.controlHttpFailure;
    if (o.type === 'http') {
      if (thHttp === undefined || (goV04 && thHttp !== '')) return undetermined(o.failure);
      return thHttp !== '' ? down(o.failure) : blocked('http-failure', o.failure);
    }
    if (o.type === 'tls' || o.type === 'tcp') {
      const th = o.type === 'tls' ? o.controlTlsFailure : o.controlTcpFailure;
      if (th === undefined)
        return thHttp === undefined ? undetermined(o.failure) : blocked('http-failure', o.failure);
      if (th !== '') return down(o.failure);
      return blocked(o.type === 'tls' ? 'http-failure' : 'tcp_ip', o.failure);
    }
    // A failed DNS lookup.
    if (o.controlDnsFailure === undefined) {
      // v0.5 says accessible here; without any control we cannot say anything (v0.4 did the same).
      if (thHttp === undefined) return haveControl ? accessible() : undetermined(o.failure);
      return blocked('dns', o.failure);
    }
    if (o.controlDnsFailure !== '') return down(o.failure);
    if ((o.controlDnsAddrs ?? []).length === 0) return down(null);
    return blocked('dns', o.failure);
  }
  return { blocking: null, accessible: null, failure: null };
}

/** v0.5 releases before 0.5.28 judged with the "orig" engine (analysiscore.go), not the classic one. */
function isOrigEngineVersion(version: string): boolean {
  const m = /^0\.5\.(\d+)$/.exec(version);
  return m !== null && Number(m[1]) < 28;
}

/**
 * The orig engine called a site down only when every connect failed on both sides, or every TLS
 * handshake failed on both sides with the same failure, or nobody got an address; otherwise
 * "both failed somewhere" stayed undetermined (its null/null remediation, analysiscore.go).
 */
function origEngineSaysDown(tk: WebConnectivityTestKeys): boolean {
  const control = usableControl(tk);
  if (!control) return false;
  const tcp = arr(tk.tcp_connect);
  const thTcp = control.tcp_connect ?? {};
  const allConnectsFailed =
    tcp.length > 0 &&
    Object.keys(thTcp).length > 0 &&
    tcp.every((c) => c?.status?.failure && thTcp[joinHostPort(c.ip, c.port)]?.failure);
  const tls = arr(tk.tls_handshakes);
  const thTls = control.tls_handshake ?? {};
  const tlsMisconfigured =
    tls.length > 0 &&
    Object.keys(thTls).length > 0 &&
    tls.every((h) => h?.failure && h.address !== undefined && thTls[h.address]?.failure === h.failure);
  const probeAddrs = arr(tk.queries).some((q) => q && !q.failure && arr(q.answers).length > 0);
  const noAddrs = !probeAddrs && arr(control.dns?.addrs).length === 0;
  return allConnectsFailed || tlsMisconfigured || noAddrs;
}

function onlyLoopback(addrs: readonly string[]): boolean {
  let count = 0;
  for (const ip of addrs) {
    const loop = ip.startsWith('127.') || ip === '::1' || ip.startsWith('::ffff:127.');
    if (!loop) return false;
    count++;
  }
  return count > 0;
}

function firstDnsFailure(observations: readonly WebObservation[], inputDomain: string | null): string | null {
  for (const o of observations) {
    if (o.type !== 'dns' || o.failure === '' || o.depth !== 0) continue;
    if (inputDomain && o.domain !== inputDomain) continue;
    if (o.queryType === 'AAAA' && o.failure === 'dns_no_answer') continue;
    return o.failure;
  }
  return null;
}

/** The domain of the measured URL: the control request's, else the options', else the first request of the chain. */
function inputDomainOf(tk: WebConnectivityTestKeys, input: string | null | undefined): string | null {
  const fromControl = hostOf(tk.x_control_request?.http_request);
  if (fromControl) return fromControl;
  const fromInput = hostOf(input);
  if (fromInput) return fromInput;
  const requests = arr(tk.requests);
  const first = requests[requests.length - 1];
  return (
    hostOf(first?.request?.url) ??
    arr(tk.queries).find((q) => q && typeof q.hostname === 'string')?.hostname ??
    null
  );
}

function probeAsns(tk: WebConnectivityTestKeys): Map<string, number> {
  const out = new Map<string, number>();
  for (const q of arr(tk.queries)) {
    for (const a of arr(q?.answers)) {
      const ip = a?.ipv4 ?? a?.ipv6;
      if (typeof ip === 'string' && typeof a.asn === 'number') out.set(ip, a.asn);
    }
  }
  return out;
}
