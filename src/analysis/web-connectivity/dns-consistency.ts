/** `dns_consistency` as web_connectivity v0.5 "classic" computes it (ooni.md §1.5), from system-resolver lookups. */
import type { ControlResponse } from '../../model/measurement.js';
import { isBogon } from '../../shared/bogon.js';
import type { WebObservation } from './observations.js';

/** Consistency of the probe's DNS answers with the control's. */
export type ClassicDnsConsistency = 'consistent' | 'inconsistent' | null;

/** Extra knowledge for the DNS comparison: the ASN of an address (e.g. from a GeoIP database). */
export type AsnLookup = (ip: string) => number | undefined;

/**
 * Judges the depth-0 system lookups of the input domain against the control: a lookup is valid when
 * one of its addresses is among the control's, or shares a non-zero ASN with them; both failing is
 * an expected failure; the probe failing alone is unexpected. Consistent = no unexpected failure, no
 * invalid lookup and something valid or expected; inconsistent = an invalid lookup, an unexpected
 * failure, or the probe resolving what the control could not; otherwise null (nothing to compare).
 */
export function computeDnsConsistency(
  observations: readonly WebObservation[],
  control: ControlResponse | null,
  probeAsns: ReadonlyMap<string, number>,
  asnOf?: AsnLookup,
): ClassicDnsConsistency {
  let valid = 0;
  let invalid = 0;
  let expected = 0;
  let unexpected = 0;
  let probeResolved = false;
  const thAsns = controlAsns(control, probeAsns, asnOf);
  const seenSuccess = new Set<string>();
  for (const obs of observations) {
    if (obs.type !== 'dns' || obs.depth !== 0 || obs.controlDnsFailure === undefined) continue;
    if (obs.failure !== '') {
      // A missing AAAA record is not a DNS failure of the site.
      if (obs.queryType === 'AAAA' && obs.failure === 'dns_no_answer') continue;
      if (obs.controlDnsFailure !== '') expected++;
      else if ((obs.controlDnsAddrs ?? []).length === 0 && obs.failure === 'dns_no_answer') expected++;
      else unexpected++;
      continue;
    }
    probeResolved = true;
    // One verdict per lookup: every address of the lookup is in obs.resolvedAddrs.
    const key = obs.resolvedAddrs.join(',');
    if (seenSuccess.has(key) || obs.controlDnsFailure !== '') continue;
    seenSuccess.add(key);
    const thAddrs = new Set(obs.controlDnsAddrs ?? []);
    const ok = obs.resolvedAddrs.some((ip) => {
      if (thAddrs.has(ip)) return true;
      const asn = probeAsns.get(ip) ?? asnOf?.(ip);
      return asn !== undefined && asn !== 0 && thAsns.has(asn);
    });
    if (ok) valid++;
    else invalid++;
  }
  // The control failing or returning nothing counts as "resolved nothing" (v0.5 ControlExpectations).
  const controlResolvedNothing =
    !!control?.dns && (Array.isArray(control.dns.addrs) ? control.dns.addrs.length : 0) === 0;
  if (unexpected === 0 && invalid === 0 && (valid > 0 || expected > 0)) return 'consistent';
  if (invalid > 0 || unexpected > 0 || (probeResolved && controlResolvedNothing)) return 'inconsistent';
  return null;
}

/** ASNs of the control's addresses: from `ip_info` (v0.5 helpers), else from the probe's own annotations or `asnOf`. */
function controlAsns(
  control: ControlResponse | null,
  probeAsns: ReadonlyMap<string, number>,
  asnOf?: AsnLookup,
): Set<number> {
  const out = new Set<number>();
  const addrs = Array.isArray(control?.dns?.addrs) ? control.dns.addrs : [];
  for (const ip of addrs) {
    if (typeof ip !== 'string' || isBogon(ip)) continue;
    const asn = control?.ip_info?.[ip]?.asn ?? probeAsns.get(ip) ?? asnOf?.(ip);
    if (typeof asn === 'number' && asn !== 0) out.add(asn);
  }
  return out;
}
