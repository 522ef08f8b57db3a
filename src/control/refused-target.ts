/** Which addresses the control service refuses to dial: bogons and the addresses of the machine it runs on. */
import { networkInterfaces } from 'node:os';
import { isBogon, parseIpv4, parseIpv6 } from '../shared/bogon.js';

/** How long the list of this machine's addresses is kept before it is read again (interfaces come and go). */
const OWN_ADDRESSES_TTL_MS = 10_000;

let ownCache: { keys: Set<string>; until: number } | null = null;

/**
 * True when an open control must not connect to `ip`: a bogon (private, loopback, link-local, metadata,
 * reserved, or an IPv6 address carrying one), or any address of one of this machine's own interfaces. The
 * latter matters on a host with a public address: a connection to it from the host itself arrives over
 * loopback, past a firewall that guards the public interface, at every service bound to 0.0.0.0 or `::`.
 * `allowPrivate` (labs and simulated networks) allows everything.
 */
export function isRefusedTarget(ip: string, allowPrivate: boolean): boolean {
  if (allowPrivate) return false;
  if (isBogon(ip)) return true;
  const key = addressKey(ip);
  return key !== null && ownAddressKeys().has(key);
}

/** The addresses of this machine's interfaces, as `addressKey`s, read at most every few seconds. */
function ownAddressKeys(): Set<string> {
  const now = Date.now();
  if (ownCache && ownCache.until > now) return ownCache.keys;
  const keys = new Set<string>();
  for (const list of Object.values(networkInterfaces()))
    for (const info of list ?? []) {
      const key = addressKey(info.address);
      if (key) keys.add(key);
    }
  ownCache = { keys, until: now + OWN_ADDRESSES_TTL_MS };
  return keys;
}

/** One key per address whatever its spelling: an IPv4-mapped IPv6 address has its IPv4 address's key. */
function addressKey(ip: string): string | null {
  const text = ip
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  const v4 = parseIpv4(text);
  if (v4 !== null) return `4:${v4}`;
  const v6 = parseIpv6(text);
  if (v6 === null) return null;
  return v6 >> 32n === 0xffffn ? `4:${v6 & 0xffffffffn}` : `6:${v6}`;
}
