/**
 * Each messaging-app and circumvention test against the same censor's techniques: nothing blocked, the app's DNS
 * name blocked, SYNs to its endpoints dropped, the TLS handshake reset by SNI, a man-in-the-middle certificate,
 * and a throttled link. Where a technique cannot touch a test (no TLS, no DNS name), the case says what the test
 * sees instead. OONI's outcome and netfreedom's technique are expected side by side.
 */

import type { MiddleboxRule } from '../netsim/middlebox.js';
import { BLOCKPAGE_IP } from '../netsim/world.js';
import {
  FACEBOOK_IP,
  SIGNAL_IPS,
  TELEGRAM_DCS,
  TELEGRAM_WEB_IP,
  TOR_AUTHORITIES,
  TOR_BRIDGE,
  WHATSAPP_CHAT_IP,
  WHATSAPP_WEB_IP,
} from '../netsim/world-apps.js';
import type { AppScenario } from './app-scenario.js';
import { TOR_MEASURED } from './app-targets.js';

const drop = (...ips: string[]): MiddleboxRule[] => ips.map((ip) => ({ action: 'drop', match: { ip } }));
const THROTTLE = { delayMs: 120, chunkBytes: 128 };
/** A real probe's timers (10 s): a throttled page takes seconds, and a loaded machine must not turn it into a timeout. */
const PATIENT = { tlsHandshake: 10_000, http: 10_000 };
/** The two authorities the tor cases measure (with the bridge: app-targets.ts). */
const [A, B] = TOR_MEASURED.map((i) => TOR_AUTHORITIES[i]!) as [
  (typeof TOR_AUTHORITIES)[number],
  (typeof TOR_AUTHORITIES)[number],
];

export const TELEGRAM_CASES: AppScenario[] = [
  {
    name: 'telegramReachable',
    test: 'telegram',
    config: {},
    expect: {
      outcome: 'ok',
      technique: null,
      keys: {
        telegram_web_status: 'ok',
        telegram_web_failure: null,
        telegram_tcp_blocking: false,
        telegram_http_blocking: false,
      },
    },
  },
  {
    name: 'telegramWebDnsBlocked',
    test: 'telegram',
    config: { ispDns: { 'web.telegram.org': { rcode: 'NXDOMAIN' } } },
    expect: {
      outcome: 'anomaly',
      technique: 'dns',
      keys: {
        telegram_web_status: 'blocked',
        telegram_web_failure: 'dns_nxdomain_error',
        telegram_tcp_blocking: false,
      },
    },
  },
  {
    name: 'telegramSynDropped',
    test: 'telegram',
    config: { rules: drop(...TELEGRAM_DCS, TELEGRAM_WEB_IP) },
    expect: {
      outcome: 'anomaly',
      technique: 'tcp_ip',
      keys: {
        telegram_tcp_blocking: true,
        telegram_http_blocking: true,
        telegram_web_failure: 'generic_timeout_error',
      },
    },
    slow: true,
  },
  {
    name: 'telegramWebResetBySni',
    test: 'telegram',
    config: { rules: [{ action: 'reset', match: { sni: 'web.telegram.org' } }] },
    expect: { outcome: 'anomaly', technique: 'tls_sni', keys: { telegram_web_failure: 'connection_reset' } },
  },
  {
    name: 'telegramWebIntercepted',
    test: 'telegram',
    config: { rules: [{ action: 'intercept', match: { sni: 'web.telegram.org' }, issuer: 'qaznet' }] },
    expect: {
      outcome: 'anomaly',
      technique: 'tls_interception',
      keys: { telegram_web_failure: 'ssl_unknown_authority' },
    },
  },
  {
    name: 'telegramWebThrottled',
    test: 'telegram',
    config: { rules: [{ action: 'throttle', match: { sni: 'web.telegram.org' }, ...THROTTLE }] },
    expect: { outcome: 'ok', technique: 'throttling', keys: { telegram_web_status: 'ok' } },
    timeouts: PATIENT,
  },
];

