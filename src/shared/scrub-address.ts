/** Removing a probe user's own IP address from a measurement: netfreedom never stores it. */
const LOOPBACK = new Set(['127.0.0.1', '::1']);

/**
 * `value` with every occurrence of `ip` replaced by `[scrubbed]` (failure texts, headers a server echoed,
 * annotations). Only whole addresses are replaced: 198.51.100.7 leaves 198.51.100.77 alone. Loopback, empty and
 * non-addresses leave `value` as it is.
 */
export function scrubAddress<T>(value: T, ip: string | null | undefined): T {
  const bare = typeof ip === 'string' ? ip.replace(/^::ffff:/i, '') : '';
  const kind = addressKind(bare);
  if (kind === 0 || LOOPBACK.has(bare)) return value;
  const text = JSON.stringify(value);
  const scrubbed = text.replace(wholeAddress(bare, kind), '[scrubbed]');
  return scrubbed === text ? value : (JSON.parse(scrubbed) as T);
}

/**
 * `ip` where no digit (IPv4) or hex digit or colon (IPv6) touches it: the same address inside a hostname
 * (198.51.100.7.nip.io) goes too, another address that contains it as text does not.
 */
function wholeAddress(ip: string, kind: 4 | 6): RegExp {
  const escaped = ip.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const addressChar = kind === 4 ? '[0-9]' : '[0-9a-fA-F:]';
  return new RegExp(`(?<!${addressChar})${escaped}(?!${addressChar})`, 'g');
}

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

/** 4 or 6 for what looks like an address of that family (here, not node:net: only netx/ touches the network). */
function addressKind(s: string): 0 | 4 | 6 {
  if (IPV4.test(s)) return 4;
  return s.includes(':') && /^[0-9a-f:.]{2,45}$/i.test(s) ? 6 : 0;
}
