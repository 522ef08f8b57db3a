/** Bogon detection: OONI's list of private, reserved and special-purpose IPv4/IPv6 ranges (ooni.md §1.6). */

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

// OONI's IPv6 bogons. The 6to4 (2002::/16) and Teredo (2001::/32) encodings of v4 bogons are
// handled by extracting the embedded IPv4 address rather than listing every encoded range.
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

const V4_TABLE: Cidr[] = IPV4_BOGONS.map((c) => parseCidr(c, 32));
const V6_TABLE: Cidr[] = IPV6_BOGONS.map((c) => parseCidr(c, 128));

/**
 * True when `ip` is a bogon by OONI's definition (IPv4 or IPv6, IPv4-mapped IPv6 and the 6to4/Teredo
 * encodings of IPv4 bogons included). Strings that are not an IP address are not bogons (false).
 */
export function isBogon(ip: string): boolean {
  const text = stripZoneAndBrackets(ip.trim());
  const v4 = parseIpv4(text);
  if (v4 !== null) return inTable(v4, V4_TABLE);
  const v6 = parseIpv6(text);
  if (v6 === null) return false;
  // ::ffff:a.b.c.d (v4-mapped) is judged by its IPv4 address, as Go's net.IPNet.Contains does in OONI's
  // code (it converts such addresses to 4 bytes first), so ::ffff:8.8.8.8 is not a bogon but
  // ::ffff:10.0.0.1 is.
  if (v6 >> 32n === 0xffffn) return inTable(v6 & 0xffffffffn, V4_TABLE);
  if (inTable(v6, V6_TABLE)) return true;
  const embedded = embeddedIpv4(v6);
  return embedded !== null && inTable(embedded, V4_TABLE);
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

/** The IPv4 address inside a 6to4 (2002:AABB:CCDD::/48) or Teredo (2001:0::/32, client XORed) address. */
function embeddedIpv4(v6: bigint): bigint | null {
  const top16 = v6 >> 112n;
  if (top16 === 0x2002n) return (v6 >> 80n) & 0xffffffffn;
  if (v6 >> 96n === 0x20010000n) return (v6 & 0xffffffffn) ^ 0xffffffffn;
  return null;
}

function stripZoneAndBrackets(text: string): string {
  let t = text;
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  const zone = t.indexOf('%');
  return zone >= 0 ? t.slice(0, zone) : t;
}
