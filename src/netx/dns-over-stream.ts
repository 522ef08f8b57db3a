/** One DNS exchange over a connected stream (DNS over TLS, RFC 7858: each message preceded by its two-byte length). */
import type net from 'node:net';
import { classifyError, timeoutError } from './classify.js';
import { type DnsReply, decodeReply, encodeQuery } from './dns-message.js';

/** Largest reply read: a DNS message over a stream is at most 64 KiB. */
const MAX_REPLY = 65_535;

/**
 * Asks over `socket` (TCP or TLS, connected; the caller still owns it) for `type` records of `hostname`, with a
 * deadline. Never throws for network failures: a stream closed before the whole reply arrived is `eof_error`.
 */
export function queryOverStream(
  socket: net.Socket,
  hostname: string,
  type: 'A' | 'AAAA',
  timeoutMs: number,
): Promise<DnsReply> {
  const { id, bytes } = encodeQuery(hostname, type);
  const framed = Buffer.alloc(2 + bytes.length);
  framed.writeUInt16BE(bytes.length, 0);
  bytes.copy(framed, 2);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (reply: DnsReply) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('error', onError);
      socket.removeListener('end', onEnd);
      resolve(reply);
    };
    const fail = (failure: string) => finish({ failure, rcode: null, answers: [] });
    const timer = setTimeout(
      () => fail(classifyError('read', timeoutError('DNS over TLS', timeoutMs))),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size < 2) return;
      const all = Buffer.concat(chunks);
      const length = all.readUInt16BE(0);
      if (all.length < 2 + length && size < 2 + MAX_REPLY) return;
      finish(decodeReply(all.subarray(2, 2 + length), id, type) ?? reply('dns_reply_with_wrong_query_id'));
    };
    const onError = (err: Error) => fail(classifyError('read', err));
    const onEnd = () => fail('eof_error');
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('end', onEnd);
    socket.write(framed);
  });
}

function reply(failure: string): DnsReply {
  return { failure, rcode: null, answers: [] };
}
