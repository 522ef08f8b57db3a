/** A simulation seen from another process: where it listens, and the probe's and the control's networks built from that. */

import { type RunningControl, startControlServer } from '../../src/control/control-server.js';
import type { Failure } from '../../src/model/failure.js';
import { queryUdp } from '../../src/netx/dns-udp.js';
import type { Network } from '../../src/netx/network.js';
import { DEFAULT_MAX_BODY, type ProbeConfig, type Timeouts } from '../../src/probe/probe-config.js';

/** Where a running simulation listens: enough for another process to build a probe `Network` (no rules) or to run the control. */
export interface SimSnapshot {
  /** "ip:port" of the world → the loopback port of its middlebox relay. */
  relays: Record<string, number>;
  ispDnsPort: number;
  closedPort: number;
  /** The simulation's own control, null when it runs elsewhere (`startControlFor`). */
  controlUrl: string | null;
  probeCa: string[];
  /** What a control running elsewhere needs: the public resolver, the sites' listeners for the control, the roots. */
  control: { publicDnsPort: number; listeners: Record<string, number>; ca: string[] };
}

/** The control's settings in the simulation, wherever it runs. */
export function startSimControl(network: Network, ca: string[]): Promise<RunningControl> {
  return startControlServer({
    host: '127.0.0.1',
    port: 0,
    concurrency: 64,
    network,
    allowPrivate: false,
    ca,
    timeouts: { dns: 2000, connect: 2000, tlsHandshake: 2000, http: 5000 },
    asnOf: () => 0,
  });
}

/** Starts a control in this process that measures the simulation `snap` describes (as in-process, off the client's link). */
export function startControlFor(snap: SimSnapshot): Promise<RunningControl> {
  const network: Network = {
    lookup: resolverAt(snap.control.publicDnsPort, 5000),
    dial: async (ip, port) => ({
      host: '127.0.0.1',
      port: snap.control.listeners[`${ip}:${port}`] ?? snap.closedPort,
    }),
    udpRoute: () => ({ host: '127.0.0.1', port: snap.closedPort }),
  };
  return startSimControl(network, snap.control.ca);
}

/** A probe `Network` over a simulation running elsewhere: latency, DNS and relays, no rules. */
export function networkFromSnapshot(snap: SimSnapshot, latencyMs: number): Network {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const lookup = resolverAt(snap.ispDnsPort, 2000);
  return {
    async lookup(hostname) {
      if (latencyMs) await sleep(latencyMs);
      return lookup(hostname);
    },
    async dial(ip, port) {
      if (latencyMs) await sleep(latencyMs);
      return { host: '127.0.0.1', port: snap.relays[`${ip}:${port}`] ?? snap.closedPort };
    },
    udpRoute: () => ({ host: '127.0.0.1', port: snap.closedPort }),
  };
}

const SYSTEM_FAILURE_CODE: Record<string, string> = {
  dns_nxdomain_error: 'ENOTFOUND',
  dns_no_answer: 'ENODATA',
  dns_servfail_error: 'ESERVFAIL',
  dns_refused_error: 'EREFUSED',
  generic_timeout_error: 'EAI_AGAIN',
};

/** A simulated getaddrinfo: A records from the resolver on loopback `port`, failures as Node's errno errors. */
export function resolverAt(port: number, timeoutMs: number): (hostname: string) => Promise<string[]> {
  return async (hostname) => {
    const outcome = await queryUdp(direct, { ip: '127.0.0.1', port }, hostname.toLowerCase(), 'A', timeoutMs);
    if (outcome.failure) throw lookupError(outcome.failure, hostname);
    return outcome.answers.filter((a) => a.type === 'A').map((a) => a.data);
  };
}

const direct: Network = {
  lookup: async () => [],
  dial: async (ip, port) => ({ host: ip, port }),
  udpRoute: (ip, port) => ({ host: ip, port }),
};

function lookupError(failure: Failure, hostname: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`getaddrinfo ${failure} ${hostname}`);
  err.code = SYSTEM_FAILURE_CODE[failure] ?? 'EBADRESP';
  return err;
}

/** A probe configuration for a simulated Internet seen through `snap` (its control, its test CA). */
export function probeConfigFor(snap: SimSnapshot, latencyMs: number, timeouts: Timeouts): ProbeConfig {
  return {
    network: networkFromSnapshot(snap, latencyMs),
    timeouts,
    maxBodyBytes: DEFAULT_MAX_BODY,
    maxRedirects: 10,
    neutralSni: 'example.com',
    ca: snap.probeCa,
    udpResolver: null,
    controlUrl: snap.controlUrl!,
    throttlingFactor: 5,
  };
}
