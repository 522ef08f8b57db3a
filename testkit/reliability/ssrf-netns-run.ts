/**
 * The control service attacked from inside a network namespace whose interfaces hold a public address, LAN
 * addresses and the cloud metadata address: run by `control-ssrf.test.ts` under `ip netns exec`. It starts a
 * counting listener on port 80 of every address, a DNS server on 127.0.0.1:53 (the namespace's resolv.conf
 * names it, so the control's getaddrinfo asks it), the control with the system network, posts every attack
 * and prints one line `result {json}`.
 */

import { startControlServer } from '../../src/control/control-server.js';
import { systemNetwork } from '../../src/netx/network.js';
import { startDnsServer } from '../netsim/dns-server.js';
import { startCountingListener } from './ssrf-targets.js';

const addresses = JSON.parse(process.argv[2]!) as string[];
const listener = await startCountingListener(80);
const names = new Map(addresses.filter((a) => !a.includes(':')).map((a, i) => [`host${i}.test`, { a: [a] }]));
const dns = await startDnsServer(names, '127.0.0.1', 53);
const control = await startControlServer({
  host: '127.0.0.1',
  port: 0,
  concurrency: 8,
  network: systemNetwork,
  allowPrivate: false,
  timeouts: { dns: 1000, connect: 1000, tlsHandshake: 1000, http: 2000 },
  asnOf: () => 0,
});

const bracket = (ip: string) => (ip.includes(':') ? `[${ip}]` : ip);
const attempts = [
  ...addresses.map((ip) => ({ url: `http://${bracket(ip)}/`, tcp: [] as string[] })),
  ...addresses.map((ip) => ({ url: `http://${bracket(ip)}:80/`, tcp: [`${bracket(ip)}:80`] })),
  ...[...names.keys()].map((name) => ({ url: `http://${name}/`, tcp: [] as string[] })),
];
const statuses: number[] = [];
for (const a of attempts) {
  const res = await fetch(control.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ http_request: a.url, http_request_headers: {}, tcp_connect: a.tcp }),
  });
  statuses.push(res.status);
  await res.arrayBuffer();
}
process.stdout.write(
  `result ${JSON.stringify({ attempts: attempts.length, reached: listener.reached, statuses })}\n`,
);
await control.close();
await Promise.all([listener.close(), dns.close()]);
