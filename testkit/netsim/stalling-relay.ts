/**
 * A starved probe on a healthy network: a probe `Network` whose connections run through a relay in the probe's own
 * process that holds the process's event loop (a busy loop, as a machine too busy to schedule the probe would) before
 * passing on each chunk the server sends. The network stays as fast as it was; only the probe is late.
 */
import net from 'node:net';
import type { Endpoint, Network } from '../../src/netx/network.js';

export interface StallingNetwork {
  network: Network;
  /** How many times the relay held the loop so far. */
  stalls(): number;
  close(): Promise<void>;
}

/** Holds the event loop for `ms` milliseconds: nothing else of this process runs meanwhile. */
export function holdLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy on purpose
  }
}

/**
 * Wraps `inner`: every TCP connection dialled goes through a loopback relay that passes what the server sends in
 * pieces of at most `pieceBytes`, holding the loop `stallMs` before each (a page then meets several stalls).
 */
export function stallingNetwork(inner: Network, stallMs: number, pieceBytes = 1024): StallingNetwork {
  const servers = new Set<net.Server>();
  const sockets = new Set<net.Socket>();
  let stalls = 0;
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const relay = async (target: Endpoint): Promise<Endpoint> => {
    const server = net.createServer((client) => {
      server.close(); // one connection per dial
      const upstream = net.connect(target.port, target.host);
      track(client);
      track(upstream);
      client.pipe(upstream);
      upstream.on('data', (chunk: Buffer) => {
        for (let at = 0; at < chunk.length && !client.destroyed; at += pieceBytes) {
          stalls += 1;
          holdLoop(stallMs);
          client.write(chunk.subarray(at, at + pieceBytes));
        }
      });
      upstream.once('end', () => client.end());
      upstream.once('close', () => client.destroy());
      client.once('close', () => upstream.destroy());
    });
    servers.add(server);
    server.once('close', () => servers.delete(server));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { host: '127.0.0.1', port: (server.address() as net.AddressInfo).port };
  };
  return {
    network: {
      lookup: (hostname) => inner.lookup(hostname),
      dial: async (ip, port) => relay(await inner.dial(ip, port)),
      udpRoute: (ip, port) => inner.udpRoute(ip, port),
    },
    stalls: () => stalls,
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([...servers].map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}
