/** OONI's QA redirect-chain and quirky-site families (aesthetics.md §1.6), ported to the userspace network. */
import type { Scenario } from './scenario.js';

const EXAMPLE_IP = '93.184.216.34';
const bitlyTo = (to: string) => ({
  'bit.ly': { probe: { kind: 'redirect', to } as const, control: { kind: 'redirect', to } as const },
});

export const REDIRECT_AND_QUIRK_CASES: Scenario[] = [
  // Redirect chains (bit.ly → www.example.com)
  {
    name: 'redirectWithConsistentDNSAndThenConnectionRefusedForHTTP',
    family: 'redirect',
    input: 'https://bit.ly/32523',
    config: {
      pages: bitlyTo('http://www.example.com/'),
      rules: [{ action: 'refuse', match: { ip: EXAMPLE_IP, port: 80 } }],
    },
    expect: { blocking: 'http-failure', accessible: false, xBlocking: 'http-failure' },
  },
  {
    name: 'redirectWithConsistentDNSAndThenConnectionRefusedForHTTPS',
    family: 'redirect',
    input: 'https://bit.ly/21645',
    config: { rules: [{ action: 'refuse', match: { ip: EXAMPLE_IP, port: 443 } }] },
    expect: { blocking: 'http-failure', accessible: false, xBlocking: 'http-failure' },
  },
  {
    name: 'redirectWithConsistentDNSAndThenConnectionResetForHTTP',
    family: 'redirect',
    input: 'https://bit.ly/32523',
    config: {
      pages: bitlyTo('http://www.example.com/'),
      rules: [{ action: 'reset', match: { string: 'Host: www.example.com', port: 80 } }],
    },
    expect: { blocking: 'http-failure', accessible: false, xBlocking: 'http-failure' },
  },
  {
    name: 'redirectWithConsistentDNSAndThenConnectionResetForHTTPS',
    family: 'redirect',
    input: 'https://bit.ly/21645',
    config: { rules: [{ action: 'reset', match: { sni: 'www.example.com' } }] },
    expect: { blocking: 'http-failure', accessible: false, xBlocking: 'http-failure' },
  },
  {
    name: 'redirectWithConsistentDNSAndThenEOFForHTTP',
    family: 'redirect',
    input: 'https://bit.ly/32523',
    config: {
      pages: bitlyTo('http://www.example.com/'),
      rules: [{ action: 'close', match: { string: 'Host: www.example.com', port: 80 } }],
    },
    expect: { blocking: 'http-failure', accessible: false, xBlocking: 'http-failure' },
  },
  {
    name: 'redirectWithConsistentDNSAndThenEOFForHTTPS',
    family: 'redirect',
    input: 'https://bit.ly/21645',
    config: { rules: [{ action: 'close', match: { sni: 'www.example.com' } }] },
    expect: { blocking: 'http-failure', accessible: false, xBlocking: 'http-failure' },
  },
  {
    name: 'redirectWithConsistentDNSAndThenTimeoutForHTTP',
    family: 'redirect',
    input: 'https://bit.ly/32523',
    config: {
      pages: bitlyTo('http://www.example.com/'),
      rules: [{ action: 'drop', match: { string: 'Host: www.example.com', port: 80 } }],
    },
    expect: { blocking: 'http-failure', accessible: false, xBlocking: 'http-failure' },
    slow: true,
  },
  {
    name: 'redirectWithConsistentDNSAndThenTimeoutForHTTPS',
    family: 'redirect',
    input: 'https://bit.ly/21645',
    config: { rules: [{ action: 'drop', match: { sni: 'www.example.com' } }] },
    expect: { blocking: 'http-failure', accessible: false, xBlocking: 'http-failure' },
    slow: true,
  },
  {
    name: 'redirectWithConsistentDNSAndThenNXDOMAIN',
    family: 'redirect',
    input: 'https://bit.ly/21645',
    config: { ispDns: { 'www.example.com': { rcode: 'NXDOMAIN' } } },
    expect: { blocking: 'dns', accessible: false, xBlocking: 'dns' },
  },
  {
    name: 'redirectWithBrokenLocationForHTTP',
    family: 'redirect',
    input: 'http://httpbin.com/broken-redirect-http',
    config: {},
    expect: { blocking: 'http-failure', accessible: false, xBlocking: 'http-failure' },
  },
  {
    name: 'redirectWithBrokenLocationForHTTPS',
    family: 'redirect',
    input: 'https://httpbin.com/broken-redirect-https',
    config: {},
    expect: { blocking: 'http-failure', accessible: false, xBlocking: 'http-failure' },
  },
  {
    name: 'redirectWithMoreThanTenRedirectsAndHTTP',
    family: 'redirect',
    input: 'http://httpbin.com/redirect/15',
    config: {},
    expect: { blocking: false, accessible: false, xBlocking: false },
  },
  {
    name: 'redirectWithMoreThanTenRedirectsAndHTTPS',
    family: 'redirect',
    input: 'https://httpbin.com/redirect/15',
    config: {},
    expect: { blocking: false, accessible: false, xBlocking: false },
  },
  // Sites with quirks
  {
    name: 'cloudflareCAPTCHAWithHTTP',
    family: 'quirks',
    input: 'http://www.cloudflare-cache.com/',
    config: { pages: { 'www.cloudflare-cache.com': { probe: { kind: 'captcha' } } } },
    expect: { blocking: 'http-diff', accessible: false, xBlocking: 'http-diff' },
  },
  {
    name: 'cloudflareCAPTCHAWithHTTPS',
    family: 'quirks',
    input: 'https://www.cloudflare-cache.com/',
    config: { pages: { 'www.cloudflare-cache.com': { probe: { kind: 'captcha' } } } },
    expect: { blocking: false, accessible: true, xBlocking: false },
  },
  {
    name: 'idnaWithoutCensorshipLowercase',
    family: 'quirks',
    input: 'http://яндекс.рф/',
    config: {},
    expect: { blocking: false, accessible: true, xBlocking: false },
  },
  {
    name: 'idnaWithoutCensorshipWithFirstLetterUppercase',
    family: 'quirks',
    input: 'http://Яндекс.рф/',
    config: {},
    expect: { blocking: false, accessible: true, xBlocking: false },
  },
  {
    name: 'largeFileWithHTTP',
    family: 'quirks',
    input: 'http://largefile.com/',
    config: {},
    expect: { blocking: false, accessible: true, xBlocking: false },
  },
  {
    name: 'largeFileWithHTTPS',
    family: 'quirks',
    input: 'https://largefile.com/',
    config: {},
    expect: { blocking: false, accessible: true, xBlocking: false },
  },
];
