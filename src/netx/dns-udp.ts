/** One DNS query over UDP (dns-packet), with a timer, a size bound and rcode classification. */

import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';
import type { Failure } from '../model/failure.js';
import { classifyError, timeoutError } from './classify.js';
import type { Network } from './network.js';

/** A record kept from an answer; at most `MAX_ANSWERS` are kept (a hostile server may send thousands). */
export interface UdpAnswer {
  type: string;
  data: string;
  ttl: number | null;
}

export interface UdpDnsOutcome {
  failure: Failure | null;
  rcode: number | null;
  answers: UdpAnswer[];
  /** The raw reply, for `raw_response` (a UDP datagram is at most 64 KiB). */
  raw: Buffer | null;
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

/** Asks `server` (ip:port as the measurement names it) for `type` records of `hostname`. */
export function queryUdp(
  network: Network,
  server: { ip: string; port: number },
  hostname: string,
  type: 'A' | 'AAAA',
  timeoutMs: number,
): Promise<UdpDnsOutcome> {
  const id = randomInt(0, 65536);
  const query = dnsPacket.encode({
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type, name: hostname, class: 'IN' }],
  });
  const target = network.udpRoute(server.ip, server.port);
  const socket = dgram.createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
  return new Promise((resolve) => {
    let done = false;
    const finish = (outcome: UdpDnsOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      resolve(outcome);
    };
    const fail = (failure: Failure, raw: Buffer | null = null, rcode: number | null = null) =>
      finish({ failure, rcode, answers: [], raw });
    const timer = setTimeout(
      () => fail(classifyError('resolve', timeoutError('DNS query', timeoutMs))),
      timeoutMs,
    );
    socket.on('error', (err) => fail(classifyError('resolve', err)));
    socket.on('message', (raw) => {
      let reply: dnsPacket.Packet;
      try {
        reply = dnsPacket.decode(raw);
      } catch {
        return fail('dns_server_misbehaving', raw);
      }
      // A reply with another id is not ours (possibly injected late): keep waiting for the real one.
      if (reply.id !== id) return;
      const rcode = rcodeNumber(reply);
      if (rcode !== 0) return fail(RCODE_FAILURE[rcode] ?? 'dns_server_misbehaving', raw, rcode);
      const answers = (reply.answers ?? [])
        .filter((a) => a.type === 'A' || a.type === 'AAAA' || a.type === 'CNAME')
        .slice(0, MAX_ANSWERS)
        .map((a) => ({
          type: a.type,
          data: String((a as { data: unknown }).data),
          ttl: (a as { ttl?: number }).ttl ?? null,
        }));
      const wanted = answers.filter((a) => a.type === type);
      finish({ failure: wanted.length ? null : 'dns_no_answer', rcode, answers, raw });
    });
    socket.send(query, target.port, target.host, (err) => {
      if (err) fail(classifyError('resolve', err));
    });
  });
}

function rcodeNumber(reply: dnsPacket.Packet): number {
  return ((reply.flags ?? 0) & 0x0f) >>> 0;
}
