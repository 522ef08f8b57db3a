/**
 * A STUN binding request over UDP (RFC 5389 §6): what stunreachability sends. Only whether and when a matching
 * answer came is kept: the answer carries the probe's own public address, which is never stored.
 */
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import type { Failure } from '../model/failure.js';
import { classifyError, timeoutError } from './classify.js';
import type { Network } from './network.js';

const BINDING_REQUEST = 0x0001;
const BINDING_SUCCESS = 0x0101;
const BINDING_ERROR = 0x0111;
const MAGIC_COOKIE = 0x2112a442;

export interface StunOutcome {
  failure: Failure | null;
  /** Seconds from sending the request to the matching answer; null without one. */
  rttSeconds: number | null;
  bytesSent: number;
  bytesReceived: number;
}

/** Sends one binding request to `ip:port` and waits `timeoutMs` for its answer; never throws for network failures. */
export function stunBinding(
  network: Network,
  ip: string,
  port: number,
  timeoutMs: number,
): Promise<StunOutcome> {
  const transaction = randomBytes(12);
  const request = Buffer.alloc(20);
  request.writeUInt16BE(BINDING_REQUEST, 0);
  request.writeUInt16BE(0, 2);
  request.writeUInt32BE(MAGIC_COOKIE, 4);
  transaction.copy(request, 8);
  const target = network.udpRoute(ip, port);
  const socket = dgram.createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
  const sent = performance.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (failure: Failure | null, bytesReceived = 0) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      const rttSeconds = failure ? null : Math.round(performance.now() - sent) / 1000;
      resolve({ failure, rttSeconds, bytesSent: request.length, bytesReceived });
    };
    const timer = setTimeout(
      () => finish(classifyError('read', timeoutError('STUN binding', timeoutMs))),
      timeoutMs,
    );
    socket.on('error', (err) => finish(classifyError('read', err)));
    socket.on('message', (answer) => {
      // Anything but an answer to this transaction (a late or forged datagram) is not ours: keep waiting.
      if (answer.length < 20 || answer.readUInt32BE(4) !== MAGIC_COOKIE) return;
      if (!answer.subarray(8, 20).equals(transaction)) return;
      const type = answer.readUInt16BE(0);
      if (type === BINDING_SUCCESS) finish(null, answer.length);
      else if (type === BINDING_ERROR) finish('unknown_failure: STUN error response', answer.length);
    });
    socket.send(request, target.port, target.host, (err) => {
      if (err) finish(classifyError('read', err));
    });
  });
}
