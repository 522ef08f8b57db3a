/**
 * An HTTP proxy in front of a test server that misbehaves on demand, as a busy archive does: answers 503 or 429,
 * answers late, sends bodies slowly, or stops sending part way. It counts requests and the body bytes it passed on.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Fault {
  /** Which requests it applies to (path and query, e.g. `/bucket/raw/...`). */
  match: (path: string) => boolean;
  /** How many matching requests it still applies to. */
  times: number;
  /** Answer with this status instead of forwarding. */
  status?: number;
  /** Wait this long before forwarding. */
  delayMs?: number;
  /** Forward the first bytes of the body, then stop sending (the connection stays open). */
  stallAfterBytes?: number;
}

export interface FaultProxy {
  url: string;
  faults: Fault[];
  /** Requests seen, by path and query. */
  requests: string[];
  /** Body bytes passed on for GETs of objects (not listings). */
  objectBytes: number;
  /** Slow every object body down to about this many bytes per second (0: full speed). */
  throttleBytesPerSecond: number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const to = new URL(target);
  const open = new Set<import('node:net').Socket>();
  const proxy: FaultProxy = {
    url: '',
    faults: [],
    requests: [],
    objectBytes: 0,
    throttleBytesPerSecond: 0,
    close: () =>
      new Promise((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    proxy.requests.push(path);
    const fault = proxy.faults.find((f) => f.times > 0 && f.match(path));
    if (fault) fault.times--;
    if (fault?.status) {
      res.writeHead(fault.status, { 'Content-Type': 'application/xml', 'Retry-After': '0' });
      res.end(`<Error><Code>${fault.status === 429 ? 'TooManyRequests' : 'SlowDown'}</Code></Error>`);
      return;
    }
    const forward = () => {
      const upstream = request(
        { host: to.hostname, port: to.port, path, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          const isObject = req.method === 'GET' && !path.includes('list-type');
          let sent = 0;
          answer.on('data', (piece: Buffer) => {
            if (fault?.stallAfterBytes !== undefined && sent + piece.length > fault.stallAfterBytes) {
              res.write(piece.subarray(0, Math.max(0, fault.stallAfterBytes - sent)));
              sent = fault.stallAfterBytes;
              answer.destroy(); // and never end the answer: the client sees a stall
              return;
            }
            sent += piece.length;
            if (isObject) proxy.objectBytes += piece.length;
            res.write(piece);
            if (isObject && proxy.throttleBytesPerSecond > 0) {
              answer.pause();
              setTimeout(() => answer.resume(), (piece.length / proxy.throttleBytesPerSecond) * 1000);
            }
          });
          answer.on('end', () => {
            if (fault?.stallAfterBytes === undefined) res.end();
          });
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    };
    if (fault?.delayMs) setTimeout(forward, fault.delayMs);
    else forward();
  });
  server.on('connection', (s) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
