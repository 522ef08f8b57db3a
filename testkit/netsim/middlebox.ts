/** The censor on the client's link: a TCP relay that applies DPI rules (netem's vocabulary) and injects latency. */
import net from 'node:net';
import tls from 'node:tls';
import { extractSni } from './sni.js';

/** What a rule looks at: the SNI of a ClientHello, a string in the first bytes (a Host header), the endpoint. */
export interface Match {
  sni?: string;
  string?: string;
  ip?: string;
  port?: number;
  /** UDP rules apply to datagrams (only `drop`); every other rule to TCP (the default). */
  proto?: 'tcp' | 'udp';
}

export type MiddleboxRule =
  /** RST once the match is seen (or on accept when only the endpoint is given). */
  | { action: 'reset'; match: Match }
  /** FIN once the match is seen: the client reads EOF. */
  | { action: 'close'; match: Match }
  /** Blackhole: an endpoint-only drop eats the SYN; with a string/SNI the flow stalls after it. */
  | { action: 'drop'; match: Match }
  /** Refuse the connection (RST to the SYN). Endpoint only. */
  | { action: 'refuse'; match: Match }
  /** Delay every server→client piece of `chunkBytes` by `delayMs`. */
  | { action: 'throttle'; match: Match; delayMs: number; chunkBytes: number }
  /** Answer with this HTTP response instead of the server (a transparent proxy's own page); `headers` adds to its head. */
  | { action: 'blockpage'; match: Match; status: number; body: string; headers?: Record<string, string> }
  /** Terminate TLS with a certificate for the SNI forged by `issue`, then fetch from the origin's cleartext port. */
  | { action: 'intercept'; match: Match; issuer: 'qaznet' | 'isca' };

/** True when an endpoint-only rule applies to `ip:port` (checked when dialling). */
export function endpointRule(rules: MiddleboxRule[], ip: string, port: number): MiddleboxRule | undefined {
  return rules.find(
    (r) =>
      r.match.proto !== 'udp' &&
      !r.match.sni &&
      !r.match.string &&
      (r.match.ip === undefined || r.match.ip === ip) &&
      (r.match.port === undefined || r.match.port === port) &&
      (r.action === 'drop' || r.action === 'refuse' || r.action === 'reset'),
  );
}

/** True when a UDP drop rule applies to datagrams for `ip:port`. */
export function udpDropped(rules: MiddleboxRule[], ip: string, port: number): boolean {
  return rules.some(
    (r) =>
      r.action === 'drop' &&
      r.match.proto === 'udp' &&
      (r.match.ip === undefined || r.match.ip === ip) &&
      (r.match.port === undefined || r.match.port === port),
  );
}

export interface RelayTarget {
  ip: string;
  port: number;
  /** The real server listener. */
  upstreamPort: number;
  /** The origin's cleartext HTTP listener (for interception). */
  cleartextPort: number | null;
}

export interface RelayContext {
  rules(): MiddleboxRule[];
  /** One-way delay per chunk in ms (half the injected round trip). */
  oneWayDelayMs(): number;
  /** A key and chain forged for `sni` by the named state CA. */
  forge(issuer: 'qaznet' | 'isca', sni: string): { key: string; cert: string };
}

