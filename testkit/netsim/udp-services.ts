/** The simulated Internet's UDP servers besides its two resolvers: other public resolvers and STUN servers, and a blackhole for dropped datagrams. */
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { type DnsBehaviour, startDnsServer } from './dns-server.js';
import { startStunServer } from './stun-server.js';
import type { SiteSpec } from './world.js';

export interface UdpServices {
  /** "ip:port" → the loopback port serving it. */
  routes: Map<string, number>;
  /** A port that takes datagrams and never answers (where a dropped datagram is sent). */
  blackhole: number;
  close(): Promise<void>;
}

/** Starts each site's UDP services; resolvers answer from `dnsTable` (the public resolver's, shared). */
export async function startUdpServices(
  sites: SiteSpec[],
  dnsTable: Map<string, DnsBehaviour>,
): Promise<UdpServices> {
  const routes = new Map<string, number>();
  const closers: (() => Promise<void>)[] = [];
  for (const site of sites) {
    for (const [port, kind] of Object.entries(site.udp ?? {})) {
      const server = kind === 'dns' ? await startDnsServer(dnsTable) : await startStunServer();
      routes.set(`${site.ip}:${port}`, server.port);
      closers.push(() => server.close());
    }
  }
  const hole = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => hole.bind(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => hole.close(() => resolve())));
  return {
    routes,
    blackhole: (hole.address() as AddressInfo).port,
    async close() {
      for (const close of closers) await close();
    },
  };
}