export const WHATSAPP_CASES: AppScenario[] = [
  {
    name: 'whatsappReachable',
    test: 'whatsapp',
    config: {},
    expect: {
      outcome: 'ok',
      technique: null,
      keys: {
        registration_server_status: 'ok',
        whatsapp_web_status: 'ok',
        whatsapp_endpoints_status: 'ok',
        whatsapp_endpoints_blocked: [],
      },
    },
  },
  {
    name: 'whatsappDnsBlocked',
    test: 'whatsapp',
    config: {
      ispDns: { 'web.whatsapp.com': { rcode: 'NXDOMAIN' }, 'v.whatsapp.net': { rcode: 'NXDOMAIN' } },
    },
    expect: {
      outcome: 'anomaly',
      technique: 'dns',
      keys: { whatsapp_web_failure: 'dns_nxdomain_error', registration_server_failure: 'dns_nxdomain_error' },
    },
  },
  {
    name: 'whatsappSynDropped',
    test: 'whatsapp',
    config: { rules: drop(WHATSAPP_CHAT_IP, WHATSAPP_WEB_IP) },
    expect: {
      outcome: 'anomaly',
      technique: 'tcp_ip',
      keys: { whatsapp_endpoints_status: 'blocked', whatsapp_web_failure: 'generic_timeout_error' },
    },
    slow: true,
  },
  {
    name: 'whatsappWebResetBySni',
    test: 'whatsapp',
    config: { rules: [{ action: 'reset', match: { sni: 'web.whatsapp.com' } }] },
    expect: { outcome: 'anomaly', technique: 'tls_sni', keys: { whatsapp_web_failure: 'connection_reset' } },
  },
  {
    name: 'whatsappWebIntercepted',
    test: 'whatsapp',
    config: { rules: [{ action: 'intercept', match: { sni: 'web.whatsapp.com' }, issuer: 'qaznet' }] },
    expect: {
      outcome: 'anomaly',
      technique: 'tls_interception',
      keys: { whatsapp_web_failure: 'ssl_unknown_authority' },
    },
  },
  {
    name: 'whatsappWebThrottled',
    test: 'whatsapp',
    config: { rules: [{ action: 'throttle', match: { sni: 'web.whatsapp.com' }, ...THROTTLE }] },
    expect: { outcome: 'ok', technique: 'throttling', keys: { whatsapp_web_status: 'ok' } },
    timeouts: PATIENT,
  },
];

export const SIGNAL_CASES: AppScenario[] = [
  {
    name: 'signalReachable',
    test: 'signal',
    config: {},
    expect: {
      outcome: 'ok',
      technique: null,
      keys: { signal_backend_status: 'ok', signal_backend_failure: null },
    },
  },
  {
    name: 'signalDnsBlocked',
    test: 'signal',
    config: { ispDns: { 'textsecure-service.whispersystems.org': { rcode: 'NXDOMAIN' } } },
    expect: {
      outcome: 'anomaly',
      technique: 'dns',
      keys: { signal_backend_status: 'blocked', signal_backend_failure: 'dns_nxdomain_error' },
    },
  },
  {
    name: 'signalSynDropped',
    test: 'signal',
    config: { rules: drop(...SIGNAL_IPS) },
    expect: {
      outcome: 'anomaly',
      technique: 'tcp_ip',
      keys: { signal_backend_failure: 'generic_timeout_error' },
    },
    slow: true,
  },
  {
    name: 'signalResetBySni',
    test: 'signal',
    config: { rules: [{ action: 'reset', match: { sni: 'storage.signal.org' } }] },
    expect: {
      outcome: 'anomaly',
      technique: 'tls_sni',
      keys: { signal_backend_failure: 'connection_reset' },
    },
  },
  {
    name: 'signalIntercepted',
    test: 'signal',
    config: {
      rules: [
        { action: 'intercept', match: { sni: 'textsecure-service.whispersystems.org' }, issuer: 'qaznet' },
      ],
    },
    expect: {
      outcome: 'anomaly',
      technique: 'tls_interception',
      keys: { signal_backend_failure: 'ssl_unknown_authority' },
    },
  },
  {
    name: 'signalInterceptedByARootTheUserTrusts',
    test: 'signal',
    config: {
      probeTrusts: ['isca'],
      rules: [
        { action: 'intercept', match: { sni: 'textsecure-service.whispersystems.org' }, issuer: 'isca' },
      ],
    },
    expect: {
      outcome: 'anomaly',
      technique: 'tls_interception',
      keys: { signal_backend_failure: 'ssl_unknown_authority' },
    },
    note: "Signal's roots are pinned: a state root the user installed does not make the interception pass",
  },
  {
    name: 'signalThrottled',
    test: 'signal',
    config: { rules: [{ action: 'throttle', match: { sni: 'cdn.signal.org' }, ...THROTTLE }] },
    expect: { outcome: 'ok', technique: 'throttling', keys: { signal_backend_status: 'ok' } },
    timeouts: PATIENT,
  },
];

