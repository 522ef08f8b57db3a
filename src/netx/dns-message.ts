/** DNS messages (dns-packet): a query, and a reply read into answers or an OONI failure, for every transport (UDP, TLS, HTTPS). */
import { randomInt } from 'node:crypto';
import dnsPacket from 'dns-packet';
import type { Failure } from '../model/failure.js';

/** A record kept from an answer; at most `MAX_ANSWERS` are kept (a hostile server may send thousands). */
export interface DnsAnswerRecord {
  type: string;
  data: string;
  ttl: number | null;
}

/** A reply read: the failure (null when the wanted type was answered), the rcode and the records kept. */
export interface DnsReply {
  failure: Failure | null;
  rcode: number | null;
  answers: DnsAnswerRecord[];
}

export const MAX_ANSWERS = 64;

/** DNS header rcodes (RFC 1035 §4.1.1) mapped to OONI's strings. */
const RCODE_FAILURE: Record<number, Failure> = {
  1: 'dns_server_misbehaving', // FORMERR
  2: 'dns_servfail_error',
  3: 'dns_nxdomain_error',
  4: 'dns_server_misbehaving', // NOTIMP
  5: 'dns_refused_error',
};

/** A query for `type` records of `hostname` with a random id (DoH uses id 0, RFC 8484 §4.1, for caching). */
export function encodeQuery(
  hostname: string,
  type: 'A' | 'AAAA',
  id: number = randomInt(0, 65536),
): { id: number; bytes: Buffer } {
  const bytes = dnsPacket.encode({
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type, name: hostname, class: 'IN' }],
  });
  return { id, bytes };
}

/**
 * Reads a reply to the query `id` for `type`. Returns null for a reply with another id (not ours: keep waiting on
 * a datagram socket); undecodable bytes are `dns_server_misbehaving`.
 */
export function decodeReply(raw: Buffer, id: number, type: 'A' | 'AAAA'): DnsReply | null {
  let reply: dnsPacket.Packet;
  try {
    reply = dnsPacket.decode(raw);
  } catch {
    return { failure: 'dns_server_misbehaving', rcode: null, answers: [] };
  }
  if (reply.id !== id) return null;
  const rcode = ((reply.flags ?? 0) & 0x0f) >>> 0;
  if (rcode !== 0) return { failure: RCODE_FAILURE[rcode] ?? 'dns_server_misbehaving', rcode, answers: [] };
  const answers = (reply.answers ?? [])
    .filter((a) => a.type === 'A' || a.type === 'AAAA' || a.type === 'CNAME')
    .slice(0, MAX_ANSWERS)
    .map((a) => ({
      type: a.type,
      data: String((a as { data: unknown }).data),
      ttl: (a as { ttl?: number }).ttl ?? null,
    }));
  const wanted = answers.some((a) => a.type === type);
  return { failure: wanted ? null : 'dns_no_answer', rcode, answers };
}
