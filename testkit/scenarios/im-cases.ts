/**
 * The messaging apps (telegram, whatsapp, signal, facebook_messenger) against the censor's techniques: nothing
 * blocked, the app's DNS name blocked, SYNs to its endpoints dropped, the TLS handshake reset by SNI, a
 * man-in-the-middle certificate, and a throttled link. Where a technique cannot touch a test (no TLS), the case says
 * what the test sees instead. OONI's outcome and netfreedom's technique are expected side by side.
 */
import { BLOCKPAGE_IP } from '../netsim/world.js';
import {
  FACEBOOK_IP,
  SIGNAL_IPS,
  TELEGRAM_DCS,
  TELEGRAM_WEB_IP,
  WHATSAPP_CHAT_IP,
  WHATSAPP_WEB_IP,
} from '../netsim/world-apps.js';
import { drop, PATIENT, THROTTLE } from './app-case-rules.js';
import type { AppScenario } from './app-scenario.js';

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
