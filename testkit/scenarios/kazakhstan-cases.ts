/** Kazakhstan's documented techniques (kz-and-testlists.md §2.8) as scenarios, each on a site it was documented for: OONI's verdict next to ours. */
import type { Scenario } from './scenario.js';

/**
 * OONI calls the first four "http-failure" (or nothing at all when the state root is trusted);
 * netfreedom names the technique and confirms it. Every input is a URL of the bundled test lists
 * (kz.csv or global.csv), and each technique is the one the research notes document for that site
 * in Kazakhstan (data/demo/SOURCE.md gives the source per site).
 */
export const KZ_SCENARIOS: Scenario[] = [
  {
    name: 'kzClientHelloStallBySNI',
    family: 'kz',
    input: 'https://meduza.io/',
    config: { rules: [{ action: 'drop', match: { sni: 'meduza.io' } }] },
    expect: { blocking: 'http-failure', accessible: false, xBlocking: 'tls_sni', sniConfirmed: true },
    slow: true,
  },
  {
    name: 'kzResetBySNI',
    family: 'kz',
    input: 'https://addons.mozilla.org/',
    config: { rules: [{ action: 'reset', match: { sni: 'addons.mozilla.org' } }] },
    expect: { blocking: 'http-failure', accessible: false, xBlocking: 'tls_sni', sniConfirmed: true },
  },
  {
    name: 'kzThrottlingBySNI',
    family: 'kz',
    input: 'https://www.currenttime.tv/',
    config: {
      rules: [{ action: 'throttle', match: { sni: 'www.currenttime.tv' }, delayMs: 40, chunkBytes: 256 }],
    },
    expect: { blocking: false, accessible: true, xBlocking: 'throttling', throttled: true },
  },
  {
    name: 'kzInterceptionQaznetUntrusted',
    family: 'kz',
    input: 'https://www.facebook.com/',
    config: { rules: [{ action: 'intercept', match: { sni: 'www.facebook.com' }, issuer: 'qaznet' }] },
    expect: {
      blocking: 'http-failure',
      accessible: false,
      xBlocking: 'tls_interception',
      knownCa: 'Qaznet Trust Network (2019 interception)',
    },
  },
  {
    name: 'kzInterceptionIscaTrustedRoot',
    family: 'kz',
    input: 'https://rutracker.org/',
    config: {
      probeTrusts: ['isca'],
      rules: [{ action: 'intercept', match: { sni: 'rutracker.org' }, issuer: 'isca' }],
    },
    expect: {
      blocking: false,
      accessible: true,
      xBlocking: 'tls_interception',
      knownCa: 'Information Security Certification Authority (KZ)',
    },
  },
  {
    name: 'kzAccessible',
    family: 'kz',
    input: 'https://www.kaztag.kz/',
    config: {},
    expect: { blocking: false, accessible: true, xBlocking: false },
  },
];
