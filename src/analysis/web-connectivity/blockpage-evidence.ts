/** The technique and the evidence in words when one of OONI's fingerprints confirms blocking (a blockpage, a redirect to one, a blocking DNS answer). */
import type { FingerprintMatch } from '../../model/analysis.js';
import type { WebConnectivityTestKeys } from '../../model/measurement.js';
import type { TechniqueBlocking } from '../../model/verdict.js';
import { clean } from '../evidence-text.js';
import type { ClassicKeys } from './classic.js';
import { arr } from './observations.js';

/**
 * The technique a confirming fingerprint names: a DNS answer fingerprint is `dns`; a body or header one
 * (a blockpage, or a redirect to a blockpage host through `Location`) is `http-diff`, the name OONI's
 * web_connectivity spec gives a blockpage ("http-diff"/false, ts-017).
 */
export function fingerprintTechnique(
  matches: readonly FingerprintMatch[],
): Exclude<TechniqueBlocking, false | null> {
  return matches.some((m) => m.location !== 'dns') ? 'http-diff' : 'dns';
}

/** One sentence per confirming match saying what matched and where, with the quoted value when it is a header. */
export function fingerprintEvidence(
  tk: WebConnectivityTestKeys,
  matches: readonly FingerprintMatch[],
): string[] {
  return matches.map((m) => {
    const name = clean(m.name);
    if (m.location === 'dns') {
      return `A DNS answer matched the blocking fingerprint ${name}, an answer known to come from a censor, which confirms blocking here.`;
    }
    if (m.location.startsWith('header.')) {
      const header = m.location.slice('header.'.length);
      const found = headerValue(tk, header);
      if (header === 'location' && found) {
        return `The request for ${clean(found.url)} was redirected to ${clean(found.value)}, which matches the blocking fingerprint ${name} (Location header): a known blockpage, which confirms blocking here.`;
      }
      return `The response${found ? ` for ${clean(found.url)}` : ''} carried a ${clean(header)} header${found ? ` (${clean(found.value)})` : ''} matching the blocking fingerprint ${name}, which confirms blocking here.`;
    }
    return `The page body matched the blocking fingerprint ${name}: a known blockpage, which confirms blocking here.`;
  });
}

/**
 * Why OONI's own classic keys say otherwise, when they do: the probe compares the final page with the control's
 * and may find a blockpage alike (same status code, an uncommon header in common), or reach no verdict.
 */
export function classicDisagreement(classic: ClassicKeys): string | null {
  if (classic.blocking === false && classic.accessible === true) {
    return "OONI's classic comparison with the control judged the final page accessible (blocking false); the fingerprint identifies it as a blockpage.";
  }
  if (classic.blocking === null)
    return "OONI's classic comparison reached no verdict; the fingerprint decides.";
  return null;
}

/** The first response (redirect chain order) carrying the header, with the URL it answered. */
function headerValue(tk: WebConnectivityTestKeys, header: string): { url: string; value: string } | null {
  // OONI lists requests newest first: the chain's first request is last.
  for (const r of [...arr(tk.requests)].reverse()) {
    const headers = r?.response?.headers;
    if (!headers || typeof headers !== 'object') continue;
    for (const [k, v] of Object.entries(headers)) {
      if (k.toLowerCase() === header && typeof v === 'string')
        return { url: String(r.request?.url ?? '?'), value: v };
    }
  }
  return null;
}
