/** The network seam: how measurement steps reach the world, so a simulator can stand in for the real network. */
import { promises as dns } from 'node:dns';
import type { Socket } from 'node:net';

/** A connected stream (TCP or TLS) as the steps pass it along. */
export type Connection = Socket;

/** A concrete place to open a socket. */
export interface Endpoint {
  host: string;
  port: number;
}

/**
 * What the steps need from the world. Production passes `systemNetwork`; the simulated censored
 * networks in testkit/ pass a version that maps public-looking virtual IPs to loopback listeners.
 */
export interface Network {
  /** The system resolver (getaddrinfo). Rejects with a Node errno error (`ENOTFOUND`, `ENODATA`, ...). */
  lookup(hostname: string): Promise<string[]>;
  /** Where a TCP connection to `ip:port` really goes; the simulator may also wait here to emulate latency. */
  dial(ip: string, port: number): Promise<Endpoint>;
  /** Where a UDP datagram to `ip:port` really goes. */
  udpRoute(ip: string, port: number): Endpoint;
}

/** The real network: getaddrinfo and direct sockets. */
export const systemNetwork: Network = {
  async lookup(hostname) {
    const all = await dns.lookup(hostname, { all: true, verbatim: true });
    return all.map((a) => a.address);
  },
  async dial(ip, port) {
    return { host: ip, port };
  },
  udpRoute(ip, port) {
    return { host: ip, port };
  },
};
