/** A STUN server for the simulation: answers a binding request (RFC 5389) with the requester's address, as real ones do. */
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';

const MAGIC_COOKIE = 0x2112a442;

/** Listens on `host:port` (by default 127.0.0.1, an ephemeral port); `close` stops it. */
export async function startStunServer(
  host = '127.0.0.1',
  port = 0,
): Promise<{ port: number; close(): Promise<void> }> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    if (msg.length < 20 || msg.readUInt16BE(0) !== 0x0001 || msg.readUInt32BE(4) !== MAGIC_COOKIE) return;
    // XOR-MAPPED-ADDRESS (0x0020): family IPv4, port and address xored with the magic cookie.
    const attribute = Buffer.alloc(12);
    attribute.writeUInt16BE(0x0020, 0);
    attribute.writeUInt16BE(8, 2);
    attribute.writeUInt16BE(0x0001, 4);
    attribute.writeUInt16BE(rinfo.port ^ (MAGIC_COOKIE >>> 16), 6);
    const ip = rinfo.address.split('.').reduce((n, part) => (n << 8) | Number(part), 0) >>> 0;
    attribute.writeUInt32BE((ip ^ MAGIC_COOKIE) >>> 0, 8);
    const header = Buffer.alloc(20);
    header.writeUInt16BE(0x0101, 0);
    header.writeUInt16BE(attribute.length, 2);
    msg.copy(header, 4, 4, 20); // the cookie and the transaction id, echoed
    socket.send(Buffer.concat([header, attribute]), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(port, host, resolve));
  return {
    port: (socket.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
