/** The targets of the `tor` test: the directory authorities' OR and directory ports, and bridges given as torrc `Bridge` lines. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ipVersion } from '../../../netx/ip-literal.js';
import { InvalidDataError } from '../../../shared/errors.js';
import { joinHostPort } from '../../../shared/host-port.js';

export const TOR_ENDPOINTS = z.object({
  authorities: z
    .array(
      z.object({
        name: z.string().min(1).max(64),
        address: z.string().refine((ip) => ipVersion(ip) !== 0, 'expected an IP address'),
        or_port: z.number().int().min(1).max(65535),
        dir_port: z.number().int().min(1).max(65535),
      }),
    )
    .max(64),
  /** torrc Bridge lines: `[obfs4] IP:PORT [FINGERPRINT] [key=value ...]`. */
  bridges: z.array(z.string().min(1).max(2000)).max(64),
});

export type TorProtocol = 'dir_port' | 'or_port' | 'or_port_dirauth' | 'obfs4';

export interface TorTarget {
  /** The key in `test_keys.targets`: the address for a public authority, a hash of the line for a bridge. */
  key: string;
  address: string;
  ip: string;
  port: number;
  protocol: TorProtocol;
  name?: string;
  /** Set for bridges: their addresses are private and scrubbed from the measurement, as OONI does. */
  source?: string;
}

/** Every target, the authorities' first. */
export function torTargets(endpoints: z.infer<typeof TOR_ENDPOINTS>): TorTarget[] {
  const out: TorTarget[] = [];
  for (const a of endpoints.authorities) {
    for (const [protocol, port] of [
      ['or_port_dirauth', a.or_port],
      ['dir_port', a.dir_port],
    ] as const) {
      const address = joinHostPort(a.address, port);
      out.push({ key: address, address, ip: a.address, port, protocol, name: a.name });
    }
  }
  endpoints.bridges.forEach((line, i) => {
    out.push(parseBridge(line, i));
  });
  return out;
}

/** One Bridge line; a transport other than obfs4 is refused (none other can be measured here). */
export function parseBridge(line: string, index: number): TorTarget {
  const words = line.trim().split(/\s+/);
  const transport = /^\d|^\[/.test(words[0] ?? '') ? 'vanilla' : words.shift()!;
  if (transport !== 'obfs4' && transport !== 'vanilla')
    throw new InvalidDataError(`--targets: tor.bridges[${index}]`, `transport ${transport} is not measured`);
  const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(words[0] ?? '');
  if (!m || ipVersion(m[1]!) === 0 || Number(m[2]) > 65535)
    throw new InvalidDataError(`--targets: tor.bridges[${index}]`, 'expected [transport] IP:PORT ...');
  const ip = m[1]!;
  const port = Number(m[2]);
  return {
    key: createHash('sha256').update(line.trim()).digest('hex'),
    address: joinHostPort(ip, port),
    ip,
    port,
    protocol: transport === 'obfs4' ? 'obfs4' : 'or_port',
    source: 'bridges',
  };
}
