/** The technique and its evidence when one of OONI's fingerprints confirms blocking (a blockpage, a redirect to one, a blocking DNS answer). */
import type { EvidenceItem, FingerprintMatch } from '../../model/analysis.js';
import type { WebConnectivityTestKeys } from '../../model/measurement.js';
import type { TechniqueBlocking } from '../../model/verdict.js';
import { evidence } from '../evidence-messages.js';
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

/** One reason per confirming match saying what matched and where, with the quoted value when it is a header. */
export function fingerprintEvidence(
  tk: WebConnectivityTestKeys,
  matches: readonly FingerprintMatch[],
): EvidenceItem[] {
  return matches.map((m) => {
    const fingerprint = clean(m.name);
    if (m.location === 'dns') return evidence('fingerprint_dns', { fingerprint });
    if (m.location.startsWith('header.')) {
      const header = m.location.slice('header.'.length);
      const found = headerValue(tk, header);
      if (!found) return evidence('fingerprint_header', { header: clean(header), fingerprint });
      const url = clean(found.url);
      if (header === 'location') {
        // The header's name is a value too, so that no language has to spell it in its words.
        const location = clean(found.value);
        return evidence('fingerprint_redirect', { url, location, fingerprint, header: 'Location' });
      }
      return evidence('fingerprint_header_value', {
        url,
        header: clean(header),
        value: clean(found.value),
        fingerprint,
      });
    }
    return evidence('fingerprint_body', { fingerprint });
  });
}

/**
 * Why OONI's own classic keys say otherwise, when they do: the probe compares the final page with the control's
 * and may find a blockpage alike (same status code, an uncommon header in common), or reach no verdict.
 */
export function classicDisagreement(classic: ClassicKeys): EvidenceItem | null {
  if (classic.blocking === false && classic.accessible === true) return evidence('classic_judged_accessible');
  if (classic.blocking === null) return evidence('classic_no_verdict');
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
