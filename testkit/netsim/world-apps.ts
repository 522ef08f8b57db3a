/**
 * The messaging apps' and circumvention tools' servers in the miniature Internet, at the addresses the bundled
 * endpoints (data/apps/) name or OONI's samples saw them at, so the probe's default lists work unchanged. Only what
 * the tests touch is served: plain HTTP on both ports for Telegram's data centres, a TCP accept for WhatsApp's chat
 * endpoints and Tor bridges, TLS with a self-signed certificate on Tor's OR ports, DNS over HTTPS, TLS and UDP for
 * the public resolvers, STUN over UDP.
 */
import type { SiteSpec } from './world.js';

/** Telegram's data centres (data/apps/telegram.json). */
export const TELEGRAM_DCS = [
  '149.154.175.50',
  '149.154.167.51',
  '149.154.175.100',
  '149.154.167.91',
  '149.154.171.5',
  '95.161.76.100',
];
export const TELEGRAM_WEB_IP = '149.154.167.99';
export const WHATSAPP_CHAT_IP = '15.197.206.217';
export const WHATSAPP_WEB_IP = '157.240.245.60';
export const SIGNAL_IPS = ['13.248.212.111', '104.18.28.74'];
export const FACEBOOK_IP = '157.240.194.35';
export const TOR_BRIDGE = { ip: '192.95.36.142', port: 443 };

/** The directory authorities of data/apps/tor.json: [name, address, OR port, directory port]. */
export const TOR_AUTHORITIES: [string, string, number, number][] = [
  ['moria1', '128.31.0.39', 9201, 9231],
  ['tor26', '217.196.147.77', 443, 80],
  ['dizum', '45.66.35.11', 443, 80],
  ['Serge', '66.111.2.131', 9001, 9030],
  ['gabelmoo', '131.188.40.189', 443, 80],
  ['dannenberg', '193.23.244.244', 443, 80],
  ['maatuska', '171.25.193.9', 80, 443],
  ['longclaw', '199.58.81.140', 443, 80],
  ['bastet', '204.13.164.118', 443, 80],
  ['faravahar', '216.218.219.41', 443, 80],
];

/** data/apps/stunreachability.json's servers, each on an address of its own. */
export const STUN_SERVERS = [
  'stun.voip.blackberry.com',
  'stun.antisip.com',
  'stun.bluesip.net',
  'stun.dus.net',
  'stun.epygi.com',
  'stun.sonetel.com',
  'stun.sonetel.net',
  'stun.uls.co.za',
  'stun.voipgate.com',
  'stun.voys.nl',
].map((name, i) => ({ name, ip: `3.120.0.${i + 1}` }));

const NOT_FOUND = '<html><head><title>404 Not Found</title></head><body>nginx</body></html>';

export const APP_SITES: SiteSpec[] = [
  ...TELEGRAM_DCS.map(
    (ip): SiteSpec => ({
      ip,
      domains: [],
      page: { kind: 'html', body: NOT_FOUND },
      services: { 80: 'http', 443: 'http' },
    }),
  ),
  { ip: TELEGRAM_WEB_IP, domains: ['web.telegram.org'], page: { kind: 'page', title: 'Telegram Web' } },
  {
    ip: WHATSAPP_CHAT_IP,
    domains: Array.from({ length: 16 }, (_, i) => `e${i + 1}.whatsapp.net`),
    page: { kind: 'page', title: 'chat' },
    services: { 443: 'tcp', 5222: 'tcp' },
  },
  {
    ip: WHATSAPP_WEB_IP,
    domains: ['web.whatsapp.com', 'v.whatsapp.net'],
    page: { kind: 'page', title: 'WhatsApp' },
  },
  {
    ip: SIGNAL_IPS[0]!,
    domains: [
      'textsecure-service.whispersystems.org',
      'storage.signal.org',
      'api.directory.signal.org',
      'uptime.signal.org',
    ],
    page: { kind: 'html', body: '{"code":404}' },
    cert: 'signal',
  },
  {
    ip: SIGNAL_IPS[1]!,
    domains: ['cdn.signal.org', 'cdn2.signal.org', 'sfu.voip.signal.org'],
    page: { kind: 'html', body: '<Error><Code>AccessDenied</Code></Error>' },
    cert: 'signal',
  },
  {
    ip: FACEBOOK_IP,
    domains: [
      'b-api.facebook.com',
      'b-graph.facebook.com',
      'edge-mqtt.facebook.com',
      'star.c10r.facebook.com',
      'external.xx.fbcdn.net',
      'scontent.xx.fbcdn.net',
      'stun.fbsbx.com',
    ],
    page: { kind: 'page', title: 'Facebook' },
  },
  ...TOR_AUTHORITIES.map(
    ([, ip, orPort, dirPort]): SiteSpec => ({
      ip,
      domains: [],
      page: { kind: 'large', bytes: 64 * 1024 },
      cert: 'untrusted',
      services: { [orPort]: 'tls', [dirPort]: 'http' },
    }),
  ),
  {
    ip: TOR_BRIDGE.ip,
    domains: [],
    page: { kind: 'page', title: 'x' },
    services: { [TOR_BRIDGE.port]: 'tcp' },
  },
  ...(
    [
      ['8.8.8.8', ['dns.google'], false],
      ['8.8.4.4', ['dns.google'], true],
      ['1.1.1.1', ['cloudflare-dns.com', 'one.one.one.one'], true],
      ['1.0.0.1', ['cloudflare-dns.com', 'one.one.one.one'], true],
      ['9.9.9.9', ['dns.quad9.net'], true],
      ['208.67.222.222', ['doh.opendns.com'], true],
    ] as const
  ).map(
    ([ip, domains, udp]): SiteSpec => ({
      ip,
      domains: [...domains],
      page: { kind: 'page', title: 'DNS' },
      doh: true,
      services: { 80: 'http', 443: 'https', 853: 'dot' },
      // 8.8.8.8:53 is the simulation's public resolver already.
      ...(udp ? { udp: { 53: 'dns' as const } } : {}),
    }),
  ),
  ...STUN_SERVERS.map(
    ({ name, ip }): SiteSpec => ({
      ip,
      domains: [name],
      page: { kind: 'page', title: 'stun' },
      services: {},
      udp: { 3478: 'stun' },
    }),
  ),
];