export const FACEBOOK_MESSENGER_CASES: AppScenario[] = [
  {
    name: 'facebookMessengerReachable',
    test: 'facebook_messenger',
    config: {},
    expect: {
      outcome: 'ok',
      technique: null,
      keys: {
        facebook_dns_blocking: false,
        facebook_tcp_blocking: false,
        facebook_b_api_dns_consistent: true,
        facebook_b_api_reachable: true,
        facebook_stun_dns_consistent: true,
        facebook_stun_reachable: null,
      },
    },
  },
  {
    name: 'facebookMessengerDnsBlocked',
    test: 'facebook_messenger',
    config: { ispDns: { 'b-api.facebook.com': { rcode: 'NXDOMAIN' } } },
    expect: {
      outcome: 'anomaly',
      technique: 'dns',
      keys: {
        facebook_dns_blocking: true,
        facebook_b_api_dns_consistent: false,
        facebook_b_api_reachable: null,
      },
    },
  },
  {
    name: 'facebookMessengerDnsAnswerOutsideFacebook',
    test: 'facebook_messenger',
    config: { ispDns: { 'b-graph.facebook.com': { a: [BLOCKPAGE_IP] } } },
    expect: {
      outcome: 'anomaly',
      technique: 'dns',
      keys: { facebook_dns_blocking: true, facebook_b_graph_dns_consistent: false },
    },
  },
  {
    name: 'facebookMessengerSynDropped',
    test: 'facebook_messenger',
    config: { rules: drop(FACEBOOK_IP) },
    expect: {
      outcome: 'anomaly',
      technique: 'tcp_ip',
      keys: { facebook_tcp_blocking: true, facebook_b_api_reachable: false, facebook_dns_blocking: false },
    },
    slow: true,
  },
  {
    name: 'facebookMessengerResetBySni',
    test: 'facebook_messenger',
    config: { rules: [{ action: 'reset', match: { sni: 'b-api.facebook.com' } }] },
    expect: {
      outcome: 'ok',
      technique: null,
      keys: { facebook_tcp_blocking: false, facebook_b_api_reachable: true },
    },
    note: 'the test connects without a TLS handshake (OONI ts-019): an SNI rule never fires',
  },
  {
    name: 'facebookMessengerIntercepted',
    test: 'facebook_messenger',
    config: { rules: [{ action: 'intercept', match: { sni: 'b-api.facebook.com' }, issuer: 'qaznet' }] },
    expect: { outcome: 'ok', technique: null, keys: { facebook_b_api_reachable: true } },
    note: 'no TLS handshake in this test: a certificate is never seen',
  },
  {
    name: 'facebookMessengerThrottled',
    test: 'facebook_messenger',
    config: { rules: [{ action: 'throttle', match: { ip: FACEBOOK_IP }, ...THROTTLE }] },
    expect: { outcome: 'ok', technique: null, keys: { facebook_tcp_blocking: false } },
    note: 'a TCP connect carries no data to slow down',
  },
];

