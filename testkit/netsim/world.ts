/** The miniature Internet's inventory: sites with public-looking virtual IPs (netemx style), resolvers, the control. */
import type { PageSpec } from './site-pages.js';
import { APP_SITES } from './world-apps.js';

/**
 * What a TCP port serves: web pages in cleartext or over TLS, a bare accept (a chat endpoint, a Tor bridge), a TLS
 * handshake and nothing after (a Tor OR port), DNS over TLS.
 */
export type ServiceKind = 'http' | 'https' | 'tcp' | 'tls' | 'dot';

export interface SiteSpec {
  ip: string;
  /** The names that resolve to `ip`; none for a server known by address only. */
  domains: string[];
  page: PageSpec;
  /** How the site's certificate comes: broken in some way, from no trusted root, or from the "Signal" root. */
  cert?: 'ok' | 'expired' | 'wrong-host' | 'untrusted' | 'signal';
  /** Serves any Host/SNI (a transparent proxy or a blockpage server). */
  anyDomain?: boolean;
  /** Serves each Host the page of the real site (a transparent proxy). */
  mirror?: boolean;
  /** Port 443 answers garbage instead of TLS. */
  garbageTls?: boolean;
  /** TCP ports and what they serve (default: HTTP on 80, HTTPS on 443). */
  services?: Record<number, ServiceKind>;
  /** UDP ports: a resolver answering from the public resolver's table, or a STUN server. */
  udp?: Record<number, 'dns' | 'stun'>;
  /** Its HTTPS answers DNS-over-HTTPS queries (POST /dns-query) from the public resolver's table. */
  doh?: boolean;
}

/** The TCP services of a site. */
export function servicesOf(site: SiteSpec): Record<number, ServiceKind> {
  return site.services ?? { 80: 'http', 443: 'https' };
}

export const ISP_RESOLVER = '130.192.3.21:53';
export const PUBLIC_RESOLVER = '8.8.8.8:53';
export const BLOCKPAGE_IP = '83.224.65.41';
export const ISP_PROXY_IP = '130.192.182.17';

/** Every site of the simulation; scenarios change DNS, middlebox rules and what a site serves to whom. */
export const WORLD: SiteSpec[] = [
  {
    ip: '93.184.216.34',
    domains: ['www.example.com', 'example.com'],
    page: { kind: 'page', title: 'Example Domain' },
  },
  {
    ip: '93.184.215.14',
    domains: ['www.example.org', 'example.org'],
    page: { kind: 'page', title: 'Example Organisation' },
  },
  {
    ip: '104.16.1.100',
    domains: ['www.cloudflare-cache.com'],
    page: { kind: 'page', title: 'Cloudflare cached page' },
  },
  { ip: '104.16.2.200', domains: ['largefile.com'], page: { kind: 'large', bytes: 4 << 20 } },
  { ip: '67.199.248.10', domains: ['bit.ly'], page: { kind: 'redirect', to: 'https://www.example.com/' } },
  { ip: '54.166.163.67', domains: ['httpbin.com'], page: { kind: 'httpbin' } },
  {
    ip: '104.154.89.105',
    domains: ['expired.badssl.com'],
    page: { kind: 'page', title: 'expired' },
    cert: 'expired',
  },
  {
    ip: '104.154.89.106',
    domains: ['wrong.host.badssl.com'],
    page: { kind: 'page', title: 'wrong host' },
    cert: 'wrong-host',
  },
  {
    ip: '104.154.89.107',
    domains: ['untrusted-root.badssl.com'],
    page: { kind: 'page', title: 'untrusted' },
    cert: 'untrusted',
  },
  { ip: '104.18.40.1', domains: ['xn--d1acpjx3f.xn--p1ai'], page: { kind: 'page', title: 'Яндекс' } },
  {
    ip: BLOCKPAGE_IP,
    domains: ['blockpage.simulated'],
    page: { kind: 'page', title: 'Access to this site is blocked' },
    anyDomain: true,
  },
  {
    ip: ISP_PROXY_IP,
    domains: ['proxy.simulated'],
    page: { kind: 'page', title: 'Example Domain' },
    anyDomain: true,
    mirror: true,
  },
  // Kazakhstan showcase sites (real names, simulated servers and addresses).
  {
    ip: '104.18.20.31',
    domains: ['rus.azattyq.org', 'www.azattyq.org'],
    page: { kind: 'page', title: 'Радио Азаттык' },
  },
  {
    ip: '104.18.20.32',
    domains: ['www.rferl.org'],
    page: { kind: 'page', title: 'Radio Free Europe/Radio Liberty' },
  },
  { ip: '185.22.64.10', domains: ['www.currenttime.tv'], page: { kind: 'page', title: 'Настоящее Время' } },
  {
    ip: '185.22.64.11',
    domains: ['addons.mozilla.org'],
    page: { kind: 'page', title: 'Add-ons for Firefox' },
  },
  { ip: '185.22.64.12', domains: ['www.nvaccess.org'], page: { kind: 'page', title: 'NV Access' } },
  { ip: '185.22.64.13', domains: ['www.facebook.com'], page: { kind: 'page', title: 'Facebook' } },
  { ip: '185.22.64.14', domains: ['kaztag.kz', 'www.kaztag.kz'], page: { kind: 'page', title: 'КазТАГ' } },
  { ip: '185.22.64.15', domains: ['meduza.io'], page: { kind: 'page', title: 'Meduza' } },
  { ip: '185.22.64.16', domains: ['rutracker.org'], page: { kind: 'page', title: 'RuTracker.org' } },
  // Fictitious sites (RFC 6761 reserves .test): the demo's techniques not documented in Kazakhstan use them.
  { ip: '185.22.64.20', domains: ['dns-blocked.demo.test'], page: { kind: 'page', title: 'Demo site A' } },
  { ip: '185.22.64.21', domains: ['tcp-blocked.demo.test'], page: { kind: 'page', title: 'Demo site B' } },
  { ip: '185.22.64.22', domains: ['blockpage.demo.test'], page: { kind: 'page', title: 'Demo site C' } },
  // Hostile peers.
  { ip: '45.33.0.1', domains: ['endless.hostile.test'], page: { kind: 'endless' } },
  { ip: '45.33.0.2', domains: ['trickle.hostile.test'], page: { kind: 'trickle', intervalMs: 1000 } },
  {
    ip: '45.33.0.3',
    domains: ['garbage.hostile.test'],
    page: { kind: 'page', title: 'x' },
    garbageTls: true,
  },
  { ip: '45.33.0.4', domains: ['reset.hostile.test'], page: { kind: 'reset-mid-body' } },
  { ip: '45.33.0.5', domains: ['lying.hostile.test'], page: { kind: 'lying-length' } },
  { ip: '45.33.0.6', domains: ['loop.hostile.test'], page: { kind: 'redirect-forever' } },
  { ip: '45.33.0.7', domains: ['headers.hostile.test'], page: { kind: 'huge-headers' } },
  ...APP_SITES,
];

/** The default DNS of the world: every site's domains resolve to its IP. */
export function worldRecords(): Map<string, string[]> {
  const records = new Map<string, string[]>();
  for (const site of WORLD)
    for (const d of site.domains) records.set(d, [...(records.get(d) ?? []), site.ip]);
  return records;
}
