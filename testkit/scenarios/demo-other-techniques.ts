/** Four of OONI's QA families on fictitious sites, so that the Kazakhstan demo also shows DNS, TCP and blockpage blocking without claiming them of a real site. */
import type { Scenario } from './scenario.js';

const BLOCKPAGE =
  '<html><head><title>Access Denied</title></head><body>This site is blocked by order of the authorities.</body></html>';

/**
 * The research notes document none of these techniques in Kazakhstan (kz-and-testlists.md §2.8: no DNS
 * tampering, no ISP blockpage known), so the demo shows them on `.test` names (RFC 6761), which no real site
 * can have. Same configurations and expected verdicts as OONI's cases of the same names.
 */
export const DEMO_OTHER_TECHNIQUES: Scenario[] = [
  {
    name: 'dnsBlockingNXDOMAIN',
    family: 'dns-blocking',
    input: 'https://dns-blocked.demo.test/',
    config: { ispDns: { 'dns-blocked.demo.test': { rcode: 'NXDOMAIN' } } },
    expect: { blocking: 'dns', accessible: false, xBlocking: 'dns' },
  },
  {
    name: 'tcpBlockingConnectTimeout',
    family: 'tcp-blocking',
    input: 'https://tcp-blocked.demo.test/',
    config: { rules: [{ action: 'drop', match: { ip: '185.22.64.21', port: 443 } }] },
    expect: { blocking: 'tcp_ip', accessible: false, xBlocking: 'tcp_ip' },
    slow: true,
  },
  {
    name: 'httpDiffWithConsistentDNS',
    family: 'http-diff',
    input: 'http://blockpage.demo.test/',
    config: {
      rules: [
        {
          action: 'blockpage',
          match: { string: 'Host: blockpage.demo.test', port: 80 },
          status: 403,
          body: BLOCKPAGE,
        },
      ],
    },
    expect: { blocking: 'http-diff', accessible: false, xBlocking: 'http-diff' },
  },
  {
    name: 'websiteDownNXDOMAIN',
    family: 'website-down',
    input: 'http://site-down.demo.test/',
    config: {},
    expect: { blocking: false, accessible: false, xBlocking: false },
  },
];