export const TOR_CASES: AppScenario[] = [
  {
    name: 'torReachable',
    test: 'tor',
    config: {},
    expect: {
      outcome: 'ok',
      technique: null,
      keys: {
        or_port_dirauth_total: 2,
        or_port_dirauth_accessible: 2,
        dir_port_accessible: 2,
        obfs4_total: 1,
        obfs4_accessible: 1,
      },
    },
  },
  {
    name: 'torDnsBlocked',
    test: 'tor',
    config: {
      ispDns: { 'torproject.org': { rcode: 'NXDOMAIN' }, 'www.torproject.org': { rcode: 'NXDOMAIN' } },
    },
    expect: { outcome: 'ok', technique: null, keys: { or_port_dirauth_accessible: 2, obfs4_accessible: 1 } },
    note: 'the authorities and bridges are addresses: a blocked name never stops the test, as it does not stop Tor',
  },
  {
    name: 'torSynDropped',
    test: 'tor',
    config: { rules: drop(A[1], B[1], TOR_BRIDGE.ip) },
    expect: {
      outcome: 'anomaly',
      technique: 'tcp_ip',
      keys: { or_port_dirauth_accessible: 0, dir_port_accessible: 0, obfs4_accessible: 0 },
    },
    slow: true,
  },
  {
    name: 'torHandshakeReset',
    test: 'tor',
    config: {
      rules: [A, B].map(([, ip, orPort]) => ({
        action: 'reset',
        match: { ip, port: orPort, string: '\u0016\u0003\u0001' },
      })),
    },
    expect: {
      outcome: 'ok',
      technique: null,
      keys: { or_port_dirauth_accessible: 0, dir_port_accessible: 2, obfs4_accessible: 1 },
    },
    note: "Tor sends no SNI: the censor resets every ClientHello to the OR ports. The handshakes fail with connection_reset, but OONI's score is the share of failed targets (2 of 5 here), not above one half",
  },
  {
    name: 'torIntercepted',
    test: 'tor',
    config: {
      rules: [A, B].map(([, ip, orPort]) => ({
        action: 'intercept',
        match: { ip, port: orPort },
        issuer: 'qaznet',
      })),
    },
    expect: { outcome: 'ok', technique: 'tls_interception', keys: { or_port_dirauth_accessible: 2 } },
    note: "relays present self-signed certificates, authenticated inside Tor's protocol, which the test does not speak: the handshake succeeds, so OONI's outcome is ok; the recorded chain comes from a known interception CA, which netfreedom names",
  },
  {
    name: 'torThrottled',
    test: 'tor',
    config: {
      rules: [A, B].map(([, ip, , dirPort]) => ({
        action: 'throttle',
        match: { ip, port: dirPort },
        ...THROTTLE,
      })),
    },
    expect: { outcome: 'ok', technique: null, keys: { dir_port_accessible: 2 } },
    note: 'the directory fetch keeps 256 bytes of the consensus: a slowed link still answers them in time',
    timeouts: PATIENT,
  },
];

