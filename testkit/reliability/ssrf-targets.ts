/** The targets of the control service's SSRF test: a private listener that counts who reaches it, and a hostile public site. */
import http from 'node:http';
import net from 'node:net';

/** A listener on every address of this machine (`::`, dual-stack) that counts the connections reaching it. */
export interface CountingListener {
  port: number;
  /** Connections accepted so far, with the local address each one reached. */
  reached: string[];
  close(): Promise<void>;
}

/**
 * Listens on `::` at `port` (default ephemeral), so loopback (v4 and v6), IPv4-mapped addresses and every address of the
 * host's interfaces all land here; answers any request with 200 so that a bypass would also show in an answer.
 */
export async function startCountingListener(port = 0): Promise<CountingListener> {
  const reached: string[] = [];
  const open = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    reached.push(socket.localAddress ?? '?');
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => {});
    socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 7\r\n\r\nreached'));
  });
  await new Promise<void>((resolve) => server.listen({ port, host: '::', ipv6Only: false }, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    reached,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const c of open) c.destroy();
      }),
  };
}

/** A public site that does what a hostile one would: redirects anywhere, endless and trickled bodies, slow chains. */
export interface HostileSite {
  port: number;
  close(): Promise<void>;
}

/**
 * Paths: `/to?u=URL` redirects (302) to URL; `/huge` sends an endless body as fast as it can; `/headers` endless
 * headers; `/trickle` sends
 * one byte every 100 ms forever; `/chain/N?wait=MS&u=URL` waits MS then redirects to `/chain/N-1`, and `/chain/0`
 * redirects to URL (or answers 200); anything else answers a small page.
 */
export async function startHostileSite(): Promise<HostileSite> {
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://site');
    res.on('error', () => {});
    if (url.pathname === '/to') {
      res.writeHead(302, { location: url.searchParams.get('u') ?? '/' });
      return res.end();
    }
    if (url.pathname === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const block = Buffer.alloc(1 << 16, 'a');
      const pump = () => {
        while (!res.destroyed && res.write(block)) {}
        if (!res.destroyed) res.once('drain', pump);
      };
      return pump();
    }
    if (url.pathname === '/trickle') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const t = setInterval(() => res.write('a'), 100);
      timers.add(t);
      res.on('close', () => {
        clearInterval(t);
        timers.delete(t);
      });
      return;
    }
    if (url.pathname === '/headers') {
      // Headers that never end, written on the socket itself: only the reader's header cap or timer stops them.
      const socket = req.socket;
      socket.on('error', () => {});
      socket.write('HTTP/1.1 200 OK\r\n');
      const t = setInterval(() => socket.write(`x-pad: ${'a'.repeat(1000)}\r\n`), 5);
      timers.add(t);
      socket.on('close', () => {
        clearInterval(t);
        timers.delete(t);
      });
      return;
    }
    const chain = /^\/chain\/(\d+)$/.exec(url.pathname);
    if (chain) {
      const n = Number(chain[1]);
      const wait = Number(url.searchParams.get('wait') ?? 0);
      const t = setTimeout(() => {
        timers.delete(t);
        const target = url.searchParams.get('u');
        if (n === 0 && !target) return res.end('<title>end of chain</title>');
        const next = n === 0 ? target! : `/chain/${n - 1}${url.search}`;
        res.writeHead(302, { location: next });
        res.end();
      }, wait);
      timers.add(t);
      return;
    }
    res.end('<title>public site</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
