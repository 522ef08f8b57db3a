/** The control service as a weapon: every way of pointing its fetch at private space, and hostile answers, against real sockets. */
import { execFileSync, spawn } from 'node:child_process';
import { promises as dns } from 'node:dns';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningControl, startControlServer } from '../../src/control/control-server.js';
import type { ControlResponse } from '../../src/model/measurement.js';
import type { Network } from '../../src/netx/network.js';
import { isBogon } from '../../src/shared/bogon.js';
import { joinHostPort } from '../../src/shared/host-port.js';
import { type DnsBehaviour, type DnsServer, startDnsServer } from '../../testkit/netsim/dns-server.js';
import { type Figure, none, recordFigures, sized } from '../../testkit/reliability/figures.js';
import {
  type CountingListener,
  type HostileSite,
  startCountingListener,
  startHostileSite,
} from '../../testkit/reliability/ssrf-targets.js';

/** A public-looking address the test's network routes to the hostile site (as testkit/netsim does). */
const PUBLIC_IP = '93.184.216.34';
const TIMEOUTS = { dns: 1000, connect: 1000, tlsHandshake: 1000, http: 2000 };
/** Every request must end within the sum of one hop's step timers, plus scheduling slack. */
const TIME_BOUND_MS = TIMEOUTS.dns + TIMEOUTS.connect + TIMEOUTS.tlsHandshake + TIMEOUTS.http + 1500;
const MAX_BODY = 16 << 20;

let listener: CountingListener;
let site: HostileSite;
let dnsServer: DnsServer;
let control: RunningControl;
/** Every "ip:port" the control asked the network seam to dial. */
const dialed: string[] = [];
/** Answers the rebinding names handed out that pointed at loopback (the attack, armed). */
let rebindPrivateAnswers = 0;
/** Figures of every test of this file, recorded once at the end. */
const figures: Figure[] = [];

/** A DNS table whose `rebind*` names answer public for the first lookup (A and AAAA), then loopback. */
class RebindingTable extends Map<string, DnsBehaviour> {
  private calls = new Map<string, number>();
  private readonly publicAnswer: DnsBehaviour = { a: [PUBLIC_IP] };
  private readonly privateAnswer: DnsBehaviour = { a: ['127.0.0.1'] };
  override get(name: string): DnsBehaviour | undefined {
    if (!name.startsWith('rebind')) return super.get(name);
    const n = (this.calls.get(name) ?? 0) + 1;
    this.calls.set(name, n);
    if (n <= 2) return this.publicAnswer;
    rebindPrivateAnswers += 1;
    return this.privateAnswer;
  }
}

beforeAll(async () => {
  listener = await startCountingListener();
  site = await startHostileSite();
  dnsServer = await startDnsServer(
    new RebindingTable([
      ['public.test', { a: [PUBLIC_IP] }],
      ['loopback.test', { a: ['127.0.0.1'] }],
      ['ten.test', { a: ['10.0.0.1'] }],
      ['metadata.test', { a: ['169.254.169.254'] }],
      ['cgnat.test', { a: ['100.64.0.1'] }],
      ['zero.test', { a: ['0.0.0.0'] }],
      ['mixed.test', { a: [PUBLIC_IP, '127.0.0.1', '10.0.0.1'] }],
    ]),
  );
  const resolver = new dns.Resolver({ timeout: 500, tries: 1 });
  resolver.setServers([`127.0.0.1:${dnsServer.port}`]);
  // The system network but for its resolver, which asks the test's DNS server (real UDP) instead of getaddrinfo.
  const network: Network = {
    async lookup(host) {
      const [a, aaaa] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
      const addrs = [a, aaaa].flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
      if (addrs.length === 0 && a.status === 'rejected') throw a.reason;
      return addrs;
    },
    async dial(ip, port) {
      dialed.push(joinHostPort(ip, port));
      return ip === PUBLIC_IP ? { host: '127.0.0.1', port: site.port } : { host: ip, port };
    },
    udpRoute: (ip, port) => ({ host: ip, port }),
  };
  control = await startControlServer({
    host: '127.0.0.1',
    port: 0,
    concurrency: 16,
    network,
    allowPrivate: false,
    timeouts: TIMEOUTS,
    asnOf: () => 0,
  });
});

afterAll(async () => {
  await recordFigures('control-ssrf', figures);
  await control?.close();
  await Promise.all([listener?.close(), site?.close(), dnsServer?.close()]);
});

interface Attempt {
  what: string;
  url: string;
  tcpConnect?: string[];
}

