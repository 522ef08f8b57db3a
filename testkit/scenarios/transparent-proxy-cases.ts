/**
 * Transparent proxies that answer with their own page: OONI's classic verdict calls each accessible (status codes
 * agree, and the hop-by-hop and framing headers every server sends count as uncommon headers in common);
 * netfreedom's technique says `http-diff` because the body length and the title both disagree with the control's.
 */
import type { Scenario } from './scenario.js';

const HOST = 'Host: www.example.com';
/** About a twentieth of the simulated example.com page, with another title. */
const NOTICE =
  '<html><head><title>Notice</title></head><body>This resource is not available in your region.</body></html>';
const LOCAL_PAGE =
  '<html><head><title>Ministry notice</title></head><body>The page you asked for was restricted.</body></html>';
const IFRAME =
  '<html><body><iframe src="http://blockpage.simulated/" width="100%" height="100%" frameborder="0"></iframe></body></html>';

/** OONI's expected keys are what its classic analysis computes; `xBlocking` is netfreedom's. */
export const TRANSPARENT_PROXY_CASES: Scenario[] = [
  {
    name: 'transparentProxySameStatus',
    family: 'transparent-proxy',
    input: 'http://www.example.com/',
    config: {
      rules: [
        {
          action: 'blockpage',
          match: { string: HOST, port: 80 },
          status: 200,
          body: NOTICE,
          headers: { Date: new Date(0).toUTCString(), 'Keep-Alive': 'timeout=5' },
        },
      ],
    },
    expect: { blocking: false, accessible: true, xBlocking: 'http-diff' },
  },
  {
    name: 'transparentProxyRedirectToLocalPage',
    family: 'transparent-proxy',
    input: 'http://www.example.com/',
    config: {
      rules: [
        {
          action: 'blockpage',
          match: { string: HOST, port: 80 },
          status: 302,
          body: '',
          headers: { Location: 'http://blockpage.simulated/notice' },
        },
      ],
      pages: { 'blockpage.simulated': { probe: { kind: 'html', body: LOCAL_PAGE } } },
    },
    expect: { blocking: false, accessible: true, xBlocking: 'http-diff' },
  },
  {
    name: 'transparentProxyInjectedIframe',
    family: 'transparent-proxy',
    input: 'http://www.example.com/',
    config: {
      rules: [{ action: 'blockpage', match: { string: HOST, port: 80 }, status: 200, body: IFRAME }],
    },
    expect: { blocking: false, accessible: true, xBlocking: 'http-diff' },
  },
];
