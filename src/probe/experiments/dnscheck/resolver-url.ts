/** The resolver URLs dnscheck takes (OONI ts-028): `https://host/path` (DoH), `dot://host[:port]`, `udp://ip[:port]`. */
import { ipVersion } from '../../../netx/ip-literal.js';
import { InvalidInputError } from '../../../shared/errors.js';
import { joinHostPort } from '../../../shared/host-port.js';

export interface ResolverUrl {
  transport: 'doh' | 'dot' | 'udp';
  url: URL;
  /** The host named (a name to bootstrap, or an address). */
  host: string;
  port: number;
}

const DEFAULT_PORT = { doh: 443, dot: 853, udp: 53 } as const;

/** Parses a resolver URL; throws InvalidInputError for another scheme. */
export function parseResolverUrl(input: string): ResolverUrl {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new InvalidInputError(`${input}: not a resolver URL`);
  }
  const transport =
    url.protocol === 'https:'
      ? 'doh'
      : url.protocol === 'dot:'
        ? 'dot'
        : url.protocol === 'udp:'
          ? 'udp'
          : null;
  if (!transport)
    throw new InvalidInputError(`${input}: dnscheck takes https:// (DoH), dot:// or udp:// resolvers`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!host) throw new InvalidInputError(`${input}: no host`);
  if (transport === 'udp' && !ipVersion(host))
    throw new InvalidInputError(`${input}: udp:// takes an IP address`);
  return { transport, url, host, port: url.port ? Number(url.port) : DEFAULT_PORT[transport] };
}

/** The URL with its host replaced by `addr` (OONI's makeResolverURL): the key of one lookup. */
export function resolverUrlFor(r: ResolverUrl, addr: string): string {
  const host = ipVersion(r.host) ? r.host : addr;
  const hostPort = r.url.port ? joinHostPort(host, r.url.port) : host.includes(':') ? `[${host}]` : host;
  return `${r.url.protocol}//${hostPort}${r.url.pathname === '/' && r.transport !== 'doh' ? '' : r.url.pathname}${r.url.search}`;
}
