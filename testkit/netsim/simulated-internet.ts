/** Layer 1: a userspace censored network — virtual IPs on loopback listeners, two resolvers, a middlebox, a control. */
import net from 'node:net';
import type { RunningControl } from '../../src/control/control-server.js';
import type { Endpoint, Network } from '../../src/netx/network.js';
import { type DnsBehaviour, type DnsServer, startDnsServer } from './dns-server.js';
import { endpointRule, type MiddleboxRule, startRelay, udpDropped } from './middlebox.js';
import { resolverAt, type SimSnapshot, startSimControl } from './sim-snapshot.js';
import type { PageSpec } from './site-pages.js';
import { startSiteServers } from './site-servers.js';
import { createTestPki, type KeyPair, type TestPki } from './test-pki.js';
import { startUdpServices } from './udp-services.js';
import { ISP_RESOLVER, PUBLIC_RESOLVER, WORLD, worldRecords } from './world.js';

/** What a scenario changes in the world. Scenarios are data: see testkit/scenarios/. */
export interface SimConfig {
  /** The ISP resolver's answers (the probe's getaddrinfo asks it). */
  ispDns?: Record<string, DnsBehaviour>;
  /** Every resolver's answers (the control's too). */
  allDns?: Record<string, DnsBehaviour>;
  rules?: MiddleboxRule[];
  /** What a site serves to the probe (through the middlebox) or to the control. */
  pages?: Record<string, { probe?: PageSpec; control?: PageSpec }>;
  /** The control cannot be reached. */
  controlDown?: boolean;
  /** The user installed a state root (the probe trusts it). */
  probeTrusts?: ('qaznet' | 'isca')[];
}

export interface SimulatedInternet {
  probeNetwork: Network;
  controlUrl(): string;
  /** Roots the probe trusts under the current config. */
  probeCa(): string[];
  ispResolver: string;
  publicResolver: string;
  pki: TestPki;
  configure(config: SimConfig): void;
  /** Starts a relay for every endpoint of the world and tells where everything listens (for another process). */
  snapshot(): Promise<SimSnapshot>;
  close(): Promise<void>;
}

/**
 * Starts everything on 127.0.0.1; `latencyMs` is a round trip added on the client's link. The
 * simulated getaddrinfo's own timer (`dnsTimeoutMs`, 5 s) outlasts the probe's DNS timer, so the
 * probe's fires first.
 */
