/**
 * The servers of the kernel-level simulation, run inside the censor namespace as their own process:
 * two DNS servers (the ISP's, which lies, and a truthful one), web sites, a blockpage server, an
 * intercepting TLS server and STUN servers. Reads its plan from the JSON file named on the command line; prints
 * "ready" once everything listens; on SIGUSR2 reads the plan's DNS tables again and prints "reloaded" (a suite
 * that needs the same name to answer differently per case); stops on SIGTERM.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { type DnsBehaviour, startDnsServer } from '../netsim/dns-server.js';
import { pageHtml } from '../netsim/site-pages.js';
import { startStunServer } from '../netsim/stun-server.js';

export interface ServerPlan {
  dns: { host: string; table: Record<string, DnsBehaviour> }[];
  sites: { ip: string; title: string; key: string; cert: string }[];
  blockpage: { ip: string; body: string };
  interceptor: { ip: string; key: string; cert: string; upstream: string };
  /** STUN servers (UDP). */
  stun?: { ip: string; port: number }[];
}

const plan = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ServerPlan;
const closers: (() => unknown)[] = [];
const listen = (server: net.Server, host: string, port: number) =>
  new Promise<void>((resolve) => server.listen(port, host, resolve)).then(() =>
    closers.push(() => server.close()),
  );

const tables: Map<string, DnsBehaviour>[] = [];
for (const d of plan.dns) {
  const table = new Map(Object.entries(d.table));
  tables.push(table);
  const server = await startDnsServer(table, d.host, 53);
  closers.push(() => server.close());
}
process.on('SIGUSR2', () => {
  const again = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ServerPlan;
  again.dns.forEach((d, i) => {
    tables[i]!.clear();
    for (const [name, behaviour] of Object.entries(d.table)) tables[i]!.set(name, behaviour);
  });
  process.stdout.write('reloaded\n');
});
for (const site of plan.sites) {
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-simulated-site': site.ip });
    res.end(pageHtml(site.title, String(req.headers.host ?? site.ip)));
  };
  await listen(http.createServer(handler), site.ip, 80);
  await listen(https.createServer({ key: site.key, cert: site.cert }, handler), site.ip, 443);
}
await listen(
  http.createServer((_req, res) => {
    res.writeHead(403, { 'content-type': 'text/html' });
    res.end(plan.blockpage.body);
  }),
  plan.blockpage.ip,
  80,
);
// The censor's TLS box: a forged certificate, then the origin's page fetched in cleartext.
await listen(
  tls.createServer({ key: plan.interceptor.key, cert: plan.interceptor.cert }, (secure) => {
    const upstream = net.connect({ host: plan.interceptor.upstream, port: 80 });
    secure.on('error', () => upstream.destroy());
    upstream.on('error', () => secure.destroy());
    secure.pipe(upstream).pipe(secure);
  }),
  plan.interceptor.ip,
  443,
);
for (const s of plan.stun ?? []) {
  const server = await startStunServer(s.ip, s.port);
  closers.push(() => server.close());
}
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  for (const close of closers) close();
  process.exit(0);
});
