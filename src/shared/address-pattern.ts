/** The regular expression matching every way text may spell one IP address, for scrubbing a probe's own. */
import { parseIpv4, parseIpv6 } from './bogon.js';

// Placeholders that records carry in place of an address (OONI writes 127.0.0.1 for a scrubbed one) and the
// unspecified addresses: scrubbing them would erase real data, and `::` would match in every IPv6 address.
const NEVER_SCRUBBED = new Set([0n, 1n, 0xffff00000000n, 0xffff7f000001n]);

/** Below this an IPv4 address as one decimal integer is a short number that turns up everywhere (0.x.x.x). */
const SMALLEST_DECIMAL = 1n << 24n;

/**
 * A global, case-insensitive expression matching `ip` as a whole address in any spelling found in
 * measurements: dotted, zero-padded, percent-encoded (`%2E`), with `-` or `_` in a hostname, its PTR name,
 * as a decimal or `0x` integer, and for IPv6 any case, compression or padding, a dotted tail, the hyphenated
 * `ipv6-literal.net` form and the ip6.arpa name. An IPv4 address also matches its IPv4-mapped IPv6 spellings
 * (`::ffff:198.51.100.7` is the same client). Null for loopback, unspecified and non-addresses.
 */
export function addressPattern(ip: string): RegExp | null {
  const v4 = parseIpv4(ip);
  const v6 = v4 === null ? parseIpv6(ip) : (0xffffn << 32n) | v4;
  if (v6 === null || NEVER_SCRUBBED.has(v6)) return null;
  const mapped = v6 >> 32n === 0xffffn ? v6 & 0xffffffffn : null;
  const sources = [...(mapped === null ? [] : ipv4Spellings(mapped)), ...ipv6Spellings(v6)];
  return new RegExp(sources.join('|'), 'gi');
}

/** Hex digit, the unit of an IPv6 group and of an ip6.arpa label. */
const HEX = '[0-9a-f]';

function ipv4Spellings(value: bigint): string[] {
  const octets = [24n, 16n, 8n, 0n].map((shift) => Number((value >> shift) & 0xffn));
  // A decimal digit next to it would make it another number: 198.51.100.7 is not inside 198.51.100.77.
  const whole = (source: string) => `(?<![0-9])${source}(?![0-9])`;
  const separator = '(?:[._-]|%2e)';
  const spellings = [
    whole(octets.map((o) => `0*${o}`).join(separator)),
    // The PTR name reverses the octets; without its suffix those would be another address.
    `(?<![0-9])${[...octets].reverse().join('\\.')}(?=\\.in-addr\\.arpa)`,
    `(?<![0-9a-z])0x0*${value.toString(16)}(?![0-9a-f])`,
  ];
  if (value >= SMALLEST_DECIMAL) spellings.push(whole(String(value)));
  return spellings;
}

function ipv6Spellings(value: bigint): string[] {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  const plain = groups.map((g) => (g === 0 ? null : `0*${g.toString(16)}`));
  // The last 32 bits may be written as a dotted quad (::ffff:198.51.100.7), which `::` cannot cover.
  const octets = [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff];
  const dotted = [...plain.slice(0, 6), octets.map((o) => `0*${o}`).join('\\.')];
  const nibbles = value.toString(16).padStart(32, '0').split('').reverse();
  return [
    // No hex digit or colon next to it; a dot and a digit after it would make the end an IPv4 tail.
    `(?<![0-9a-f:])(?:${spelled(plain, ':')}|${spelled(dotted, ':')})(?![0-9a-f:]|\\.[0-9])`,
    // In a hostname a hyphen also joins the labels around it, so only a hex group beyond it counts.
    `(?<!${HEX}|${HEX}-)${spelled(plain, '-')}(?!${HEX}|-${HEX}+(?![0-9a-z]))`,
    `(?<!${HEX}|${HEX}\\.)${nibbles.join('\\.')}(?=\\.ip6\\.arpa)`,
  ];
}

/**
 * The groups `units` (null for a zero group) joined by `separator`, where each run of zero groups may also be
 * compressed to a doubled separator with any number of its zeros still written on either side (`2001:db8:0::1`).
 * Each run may be compressed, not only the longest (RFC 5952 prefers that one, RFC 4291 allows any). The
 * expression also accepts two compressed runs or more zeros than a run has: neither is a valid address, so no
 * other address is matched, and listing only the valid combinations would cost a much larger expression.
 */
function spelled(units: (string | null)[], separator: string): string {
  const zero = '0+';
  const sepZero = `(?:${separator}${zero})`;
  const zeroSep = `(?:${zero}${separator})`;
  let out = '';
  for (let start = 0; start < units.length; ) {
    if (units[start] !== null) {
      out += (start > 0 && units[start - 1] !== null ? separator : '') + units[start];
      start++;
      continue;
    }
    let end = start;
    while (end < units.length && units[end] === null) end++;
    // A run owns the separators on both its sides, since compression replaces them too.
    const before = start > 0 ? separator : '';
    const after = end < units.length ? separator : '';
    const full = `${before}${zero}${sepZero.repeat(end - start - 1)}${after}`;
    const writtenBefore = start > 0 ? `${sepZero}*` : `(?:${zero}${sepZero}*)?`;
    const writtenAfter = end < units.length ? `${zeroSep}*` : `(?:${zeroSep}*${zero})?`;
    out += `(?:${full}|${writtenBefore}${separator}${separator}${writtenAfter})`;
    start = end;
  }
  return out;
}
