/**
 * The circumvention tests (tor, dnscheck, stunreachability) against the same techniques as the messaging apps.
 * Where a technique cannot touch a test (no DNS name for tor's addresses, no TLS in STUN over UDP), the case says
 * what the test sees instead.
 */
import { BLOCKPAGE_IP } from '../netsim/world.js';
import { TOR_AUTHORITIES, TOR_BRIDGE } from '../netsim/world-apps.js';
import { drop, PATIENT, THROTTLE } from './app-case-rules.js';
import type { AppScenario } from './app-scenario.js';
import { TOR_MEASURED } from './app-targets.js';

/** The two authorities the tor cases measure (with the bridge: app-targets.ts). */
const [A, B] = TOR_MEASURED.map((i) => TOR_AUTHORITIES[i]!) as [
  (typeof TOR_AUTHORITIES)[number],
  (typeof TOR_AUTHORITIES)[number],
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
