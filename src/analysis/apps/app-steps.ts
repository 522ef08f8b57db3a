/**
 * The steps an app test recorded, wherever its test keys keep them (at the top for the urlgetter-based tests, per
 * target for tor, per lookup for dnscheck), and those that failed, each with the layer it failed at.
 */
import type { TechniqueBlocking } from '../../model/verdict.js';

type Tk = Record<string, unknown>;

/** A step that failed: its layer, what it was, and its failure. */
export interface FailedStep {
  layer: Exclude<TechniqueBlocking, false | null>;
  where: string;
  failure: string;
}

/** A TLS handshake record as the tests write it. */
export interface HandshakeRecord {
  address?: string;
  server_name?: unknown;
  failure?: unknown;
  peer_certificates?: unknown;
}

/** Certificate failures: the handshake completed but the chain presented was not one the probe could trust. */
const CERT_FAILURES = new Set(['ssl_unknown_authority', 'ssl_invalid_certificate', 'ssl_invalid_hostname']);

/** Every handshake of the measurement, and every step that failed. */
export function appSteps(testName: string, tk: Tk): { handshakes: HandshakeRecord[]; failed: FailedStep[] } {
  const groups = recordGroups(testName, tk);
  const handshakes = groups.flatMap((g) => list(g.tls_handshakes).map(obj) as HandshakeRecord[]);
  const failed: FailedStep[] = [...testFailures(testName, tk)];
  for (const g of groups) {
    for (const q of list(g.queries).map(obj)) {
      const failure = text(q.failure);
      // A missing AAAA record says nothing about blocking.
      if (!failure || (q.query_type === 'AAAA' && failure === 'dns_no_answer')) continue;
      const via =
        typeof q.resolver_address === 'string' && q.resolver_address ? ` via ${q.resolver_address}` : '';
      failed.push({ layer: 'dns', where: `DNS lookup of ${text(q.hostname) ?? '?'}${via}`, failure });
    }
    for (const c of list(g.tcp_connect).map(obj)) {
      const failure = text(obj(c.status).failure);
      if (failure) failed.push({ layer: 'tcp_ip', where: `TCP connect to ${c.ip}:${c.port}`, failure });
    }
    for (const h of list(g.tls_handshakes).map(obj) as HandshakeRecord[]) {
      const failure = text(h.failure);
      if (!failure) continue;
      const presented = list(h.peer_certificates).length > 0;
      const layer = CERT_FAILURES.has(failure) && presented ? 'tls_interception' : 'tls';
      failed.push({
        layer,
        where: `TLS handshake with ${h.address ?? '?'} for ${text(h.server_name) ?? '?'}`,
        failure,
      });
    }
    for (const r of list(g.requests).map(obj)) {
      const failure = text(r.failure);
      if (failure)
        failed.push({
          layer: 'http-failure',
          where: `request for ${text(obj(r.request).url) ?? '?'}`,
          failure,
        });
    }
  }
  return { handshakes, failed };
}

/** The objects holding steps: the test keys themselves, tor's targets, dnscheck's bootstrap and lookups. */
function recordGroups(testName: string, tk: Tk): Tk[] {
  if (testName === 'tor') return Object.values(obj(tk.targets)).map(obj);
  if (testName === 'dnscheck') return [obj(tk.bootstrap), ...Object.values(obj(tk.lookups)).map(obj)];
  return [tk];
}

/** Failures only a test's own keys tell: answers outside the operator's network, a dropped datagram. */
function testFailures(testName: string, tk: Tk): FailedStep[] {
  const out: FailedStep[] = [];
  if (testName === 'facebook_messenger') {
    for (const [key, value] of Object.entries(tk))
      if (key.endsWith('_dns_consistent') && value === false)
        out.push({ layer: 'dns', where: key, failure: 'answer outside Facebook’s network' });
  }
  if (testName === 'dnscheck') {
    const boot = text(tk.bootstrap_failure);
    if (boot) out.push({ layer: 'dns', where: 'bootstrap lookup of the resolver', failure: boot });
    for (const [url, lookup] of Object.entries(obj(tk.lookups)))
      if (obj(lookup).x_consistent_with_control === false)
        out.push({ layer: 'dns', where: `lookup through ${url}`, failure: "answer unlike the control's" });
  }
  if (testName === 'stunreachability') {
    const failure = text(tk.failure);
    const resolved = list(tk.queries).every((q) => !text(obj(q).failure));
    if (failure && resolved)
      out.push({ layer: 'tcp_ip', where: `STUN binding with ${text(tk.endpoint) ?? '?'}`, failure });
  }
  return out;
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function obj(v: unknown): Tk {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Tk) : {};
}
