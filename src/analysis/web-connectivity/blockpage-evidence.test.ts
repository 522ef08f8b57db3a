import { describe, expect, it } from 'vitest';
import type { FingerprintMatch } from '../../model/analysis.js';
import type { WebConnectivityTestKeys } from '../../model/measurement.js';
import { evidenceSentence } from '../evidence-messages.js';
import { classicDisagreement, fingerprintEvidence } from './blockpage-evidence.js';
import type { ClassicKeys } from './classic.js';

const match = (location: string): FingerprintMatch => ({
  name: 'ooni.x_blockpage',
  location,
  confirming: true,
  falsePositive: false,
});

// OONI lists requests newest first: the redirect's target, then the request that was redirected.
const redirected = {
  requests: [
    { request: { url: 'http://blockpage.test/' }, response: { headers: { Server: 'censor/1.0' } } },
    { request: { url: 'http://site.test/' }, response: { headers: { Location: 'http://blockpage.test/' } } },
  ],
} as unknown as WebConnectivityTestKeys;

describe('the evidence of a confirming fingerprint, as data and in English', () => {
  it('says what matched where, one reason per match, with a message key the dashboard translates', () => {
    const items = fingerprintEvidence(redirected, [
      match('header.location'),
      match('header.server'),
      match('header.x-absent'),
      match('body'),
      match('dns'),
    ]);
    expect(items.map((i) => i.key)).toEqual([
      'fingerprint_redirect',
      'fingerprint_header_value',
      'fingerprint_header',
      'fingerprint_body',
      'fingerprint_dns',
    ]);
    expect(items.map(evidenceSentence)).toEqual([
      'The request for http://site.test/ was redirected to http://blockpage.test/, which matches the blocking fingerprint ooni.x_blockpage (Location header): a known blockpage, which confirms blocking here.',
      'The response for http://blockpage.test/ carried a server header (censor/1.0) matching the blocking fingerprint ooni.x_blockpage, which confirms blocking here.',
      'The response carried a x-absent header matching the blocking fingerprint ooni.x_blockpage, which confirms blocking here.',
      'The page body matched the blocking fingerprint ooni.x_blockpage: a known blockpage, which confirms blocking here.',
      'A DNS answer matched the blocking fingerprint ooni.x_blockpage, an answer known to come from a censor, which confirms blocking here.',
    ]);
  });

  it("says why OONI's classic keys disagree, when they do", () => {
    const classic = (blocking: ClassicKeys['blocking'], accessible: boolean | null) =>
      ({ blocking, accessible }) as ClassicKeys;
    expect(evidenceSentence(classicDisagreement(classic(false, true))!)).toBe(
      "OONI's classic comparison with the control judged the final page accessible (blocking false); the fingerprint identifies it as a blockpage.",
    );
    expect(evidenceSentence(classicDisagreement(classic(null, null))!)).toBe(
      "OONI's classic comparison reached no verdict; the fingerprint decides.",
    );
    expect(classicDisagreement(classic('dns', false))).toBeNull();
  });
});
