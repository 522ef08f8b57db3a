/**
 * The simulated sites' real TCP listeners on 127.0.0.1: one per site, port and view (what the probe's link sees,
 * through the middlebox, and what the control sees). Each port serves its kind: web pages in cleartext or over TLS
 * (DNS over HTTPS on a resolver's /dns-query), a bare accept, a TLS handshake and nothing after, DNS over TLS.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { type DnsBehaviour, replyFromTable } from './dns-server.js';
import type { SimConfig } from './simulated-internet.js';
import { servePage } from './site-pages.js';
import type { KeyPair, TestPki } from './test-pki.js';
import { type ServiceKind, type SiteSpec, servicesOf, WORLD } from './world.js';

export interface SiteServerContext {
  pki: TestPki;
  /** The scenario in force (pages served to the probe or the control). */
  config(): SimConfig;
  /** The public resolver's table: what DNS over HTTPS and over TLS answer. */
  dnsTable: Map<string, DnsBehaviour>;
}

export interface SiteServers {
  /** "view|ip:port" → the loopback port serving it. */
  listeners: Map<string, number>;
  close(): Promise<void>;
}

/** Starts every site's listeners, for both views. */
export async function startSiteServers(sites: SiteSpec[], ctx: SiteServerContext): Promise<SiteServers> {
  const listeners = new Map<string, number>();
  const servers: net.Server[] = [];
  const certs = certificates(ctx.pki);
  for (const site of sites) {
    for (const view of ['probe', 'control'] as const) {
      for (const [port, kind] of Object.entries(servicesOf(site))) {
        const server = serverFor(site, kind, view, ctx, certs);
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        listeners.set(`${view}|${site.ip}:${port}`, (server.address() as net.AddressInfo).port);
        servers.push(server);
      }
    }
  }
  return {
    listeners,
    async close() {
      for (const server of servers) {
        server.close();
        if ('closeAllConnections' in server) (server as http.Server).closeAllConnections();
      }
    },
  };
}

type Certificates = (site: SiteSpec, name: string) => KeyPair;

function serverFor(
  site: SiteSpec,
  kind: ServiceKind,
  view: 'probe' | 'control',
  ctx: SiteServerContext,
  certFor: Certificates,
): net.Server {
  const sockets = new Set<net.Socket>();
  const tracked = <S extends net.Server>(server: S): S => {
    server.on('connection', (s: net.Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    server.on('close', () => {
      for (const s of sockets) s.destroy();
    });
    return server;
  };
  // Built only for the ports that speak TLS: issuing a certificate runs openssl.
  const secure = () => ({
    ...certFor(site, site.domains[0] ?? site.ip),
    // A transparent proxy passes the real site's certificate; a blockpage server has only its own.
    SNICallback: (servername: string, cb: (err: Error | null, ctx?: tls.SecureContext) => void) => {
      const name =
        site.domains.includes(servername) || site.mirror ? servername : (site.domains[0] ?? site.ip);
      cb(null, contextOf(certFor(site, name)));
    },
  });
  const handler = pageHandler(site, view, ctx);
  switch (kind) {
    case 'http':
      return tracked(http.createServer(handler));
    case 'https':
      return site.garbageTls
        ? tracked(net.createServer((s) => s.end('HTTP/1.0 400 this is not TLS\r\n\r\n')))
        : tracked(https.createServer(secure(), handler));
    case 'tcp':
      return tracked(net.createServer((s) => s.on('error', () => {})));
    case 'tls':
      return tracked(tls.createServer(secure(), (s) => s.on('error', () => {})));
    case 'dot':
      return tracked(tls.createServer(secure(), (s) => answerDnsStream(s, ctx.dnsTable)));
  }
}

/** Pages by Host; a resolver's /dns-query answers DNS over HTTPS. */
function pageHandler(site: SiteSpec, view: 'probe' | 'control', ctx: SiteServerContext) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (site.doh && req.url?.startsWith('/dns-query') && req.method === 'POST')
      return answerDoh(req, res, ctx.dnsTable);
    const name = site.domains.includes(host) || site.anyDomain ? host : (site.domains[0] ?? site.ip);
    const override = ctx.config().pages?.[name]?.[view];
    servePage(override ?? (site.mirror ? (siteFor(name)?.page ?? site.page) : site.page), name, req, res);
  };
}

function answerDoh(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  table: Map<string, DnsBehaviour>,
): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const reply = replyFromTable(Buffer.concat(chunks), table);
    if (!reply) {
      res.writeHead(400);
      return void res.end();
    }
    res.writeHead(200, { 'content-type': 'application/dns-message', 'content-length': reply.length });
    res.end(reply);
  });
}

/** DNS over TLS (RFC 7858): length-prefixed messages in, length-prefixed answers out. */
function answerDnsStream(socket: tls.TLSSocket, table: Map<string, DnsBehaviour>): void {
  let pending = Buffer.alloc(0);
  socket.on('error', () => {});
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
      const length = pending.readUInt16BE(0);
      const reply = replyFromTable(pending.subarray(2, 2 + length), table);
      pending = pending.subarray(2 + length);
      if (!reply) continue;
      const framed = Buffer.alloc(2 + reply.length);
      framed.writeUInt16BE(reply.length, 0);
      reply.copy(framed, 2);
      socket.write(framed);
    }
  });
}

/**
 * One key pair per (kind, name): a leaf of the test root, broken as the site is, or of the "Signal" root. A site's
 * own names share one leaf, issued with the server, as a real multi-name server's: a leaf issued during a handshake
 * (openssl runs) would make that handshake look throttled against the neutral-SNI one that follows.
 */
function certificates(pki: TestPki): Certificates {
  const cache = new Map<string, KeyPair>();
  return (site, name) => {
    const kind = site.cert ?? 'ok';
    const own = kind !== 'wrong-host' && site.domains.includes(name);
    const names = own ? site.domains : [name];
    const key = `${kind}:${names.join(',')}`;
    let pair = cache.get(key);
    if (!pair) {
      if (kind === 'expired') pair = pki.root.issue(names, { expired: true });
      else if (kind === 'wrong-host') pair = pki.root.issue([`other.${name}`]);
      else if (kind === 'untrusted') pair = pki.untrusted.issue(names);
      else if (kind === 'signal') pair = pki.signal.issue(names);
      else pair = pki.root.issue(names);
      cache.set(key, pair);
    }
    return pair;
  };
}

const secureContexts = new WeakMap<KeyPair, tls.SecureContext>();
function contextOf(pair: KeyPair): tls.SecureContext {
  let context = secureContexts.get(pair);
  if (!context) {
    context = tls.createSecureContext(pair);
    secureContexts.set(pair, context);
  }
  return context;
}

function siteFor(name: string): SiteSpec | undefined {
  return WORLD.find((s) => s.domains.includes(name));
}
