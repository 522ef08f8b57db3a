/** One DNS query over UDP (dns-packet), with a timer, a size bound and rcode classification. */

import dgram from 'node:dgram';
import type { Failure } from '../model/failure.js';
import { classifyError, timeoutError } from './classify.js';
import { type DnsReply, decodeReply, encodeQuery } from './dns-message.js';
import type { Network } from './network.js';

export interface UdpDnsOutcome extends DnsReply {
  /** The raw reply, for `raw_response` (a UDP datagram is at most 64 KiB). */
  raw: Buffer | null;
}

/** Asks `server` (ip:port as the measurement names it) for `type` records of `hostname`. */
export function queryUdp(
  network: Network,
  server: { ip: string; port: number },
  hostname: string,
  type: 'A' | 'AAAA',
  timeoutMs: number,
): Promise<UdpDnsOutcome> {
  const { id, bytes: query } = encodeQuery(hostname, type);
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
      // A reply with another id is not ours (possibly injected late): keep waiting for the real one.
      const reply = decodeReply(raw, id, type);
      if (reply) finish({ ...reply, raw });
    });
    socket.send(query, target.port, target.host, (err) => {
      if (err) fail(classifyError('resolve', err));
    });
  });
}
