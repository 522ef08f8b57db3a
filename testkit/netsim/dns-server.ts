/** A real UDP DNS server for the simulation, answering from a table (and misbehaving on request). */
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import dnsPacket from 'dns-packet';

/** How the server answers one name. */
export type DnsBehaviour =
  | { a: string[] }
  | { rcode: 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' }
  | { cnameOnly: string }
  | { silent: true }
  | { garbage: true }
  | { flood: number };

const RCODE = { NXDOMAIN: 3, SERVFAIL: 2, REFUSED: 5 } as const;

export interface DnsServer {
  port: number;
  /** The answer table; edit it between runs. Names are lowercase, without the trailing dot. */
  table: Map<string, DnsBehaviour>;
  close(): Promise<void>;
}

/** Listens on `host:port` (default 127.0.0.1, ephemeral). Unknown names get NXDOMAIN, as from an authoritative "no such name". */
export async function startDnsServer(
  table = new Map<string, DnsBehaviour>(),
  host = '127.0.0.1',
  port = 0,
): Promise<DnsServer> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    const reply = replyFromTable(msg, table);
    if (reply) socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(port, host, resolve));
  return {
    port: (socket.address() as AddressInfo).port,
    table,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/**
 * The reply to the DNS message `msg` from `table` (any transport: UDP, a DoT stream, a DoH body), or null for
 * undecodable bytes, a message without a question, or a name the table keeps silent on.
 */
export function replyFromTable(msg: Buffer, table: Map<string, DnsBehaviour>): Buffer | null {
  let query: dnsPacket.Packet;
  try {
    query = dnsPacket.decode(msg);
  } catch {
    return null;
  }
  const q = query.questions?.[0];
  if (!q) return null;
  const behaviour = table.get(q.name.toLowerCase().replace(/\.$/, '')) ?? NXDOMAIN;
  return cachedAnswer(query, q, behaviour);
}

const NXDOMAIN: DnsBehaviour = { rcode: 'NXDOMAIN' };
// A benchmark asks the same few names thousands of times: encode each answer once per behaviour (a
// table entry replaced by a new one starts afresh) and give each reply its query's id.
const answers = new WeakMap<DnsBehaviour, Map<string, Buffer>>();

function cachedAnswer(query: dnsPacket.Packet, q: dnsPacket.Question, b: DnsBehaviour): Buffer | null {
  if (!('a' in b || 'rcode' in b || 'cnameOnly' in b)) return answer(query, q, b);
  let byQuestion = answers.get(b);
  if (!byQuestion) {
    byQuestion = new Map();
    answers.set(b, byQuestion);
  }
  const key = `${q.type} ${q.class} ${q.name}`;
  let encoded = byQuestion.get(key);
  if (!encoded) {
    encoded = answer({ ...query, id: 0 }, q, b)!;
    if (byQuestion.size < 1000) byQuestion.set(key, encoded);
  }
  const reply = Buffer.from(encoded); // a copy: the socket may still be sending the previous one
  reply.writeUInt16BE(query.id ?? 0, 0);
  return reply;
}

function answer(query: dnsPacket.Packet, q: dnsPacket.Question, b: DnsBehaviour): Buffer | null {
  if ('silent' in b) return null;
  if ('garbage' in b)
    return Buffer.from([query.id! >> 8, query.id! & 0xff, 0x81, 0x80, 0xff, 0xff, 0x13, 0x37]);
  // dns-packet ignores `rcode` when encoding: the rcode must go into the flags' low bits.
  const base = { type: 'response' as const, id: query.id, questions: [q] };
  const flags = dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE;
  if ('rcode' in b) return dnsPacket.encode({ ...base, flags: flags | RCODE[b.rcode], answers: [] });
  if ('cnameOnly' in b)
    return dnsPacket.encode({
      ...base,
      flags,
      answers: [{ type: 'CNAME', name: q.name, ttl: 60, data: b.cnameOnly }],
    });
  // A datagram holds at most 64 KiB: a "flood" sends as many of its records as fit.
  const fit = Math.floor(60_000 / (q.name.length + 18));
  const addrs =
    'flood' in b
      ? Array.from({ length: Math.min(b.flood, fit) }, (_, i) => `198.51.${(i >> 8) & 255}.${i & 255}`)
      : b.a;
  const wanted = q.type === 'AAAA' ? [] : addrs;
  return dnsPacket.encode({
    ...base,
    flags,
    answers: wanted.map((data) => ({ type: 'A' as const, name: q.name, ttl: 60, data })),
  });
}