/** Starts a relay listener for one virtual endpoint; returns its loopback port and a closer. */
export async function startRelay(
  target: RelayTarget,
  ctx: RelayContext,
): Promise<{ port: number; close(): void }> {
  const sockets = new Set<net.Socket>();
  const interceptors = new Map<string, Promise<number>>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    const endpoint = endpointRule(ctx.rules(), target.ip, target.port);
    if (endpoint?.action === 'reset') return void client.resetAndDestroy();
    client.once('data', (first: Buffer) => handleFirst(client, first, target, ctx, sockets, interceptors));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

function handleFirst(
  client: net.Socket,
  first: Buffer,
  target: RelayTarget,
  ctx: RelayContext,
  sockets: Set<net.Socket>,
  interceptors: Map<string, Promise<number>>,
) {
  const sni = extractSni(first);
  const text = first.toString('latin1').toLowerCase();
  const rule = ctx.rules().find((r) => {
    const m = r.match;
    if (m.proto === 'udp') return false;
    if (m.ip !== undefined && m.ip !== target.ip) return false;
    if (m.port !== undefined && m.port !== target.port) return false;
    if (m.sni !== undefined) return sni === m.sni;
    if (m.string !== undefined) return text.includes(m.string.toLowerCase());
    return r.action === 'throttle' || r.action === 'blockpage' || r.action === 'intercept';
  });
  switch (rule?.action) {
    case 'reset':
      return void client.resetAndDestroy();
    case 'close':
      return void client.end();
    case 'drop':
      return; // hold the connection and forward nothing
    case 'blockpage': {
      const body = Buffer.from(rule.body);
      const extra = Object.entries(rule.headers ?? {})
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      const head = `HTTP/1.1 ${rule.status} Blocked\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\n${extra}Connection: close\r\n\r\n`;
      return void client.end(Buffer.concat([Buffer.from(head), body]));
    }
    case 'intercept': {
      if (target.cleartextPort === null) return void client.destroy();
      let port = interceptors.get(rule.issuer);
      if (!port) {
        port = startInterceptor(rule.issuer, target.cleartextPort, ctx, sockets);
        interceptors.set(rule.issuer, port);
      }
      return void port.then((p) => forward(client, first, p, ctx, sockets, null));
    }
    default:
      return forward(
        client,
        first,
        target.upstreamPort,
        ctx,
        sockets,
        rule?.action === 'throttle' ? rule : null,
      );
  }
}

function forward(
  client: net.Socket,
  first: Buffer,
  upstreamPort: number,
  ctx: RelayContext,
  sockets: Set<net.Socket>,
  throttle: { delayMs: number; chunkBytes: number } | null,
) {
  const upstream = net.connect({ host: '127.0.0.1', port: upstreamPort });
  sockets.add(upstream);
  upstream.on('close', () => sockets.delete(upstream));
  // A reset travels on as a reset; other errors as a plain close.
  upstream.on('error', (err: NodeJS.ErrnoException) =>
    err.code === 'ECONNRESET' ? client.resetAndDestroy() : client.destroy(),
  );
  client.on('close', () => upstream.destroy());
  const delay = ctx.oneWayDelayMs();
  delayed(client, upstream, delay, null, first);
  delayed(upstream, client, delay, throttle, null);
}

/**
 * Copies `from` to `to`, each chunk `delayMs` late, in order, the end after the last chunk;
 * throttling slices chunks into `chunkBytes` pieces paced `delayMs` apart.
 */
function delayed(
  from: net.Socket,
  to: net.Socket,
  delayMs: number,
  throttle: { delayMs: number; chunkBytes: number } | null,
  first: Buffer | null,
) {
  if (delayMs === 0 && !throttle) {
    if (first) to.write(first);
    from.pipe(to);
    return;
  }
  if (!throttle) return latency(from, to, delayMs, first);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  let chain: Promise<unknown> = Promise.resolve();
  const enqueue = (work: () => Promise<unknown> | undefined) => {
    chain = chain.then(work).catch(() => {});
  };
  const send = (chunk: Buffer) => {
    const sentAt = performance.now();
    if (throttle) from.pause(); // pace the sender too, as a congested link would
    enqueue(async () => {
      const wait = delayMs - (performance.now() - sentAt);
      if (wait > 0) await sleep(wait);
      if (!throttle) {
        if (!to.destroyed) to.write(chunk);
      } else {
        for (let offset = 0; offset < chunk.length && !to.destroyed; offset += throttle.chunkBytes) {
          await sleep(throttle.delayMs);
          to.write(chunk.subarray(offset, offset + throttle.chunkBytes));
        }
      }
      if (throttle) from.resume();
    });
  };
  if (first) send(first);
  from.on('data', send);
  from.on('end', () => enqueue(async () => void to.end()));
}

/**
 * The same delivery as `delayed` without throttling (each chunk `delayMs` after it arrived, in order,
 * the end right after the last chunk), with one timer per direction instead of a timer and a promise
 * chain per chunk: the relay carries every byte of the benchmark, so its cost is the simulation's.
 */
function latency(from: net.Socket, to: net.Socket, delayMs: number, first: Buffer | null) {
  const queue: { sentAt: number; chunk: Buffer | null }[] = []; // null: the end
  let waiting = false;
  const deliver = () => {
    waiting = false;
    // The head's timer has fired; later chunks go out once their own delay is over, as sleeps in turn would.
    let head = queue.shift();
    while (head) {
      if (head.chunk === null) to.end();
      else if (!to.destroyed) to.write(head.chunk);
      const next = queue[0];
      if (!next) return;
      if (next.chunk !== null) {
        const wait = delayMs - (performance.now() - next.sentAt);
        if (wait > 0) {
          waiting = true;
          setTimeout(deliver, wait);
          return;
        }
      }
      head = queue.shift();
    }
  };
  const push = (chunk: Buffer | null) => {
    queue.push({ sentAt: performance.now(), chunk });
    if (waiting || queue.length > 1) return;
    if (chunk === null) return deliver();
    waiting = true;
    setTimeout(deliver, delayMs);
  };
  if (first) push(first);
  from.on('data', (chunk: Buffer) => push(chunk));
  from.on('end', () => push(null));
}

/** A TLS server that forges certificates for any SNI and fetches from the origin's cleartext port. */
async function startInterceptor(
  issuer: 'qaznet' | 'isca',
  cleartextPort: number,
  ctx: RelayContext,
  sockets: Set<net.Socket>,
): Promise<number> {
  const server = tls.createServer(
    {
      SNICallback: (servername, cb) => cb(null, tls.createSecureContext(ctx.forge(issuer, servername))),
      ...ctx.forge(issuer, 'interception.invalid'),
    },
    (secure) => {
      const upstream = net.connect({ host: '127.0.0.1', port: cleartextPort });
      sockets.add(upstream);
      secure.on('error', () => upstream.destroy());
      upstream.on('error', () => secure.destroy());
      upstream.on('close', () => secure.destroy());
      secure.pipe(upstream);
      upstream.pipe(secure);
    },
  );
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sockets.add({ destroy: () => server.close() } as unknown as net.Socket);
  return (server.address() as net.AddressInfo).port;
}