export const DNSCHECK_CASES: AppScenario[] = [
  {
    name: 'dnscheckDohReachable',
    test: 'dnscheck',
    input: 'https://dns.google/dns-query',
    config: {},
    expect: {
      outcome: 'ok',
      technique: null,
      keys: { bootstrap_failure: null, x_control_addrs: ['93.184.215.14'] },
    },
  },
  {
    name: 'dnscheckResolverNameBlocked',
    test: 'dnscheck',
    input: 'https://dns.google/dns-query',
    config: { ispDns: { 'dns.google': { rcode: 'NXDOMAIN' } } },
    expect: { outcome: 'anomaly', technique: 'dns', keys: { bootstrap_failure: 'dns_nxdomain_error' } },
    note: 'the bundled default addresses (8.8.8.8, 8.8.4.4) are still measured, and answer',
  },
  {
    name: 'dnscheckDotSynDropped',
    test: 'dnscheck',
    input: 'dot://dns.quad9.net:853',
    config: { rules: [{ action: 'drop', match: { ip: '9.9.9.9', port: 853 } }] },
    expect: { outcome: 'anomaly', technique: 'tcp_ip', keys: { bootstrap_failure: null } },
    slow: true,
  },
  {
    name: 'dnscheckDohResetBySni',
    test: 'dnscheck',
    input: 'https://cloudflare-dns.com/dns-query',
    config: { rules: [{ action: 'reset', match: { sni: 'cloudflare-dns.com' } }] },
    expect: { outcome: 'anomaly', technique: 'tls_sni', keys: { bootstrap_failure: null } },
  },
  {
    name: 'dnscheckDotIntercepted',
    test: 'dnscheck',
    input: 'dot://one.one.one.one:853',
    config: { rules: [{ action: 'intercept', match: { sni: 'one.one.one.one' }, issuer: 'qaznet' }] },
    expect: { outcome: 'anomaly', technique: 'tls_interception', keys: { bootstrap_failure: null } },
  },
  {
    name: 'dnscheckUdpResolverLies',
    test: 'dnscheck',
    input: 'udp://130.192.3.21:53',
    config: { ispDns: { 'example.org': { a: [BLOCKPAGE_IP] } } },
    expect: { outcome: 'anomaly', technique: 'dns', keys: { x_control_addrs: ['93.184.215.14'] } },
    note: "the ISP's resolver answers, but not what the control resolves: only the comparison shows it",
  },
  {
    name: 'dnscheckUdpDropped',
    test: 'dnscheck',
    input: 'udp://1.1.1.1:53',
    config: { rules: [{ action: 'drop', match: { ip: '1.1.1.1', port: 53, proto: 'udp' } }] },
    expect: { outcome: 'anomaly', technique: 'dns', keys: {} },
    slow: true,
  },
  {
    name: 'dnscheckDohThrottled',
    test: 'dnscheck',
    input: 'https://dns.google/dns-query',
    config: { rules: [{ action: 'throttle', match: { sni: 'dns.google' }, ...THROTTLE }] },
    expect: { outcome: 'ok', technique: null, keys: { bootstrap_failure: null } },
    note: 'a DNS message is small: a throttled link answers it in time',
    timeouts: PATIENT,
  },
];

export const STUN_CASES: AppScenario[] = [
  {
    name: 'stunReachable',
    test: 'stunreachability',
    input: 'stun://stun.voip.blackberry.com:3478',
    config: {},
    expect: {
      outcome: 'ok',
      technique: null,
      keys: { failure: null, endpoint: 'stun.voip.blackberry.com:3478' },
    },
  },
  {
    name: 'stunDnsBlocked',
    test: 'stunreachability',
    input: 'stun://stun.antisip.com:3478',
    config: { ispDns: { 'stun.antisip.com': { rcode: 'NXDOMAIN' } } },
    expect: { outcome: 'anomaly', technique: 'dns', keys: { failure: 'dns_nxdomain_error' } },
  },
  {
    name: 'stunDatagramsDropped',
    test: 'stunreachability',
    input: 'stun://stun.voip.blackberry.com:3478',
    config: { rules: [{ action: 'drop', match: { ip: '3.120.0.1', port: 3478, proto: 'udp' } }] },
    expect: {
      outcome: 'anomaly',
      technique: 'tcp_ip',
      keys: { failure: 'generic_timeout_error', x_rtt: null },
    },
    note: "OONI's blocking names call IP-level blocking tcp_ip; here the datagrams are dropped",
    slow: true,
  },
  {
    name: 'stunThrottled',
    test: 'stunreachability',
    input: 'stun://stun.voip.blackberry.com:3478',
    config: { rules: [{ action: 'throttle', match: { ip: '3.120.0.1' }, ...THROTTLE }] },
    expect: { outcome: 'ok', technique: null, keys: { failure: null } },
    note: 'a binding request is one datagram each way; TLS and SNI rules cannot apply to STUN over UDP',
  },
];

export const APP_CASES: AppScenario[] = [
  ...TELEGRAM_CASES,
  ...WHATSAPP_CASES,
  ...SIGNAL_CASES,
  ...FACEBOOK_MESSENGER_CASES,
  ...TOR_CASES,
  ...DNSCHECK_CASES,
  ...STUN_CASES,
];