export async function startSimulatedInternet(
  opts: {
    latencyMs?: number;
    dnsTimeoutMs?: number;
    /** False: no control here (a benchmark runs it in a process of its own, see sim-snapshot.ts). */
    control?: boolean;
  } = {},
): Promise<SimulatedInternet> {
  const latency = opts.latencyMs ?? 0;
  const pki = createTestPki();
  let config: SimConfig = {};
  const closers: (() => void | Promise<void>)[] = [];
  const isp = await startDnsServer();
  const pub = await startDnsServer();
  closers.push(
    () => isp.close(),
    () => pub.close(),
  );
  const closedPort = await findClosedPort();

  const sites = await startSiteServers(WORLD, { pki, config: () => config, dnsTable: pub.table });
  closers.push(() => sites.close());
  const listeners = sites.listeners;
  const udp = await startUdpServices(WORLD, pub.table);
  closers.push(() => udp.close());
  const forged = new Map<string, KeyPair>();
  const forge = (issuer: 'qaznet' | 'isca', sni: string) => {
    const key = `${issuer}:${sni}`;
    let pair = forged.get(key);
    if (!pair) {
      const leaf = pki[issuer].issue([sni]);
      pair = { key: leaf.key, cert: leaf.cert + pki[issuer].pem }; // the censor sends its root along
      forged.set(key, pair);
    }
    return pair;
  };

  const relays = new Map<string, Promise<number>>();
  const relayPort = (ip: string, port: number): Promise<number> => {
    const key = `${ip}:${port}`;
    let p = relays.get(key);
    if (!p) {
      const upstreamPort = listeners.get(`probe|${key}`) ?? closedPort;
      p = startRelay(
        { ip, port, upstreamPort, cleartextPort: listeners.get(`probe|${ip}:80`) ?? null },
        { rules: () => config.rules ?? [], oneWayDelayMs: () => latency / 2, forge },
      ).then((relay) => {
        closers.push(relay.close);
        return relay.port;
      });
      relays.set(key, p);
    }
    return p;
  };

  const resolverFor = (server: DnsServer) => resolverAt(server.port, opts.dnsTimeoutMs ?? 5000);
  const udpRoute = (ip: string, port: number): Endpoint => {
    const key = `${ip}:${port}`;
    if (key === ISP_RESOLVER) return { host: '127.0.0.1', port: isp.port };
    if (key === PUBLIC_RESOLVER) return { host: '127.0.0.1', port: pub.port };
    return { host: '127.0.0.1', port: udp.routes.get(key) ?? closedPort };
  };
  /** The probe's datagrams cross the middlebox: a UDP drop rule sends them into a hole. */
  const probeUdpRoute = (ip: string, port: number): Endpoint =>
    udpDropped(config.rules ?? [], ip, port)
      ? { host: '127.0.0.1', port: udp.blackhole }
      : udpRoute(ip, port);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const probeNetwork: Network = {
    lookup: async (hostname) => {
      if (latency) await sleep(latency);
      return resolverFor(isp)(hostname);
    },
    async dial(ip, port) {
      if (latency) await sleep(latency);
      const rule = endpointRule(config.rules ?? [], ip, port);
      if (rule?.action === 'drop') return new Promise<Endpoint>(() => {}); // the SYN is never answered
      if (rule?.action === 'refuse' || !listeners.has(`probe|${ip}:${port}`))
        return { host: '127.0.0.1', port: closedPort };
      return { host: '127.0.0.1', port: await relayPort(ip, port) };
    },
    udpRoute: probeUdpRoute,
  };
  const controlNetwork: Network = {
    lookup: resolverFor(pub),
    async dial(ip, port) {
      return { host: '127.0.0.1', port: listeners.get(`control|${ip}:${port}`) ?? closedPort };
    },
    udpRoute,
  };
  const control: RunningControl | null =
    opts.control === false ? null : await startSimControl(controlNetwork, [pki.root.pem]);
  if (control) closers.push(() => control.close());

  const configure = (next: SimConfig) => {
    config = next;
    const base = worldRecords();
    isp.table.clear();
    pub.table.clear();
    for (const [name, addrs] of base) {
      isp.table.set(name, { a: addrs });
      pub.table.set(name, { a: addrs });
    }
    for (const [name, b] of Object.entries(next.allDns ?? {})) {
      isp.table.set(name, b);
      pub.table.set(name, b);
    }
    for (const [name, b] of Object.entries(next.ispDns ?? {})) isp.table.set(name, b);
  };
  configure({});

  return {
    probeNetwork,
    controlUrl: () => (config.controlDown || !control ? `http://127.0.0.1:${closedPort}/` : control.url),
    probeCa: () => [pki.root.pem, ...(config.probeTrusts ?? []).map((n) => pki[n].pem)],
    ispResolver: ISP_RESOLVER,
    publicResolver: PUBLIC_RESOLVER,
    pki,
    configure,
    async snapshot(): Promise<SimSnapshot> {
      const relaysByEndpoint: Record<string, number> = {};
      const controlListeners: Record<string, number> = {};
      for (const [key, port] of listeners) {
        const [view, endpoint] = key.split('|') as [string, string];
        if (view === 'control') controlListeners[endpoint] = port;
        else {
          const [ip, relayed] = endpoint.split(':');
          relaysByEndpoint[endpoint] = await relayPort(ip!, Number(relayed));
        }
      }
      return {
        relays: relaysByEndpoint,
        ispDnsPort: isp.port,
        closedPort,
        controlUrl: control?.url ?? null,
        probeCa: [pki.root.pem],
        control: { publicDnsPort: pub.port, listeners: controlListeners, ca: [pki.root.pem] },
      };
    },
    async close() {
      for (const close of closers.reverse()) await close();
      pki.dispose();
    },
  };
}

/**
 * A loopback port with nothing listening (connections to it are refused). It lies below the kernel's
 * ephemeral range, so no `listen(0)` — another simulation, another test file running beside this one —
 * can be handed it later; a port found free and closed again could be.
 */
async function findClosedPort(): Promise<number> {
  for (let port = 1; port < 1024; port++) {
    const refused = await new Promise<boolean>((resolve) => {
      const probe = net.connect({ host: '127.0.0.1', port });
      probe.once('connect', () => {
        probe.destroy();
        resolve(false);
      });
      probe.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
    });
    if (refused) return port;
  }
  throw new Error('no closed port below 1024 on 127.0.0.1');
}