/** Targets inside this machine or its LAN, spelled every way a URL parser or resolver accepts. */
function privateUrls(p: number): Attempt[] {
  // Cloud metadata too: AWS over IPv6, Alibaba, Oracle; and Teredo carrying 127.0.0.1.
  // biome-ignore format: a table
  const hosts = [
    '127.0.0.1', '127.1', '127.0.0.1.', '2130706433', '0x7f000001', '0177.0.0.1', '0x7f.1', '%31%32%37.0.0.1',
    '0', '0.0.0.0', 'localhost', 'LOCALHOST.', '[::1]', '[::]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]',
    '[0:0:0:0:0:ffff:127.0.0.1]', '[::127.0.0.1]', '[64:ff9b::127.0.0.1]', '[64:ff9b:1::7f00:1]',
    '[2002:7f00:1::]', '[::ffff:0:7f00:1]', '[fe80::1]', '[fc00::1]', '[fd00::2]', '192.0.2.2', '10.0.0.1',
    '172.16.0.1', '192.168.1.1', '100.64.0.1', '169.254.169.254', '[::ffff:169.254.169.254]',
    `${PUBLIC_IP}@127.0.0.1`, 'loopback.test', 'ten.test', 'metadata.test', 'cgnat.test', 'zero.test',
    'mixed.test', 'rebind.test', '[fd00:ec2::254]', '100.100.100.200', '192.0.0.192', '[2001::80ff:fffe]',
  ];
  const ports = [p, 80];
  return hosts.flatMap((h) =>
    ports.map((port) => ({ what: `URL host ${h}:${port}`, url: `http://${h}:${port}/` })),
  );
}

function privateEndpoints(p: number): Attempt[] {
  // biome-ignore format: a table
  const endpoints = [
    '127.0.0.1', '0.0.0.0', '10.0.0.1', '169.254.169.254', '192.0.2.2', '[::1]', '[::]', '[::ffff:127.0.0.1]',
    '[::ffff:7f00:1]', '[64:ff9b::7f00:1]', '[2002:7f00:1::]', '[fd00::2]', '[fe80::1]',
  ].map((ip) => `${ip}:${p}`);
  return [{ what: 'tcp_connect endpoints', url: `http://public.test/`, tcpConnect: endpoints }];
}

function privateRedirects(p: number): Attempt[] {
  // biome-ignore format: a table
  const targets = [
    `http://127.0.0.1:${p}/`, `http://2130706433:${p}/`, `http://[::1]:${p}/`, `http://[::ffff:127.0.0.1]:${p}/`,
    `//127.0.0.1:${p}/`, `http://loopback.test:${p}/`, `http://rebind-hop.test:${p}/`, `https://127.0.0.1:${p}/`,
    `http://169.254.169.254/latest/meta-data/`, `http://0.0.0.0:${p}/`, `http://localhost:${p}/`,
  ];
  return targets.flatMap((t) => [
    { what: `redirect to ${t}`, url: `http://public.test/to?u=${encodeURIComponent(t)}` },
    { what: `redirect chain into ${t}`, url: `http://public.test/chain/3?u=${encodeURIComponent(t)}` },
  ]);
}

const post = async (a: Attempt) => {
  const started = performance.now();
  const res = await fetch(control.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ http_request: a.url, http_request_headers: {}, tcp_connect: a.tcpConnect ?? [] }),
  });
  const body = (await res.json()) as ControlResponse & { error?: string };
  return { status: res.status, body, ms: performance.now() - started };
};

