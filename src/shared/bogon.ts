/** Bogon detection: OONI's private, reserved and special-purpose ranges, and IPv6 addresses carrying an IPv4 bogon. */

/** A parsed CIDR: the network as a bigint, its prefix length and the address width (32 or 128). */
interface Cidr {
  network: bigint;
  prefix: number;
  bits: 32 | 128;
}

// OONI's IPv4 bogons (probe-cli internal/netxlite/bogon.go, from ipinfo.io/bogon).
const IPV4_BOGONS = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '255.255.255.255/32',
];

// OONI's IPv6 bogons. Addresses that carry an IPv4 address (IPv4-mapped, SIIT, NAT64, 6to4, Teredo) are
// judged by that address before this list is read, so ::ffff:0:0/96 here never decides anything.
const IPV6_BOGONS = [
  '::/128',
  '::1/128',
  '::ffff:0:0/96',
  '::/96',
  '100::/64',
  '2001:10::/28',
  '2001:db8::/32',
  'fc00::/7',
  'fe80::/10',
  'fec0::/10',
  'ff00::/8',
];

/**
 * The `code` of the error a connection refused for a private or loopback address carries (netx's archive transport,
 * read by sync), with the address as `address`.
 */
export const PRIVATE_ADDRESS_CODE = 'NETFREEDOM_PRIVATE_ADDRESS';

const V4_TABLE: Cidr[] = IPV4_BOGONS.map((c) => parseCidr(c, 32));
const V6_TABLE: Cidr[] = IPV6_BOGONS.map((c) => parseCidr(c, 128));

/**
 * True when `ip` is a bogon by OONI's definition (IPv4 or IPv6), or an IPv6 address carrying an IPv4 bogon
 * for a translator or tunnel to reach: IPv4-mapped, SIIT, NAT64 (both prefixes), 6to4 and Teredo. On an
 * IPv6-only host behind NAT64, dialling 64:ff9b::a00:1 reaches 10.0.0.1. Strings that are not an IP address
 * are not bogons (false).
 */
export function isBogon(ip: string): boolean {
  const text = stripZoneAndBrackets(ip.trim());
  const v4 = parseIpv4(text);
  if (v4 !== null) return inTable(v4, V4_TABLE);
  const v6 = parseIpv6(text);
  if (v6 === null) return false;
  const carried = embeddedIpv4(v6);
  if (carried === UNKNOWN_IPV4) return true;
  if (carried !== null) return inTable(carried, V4_TABLE);
  return inTable(v6, V6_TABLE);
}

/** Parses a dotted-quad IPv4 address (no leading zeros ambiguity accepted) into a bigint, or null. */
export function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

/** Parses an IPv6 address (with `::` compression and an optional dotted IPv4 tail) into a bigint, or null. */
export function parseIpv6(text: string): bigint | null {
  if (!text.includes(':') || text.length > 45) return null;
  let head = text;
  let tailGroups: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const maybeV4 = text.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    const v4 = parseIpv4(maybeV4);
    if (v4 === null) return null;
    tailGroups = [Number(v4 >> 16n), Number(v4 & 0xffffn)];
    head = text.slice(0, lastColon + 1);
    // "::1.2.3.4" leaves "::", "a::1.2.3.4" leaves "a::", "a:b:1.2.3.4" leaves "a:b:" (drop the colon).
    if (!head.endsWith('::')) head = head.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const parseGroups = (s: string): number[] | null => {
    if (s === '') return [];
    const groups: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      groups.push(Number.parseInt(g, 16));
    }
    return groups;
  };
  const left = parseGroups(halves[0] ?? '');
  const right = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (left === null || right === null) return null;
  const known = left.length + right.length + tailGroups.length;
  let groups: number[];
  if (halves.length === 2) {
    if (known > 7) return null;
    groups = [...left, ...new Array<number>(8 - known).fill(0), ...right, ...tailGroups];
  } else {
    if (known !== 8) return null;
    groups = [...left, ...tailGroups];
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

function parseCidr(cidr: string, bits: 32 | 128): Cidr {
  const [addr, len] = cidr.split('/') as [string, string];
  const parsed = bits === 32 ? parseIpv4(addr) : parseIpv6(addr);
  if (parsed === null) throw new Error(`bad bogon CIDR ${cidr}`);
  return { network: parsed, prefix: Number(len), bits };
}

function inTable(value: bigint, table: Cidr[]): boolean {
  for (const cidr of table) {
    const shift = BigInt(cidr.bits - cidr.prefix);
    if (value >> shift === cidr.network >> shift) return true;
  }
  return false;
}

/** What `embeddedIpv4` answers for an address that carries an IPv4 address it cannot tell. */
const UNKNOWN_IPV4 = -1n;

const NAT64_WELL_KNOWN = 0x64ff9bn << 64n; // 64:ff9b::/96, the first 96 bits
const NAT64_LOCAL_USE = 0x64ff9b0001n; // 64:ff9b:1::/48, the first 48 bits

/**
 * The IPv4 address `v6` carries, null when it carries none. Go's net.IPNet.Contains, in OONI's code, judges
 * ::ffff:a.b.c.d by its IPv4 address (::ffff:8.8.8.8 is not a bogon); translators and tunnels reach the
 * address they carry, so the other forms are judged the same way.
 */
function embeddedIpv4(v6: bigint): bigint | null {
  const low32 = v6 & 0xffffffffn;
  const top96 = v6 >> 32n;
  if (top96 === 0xffffn) return low32; // IPv4-mapped ::ffff:0:0/96
  if (top96 === 0xffff0000n) return low32; // SIIT IPv4-translated ::ffff:0:0:0/96 (RFC 2765)
  if (top96 === NAT64_WELL_KNOWN) return low32; // NAT64 (RFC 6052), only ever a /96
  if (v6 >> 80n === NAT64_LOCAL_USE) {
    // RFC 8215 lets the operator choose a /48 to /96 inside it, each putting the IPv4 bits elsewhere
    // (RFC 6052 §2.2). Only the /96 layout leaves bits 48-95 zero; for any other the gateway's choice
    // decides which IPv4 address is reached, so the address is refused.
    return (v6 >> 32n) & 0xffffffffffffn ? UNKNOWN_IPV4 : low32;
  }
  if (v6 >> 112n === 0x2002n) return (v6 >> 80n) & 0xffffffffn; // 6to4 2002:AABB:CCDD::/48
  if (v6 >> 96n === 0x20010000n) return low32 ^ 0xffffffffn; // Teredo 2001:0::/32, client XORed
  return null;
}

function stripZoneAndBrackets(text: string): string {
  let t = text;
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  const zone = t.indexOf('%');
  return zone >= 0 ? t.slice(0, zone) : t;
}
