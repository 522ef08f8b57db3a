/**
 * The CPU floor of bench/probe: bare Node doing the exchanges the probe makes for an accessible URL — the lookup, the
 * control's POST, a TCP connect, a TLS handshake for https, an HTTP GET with the same headers read to its end — at
 * the same concurrency, with no analysis, no recording and no timers of its own.
 */
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import type { Network } from '../../src/netx/network.js';
import { REQUEST_HEADERS, REQUEST_HEADERS_TITLE_CASE } from '../../src/probe/probe-config.js';

export interface BareClientOptions {
  network: Network;
  controlUrl: string;
  ca: string[];
  parallel: number;
}

/** Runs every URL through the bare exchanges, `parallel` at once; returns how many completed with a 200. */
export async function runBareClient(urls: readonly string[], opts: BareClientOptions): Promise<number> {
  const agent = new http.Agent({ keepAlive: true });
  const secureContext = tls.createSecureContext({ ca: opts.ca });
  let next = 0;
  let ok = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = new URL(urls[next++]!);
      const status = await exchange(url, opts, agent, secureContext).catch(() => null);
      if (status === 200) ok += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.parallel, urls.length) }, worker));
  agent.destroy();
  return ok;
}

async function exchange(
  url: URL,
  opts: BareClientOptions,
  agent: http.Agent,
  secureContext: tls.SecureContext,
): Promise<number | null> {
  const https = url.protocol === 'https:';
  const port = https ? 443 : 80;
  const [ip] = await opts.network.lookup(url.hostname);
  // The control is asked beside the measurement, as the probe asks it: the same request body.
  const control = postControl(opts.controlUrl, agent, {
    http_request: url.href,
    http_request_headers: Object.fromEntries(REQUEST_HEADERS_TITLE_CASE.map(([k, v]) => [k, [v]])),
    tcp_connect: [`${ip}:${port}`],
    x_quic_enabled: false,
  });
  const endpoint = await opts.network.dial(ip!, port);
  const raw = await connect(endpoint.host, endpoint.port);
  const socket = https ? await handshake(raw, url.hostname, secureContext) : raw;
  const status = await get(socket, url);
  await control;
  return status;
}

function connect(host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, host, () => resolve(s));
    s.on('error', reject); // later errors (a reset after the exchange) are the exchange's to see, not the process's
  });
}

/**
 * A verified handshake as Node makes it. Node builds the detailed copy of the whole peer chain
 * (`getPeerCertificate(true)`) for its host-name check on every client handshake, whatever `checkServerIdentity`
 * is: a fifth of this client's CPU when profiled, which the probe avoids (src/netx/peer-chain.ts).
 */
function handshake(
  raw: net.Socket,
  servername: string,
  secureContext: tls.SecureContext,
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ socket: raw, servername, secureContext, ALPNProtocols: ['h2', 'http/1.1'] }, () =>
      resolve(s),
    );
    s.on('error', reject);
  });
}

function get(socket: net.Socket, url: URL): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      createConnection: () => socket,
      host: url.hostname,
      path: `${url.pathname}${url.search}`,
      headers: { host: url.host, ...REQUEST_HEADERS },
    });
    req.once('response', (res) => {
      res.on('data', () => {});
      res.once('error', reject);
      res.once('end', () => {
        socket.destroy();
        resolve(res.statusCode ?? null);
      });
    });
    req.once('error', reject);
    req.end();
  });
}

function postControl(controlUrl: string, agent: http.Agent, body: unknown): Promise<void> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(controlUrl, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
    });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => {
        JSON.parse(Buffer.concat(chunks).toString('utf8')); // the probe reads the answer: so does the floor
        resolve();
      });
    });
    req.once('error', reject);
    req.end(text);
  });
}