describe('the control service cannot be turned against the network it runs in', () => {
  it('reaches no private, loopback, link-local or own address, however spelled, resolved or redirected', async () => {
    const rounds = sized(1, 5);
    const attempts = [
      ...privateUrls(listener.port),
      ...privateEndpoints(listener.port),
      ...privateRedirects(listener.port),
    ];
    const answered: string[] = [];
    for (let round = 0; round < rounds; round++) {
      // The rebinding names start afresh each round: public for the check, loopback afterwards.
      for (const [i, a] of attempts.entries()) {
        const tagged = a.url.replace(/rebind(-hop)?\.test/, (m) => `${m.slice(0, -5)}${round}x${i}.test`);
        const { status, body } = await post({ ...a, url: tagged });
        if (
          status === 200 &&
          body.http_request.status_code !== -1 &&
          body.http_request.title !== 'public site'
        )
          answered.push(`${a.what}: ${body.http_request.status_code}`);
      }
    }
    const forbiddenDials = dialed.filter((ep) => isBogon(ep.replace(/:\d+$/, '').replace(/^\[|\]$/g, '')));
    // biome-ignore format: a table
    figures.push(
      { name: 'SSRF attempts (URL spellings, names, endpoints, redirects, rebinding)', value: attempts.length * rounds, goal: '—', ok: true },
      none('SSRF: connections reaching the private listener', listener.reached.length),
      none('SSRF: dials to private/bogon addresses', forbiddenDials.length),
      none('SSRF: private targets answered with a response', answered.length),
    );
    expect(listener.reached).toEqual([]);
    expect(forbiddenDials).toEqual([]);
    expect(answered).toEqual([]);
    // The rebinding names were resolved once per hop: the loopback answer was never asked for.
    expect(rebindPrivateAnswers).toBe(0);
    // And the public site itself was measured, so the refusals above are not a control that fetches nothing.
    const ok = await post({ what: 'public', url: 'http://public.test/' });
    expect(ok.body.http_request.title).toBe('public site');
  }, 120_000);

  it('bounds what a hostile site can make it read and how long it can hold a request', async () => {
    const cases = [
      { what: 'endless body', url: 'http://public.test/huge' },
      { what: 'body trickled a byte per 100 ms', url: 'http://public.test/trickle' },
      { what: 'endless headers', url: 'http://public.test/headers' },
      // Each hop answers just before the step timer: only the chain's deadline stops it.
      {
        what: '10 redirects, each 1.5 s late',
        url: `http://public.test/chain/9?wait=${TIMEOUTS.http - 500}`,
      },
      { what: '10 redirects into a trickle', url: `http://public.test/chain/9?wait=300&u=/trickle` },
    ];
    const rounds = sized(1, 3);
    let slowest = 0;
    let largest = 0;
    const unbounded: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const results = await Promise.all(cases.map((c) => post({ what: c.what, url: c.url })));
      for (const [i, r] of results.entries()) {
        slowest = Math.max(slowest, r.ms);
        largest = Math.max(largest, r.body.http_request.body_length);
        if (r.status !== 200 || r.ms > TIME_BOUND_MS || r.body.http_request.body_length > MAX_BODY)
          unbounded.push(`${cases[i]!.what}: ${r.status} in ${Math.round(r.ms)} ms`);
      }
    }
    // biome-ignore format: a table
    figures.push(
      { name: 'SSRF: hostile responses (endless, trickled, slow redirect chains)', value: cases.length * rounds, goal: '—', ok: true },
      { name: 'SSRF: longest request held (ms)', value: Math.round(slowest), goal: `≤ ${TIME_BOUND_MS}`, ok: slowest <= TIME_BOUND_MS },
      { name: 'SSRF: most body bytes counted', value: largest, goal: `≤ ${MAX_BODY}`, ok: largest <= MAX_BODY },
      none('SSRF: hostile responses not bounded', unbounded.length),
    );
    expect(unbounded).toEqual([]);
    expect(largest).toBeLessThanOrEqual(MAX_BODY);
    expect(largest).toBeGreaterThan(0); // the endless body was read, up to the cap
  }, 120_000);
});

/** Addresses of the namespace's own interface (its loopback, as testkit/netns does; no dummy module here): a public one (the host's own), LAN ones and the metadata service. */
const NS_ADDRESSES = [
  '81.2.69.142',
  '10.66.0.1',
  '172.16.5.1',
  '192.168.77.1',
  '100.64.7.1',
  '169.254.169.254',
];
const NS_ADDRESSES_V6 = ['2a00:1450:4001::5', 'fd00:66::1'];
const IS_ROOT = process.getuid?.() === 0;

describe.skipIf(!IS_ROOT)(
  'in a namespace whose interfaces hold public, LAN and metadata addresses (root)',
  () => {
    it("reaches none of the host's own addresses, public ones included", async () => {
      const ns = `nfssrf${process.pid % 100_000}`;
      const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        ip('netns', 'add', ns);
        ip('-n', ns, 'link', 'set', 'lo', 'up');
        for (const a of NS_ADDRESSES) ip('-n', ns, 'addr', 'add', `${a}/32`, 'dev', 'lo');
        for (const a of NS_ADDRESSES_V6) ip('-n', ns, 'addr', 'add', `${a}/128`, 'dev', 'lo', 'nodad');
        // getaddrinfo inside `ip netns exec NS` reads /etc/netns/NS/resolv.conf: the script's DNS server.
        mkdirSync(`/etc/netns/${ns}`, { recursive: true });
        writeFileSync(`/etc/netns/${ns}/resolv.conf`, 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n');
        const root = join(import.meta.dirname, '..', '..');
        const script = join(root, 'testkit', 'reliability', 'ssrf-netns-run.ts');
        const tsx = join(root, 'node_modules', '.bin', 'tsx');
        const all = [...NS_ADDRESSES, ...NS_ADDRESSES_V6, '127.0.0.1', '::1'];
        const child = spawn('ip', ['netns', 'exec', ns, tsx, script, JSON.stringify(all)], { cwd: root });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
        const line = out.split('\n').find((l) => l.startsWith('result '));
        expect(line, `script exited ${code}: ${err}`).toBeDefined();
        const result = JSON.parse(line!.slice(7)) as {
          attempts: number;
          reached: string[];
          statuses: number[];
        };
        // biome-ignore format: a table
        figures.push(
        { name: 'SSRF in a namespace: attempts at own public, LAN and metadata addresses', value: result.attempts, goal: '—', ok: true },
        none('SSRF in a namespace: connections reaching its listener', result.reached.length),
      );
        expect(result.reached).toEqual([]);
        expect(result.statuses.every((s) => s === 200 || s === 400)).toBe(true);
      } finally {
        try {
          ip('netns', 'del', ns);
        } catch {
          // never created
        }
        rmSync(`/etc/netns/${ns}`, { recursive: true, force: true });
      }
    }, 60_000);
  },
);
