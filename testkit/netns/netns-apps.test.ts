/**
 * The messaging-app, Tor and STUN tests in the real kernel (root): telegram, signal, whatsapp, tor and
 * stunreachability run by the built CLI in the client namespace, pointed at the censor namespace's servers with --targets, once per censor technique (iptables DROP of
 * the SYN, xt_string reset on the SNI, DNAT to an intercepting box, a lying resolver); a throttled link needs tc
 * netem, which these machines lack (the userspace suite covers it). Each measurement gets OONI's outcome and
 * netfreedom's technique from the pipeline's analysis.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeMeasurement } from '../../src/analysis/analyze.js';
import type { Measurement } from '../../src/model/measurement.js';
import type { DnsBehaviour } from '../netsim/dns-server.js';
import { createTestPki, type TestPki } from '../netsim/test-pki.js';
import { createNetnsLab, type NetnsLab } from './netns-lab.js';
import type { ServerPlan } from './servers.js';

const IS_ROOT = process.getuid?.() === 0;
const ROOT_DIR = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT_DIR, 'bin', 'netfreedom.js');

const OPEN = '10.77.1.10'; // Telegram's web client and a data centre (HTTP on 80)
const SIGNAL = '10.77.1.13'; // Signal's backends, with a certificate from the test "Signal" root
const INTERCEPTED = '10.77.1.12'; // DNAT to the interceptor on 443
const DROPPED = '10.77.1.20'; // SYNs dropped
const WHATSAPP_SNI = '10.77.1.14'; // WhatsApp's real names reset by SNI (the same site as OPEN)

type Expected = { outcome: 'ok' | 'anomaly'; technique: string | null };
const OK: Expected = { outcome: 'ok', technique: null };
const blocked = (technique: string): Expected => ({ outcome: 'anomaly', technique });

/**
 * Per case: the label of the apps' names (`web.telegram.test`, `nx.signal.test`…), the address of Telegram's data
 * centre and Tor's authority, the failure the web clients and Signal's backend must record, and what OONI and
 * netfreedom must say of each test (Tor's authority is an address: only the dropped SYNs touch it).
 */
const CASES: {
  what: string;
  label: string;
  ip: string;
  failure: string | null;
  expect: Record<'telegram' | 'signal' | 'whatsapp' | 'tor' | 'stunreachability', Expected>;
}[] = [
  {
    what: 'nothing blocked',
    label: 'web',
    ip: OPEN,
    failure: null,
    expect: { telegram: OK, signal: OK, whatsapp: OK, tor: OK, stunreachability: OK },
  },
  {
    what: 'DNS NXDOMAIN from the ISP resolver',
    label: 'nx',
    ip: OPEN,
    failure: 'dns_nxdomain_error',
    expect: {
      telegram: blocked('dns'),
      signal: blocked('dns'),
      whatsapp: blocked('dns'),
      tor: OK,
      stunreachability: blocked('dns'),
    },
  },
  {
    what: 'SYN dropped (iptables DROP)',
    label: 'drop',
    ip: DROPPED,
    failure: 'generic_timeout_error',
    expect: {
      telegram: blocked('tcp_ip'),
      signal: blocked('tcp_ip'),
      whatsapp: blocked('tcp_ip'),
      tor: blocked('tcp_ip'),
      stunreachability: blocked('tcp_ip'),
    },
  },
  {
    what: 'RST on the SNI (xt_string REJECT)',
    label: 'sni-reset',
    ip: OPEN,
    failure: 'connection_reset',
    expect: {
      telegram: blocked('tls_sni'),
      signal: blocked('tls_sni'),
      whatsapp: blocked('tls_sni'),
      tor: OK,
      stunreachability: OK,
    },
  },
  {
    what: 'interception by a "Qaznet Trust Network" root (DNAT :443)',
    label: 'mitm',
    ip: OPEN,
    failure: 'ssl_unknown_authority',
    expect: {
      telegram: blocked('tls_interception'),
      signal: blocked('tls_interception'),
      whatsapp: blocked('tls_interception'),
      tor: OK,
      stunreachability: OK,
    },
  },
];

/** Where each label's names resolve (the Signal names to Signal's server where they resolve at all). */
const LABEL_IP: Record<string, string | null> = {
  web: OPEN,
  nx: null,
  drop: DROPPED,
  'sni-reset': OPEN,
  mitm: INTERCEPTED,
};
const APPS = ['telegram', 'signal', 'whatsapp'] as const;
/**
 * OONI's fastpath scores whatsapp by the URLs of its two services, so the test keeps WhatsApp's own names; they
 * answer per case (the servers reload this table between runs).
 */
const WHATSAPP_NAMES = ['web.whatsapp.com', 'v.whatsapp.net'];
function whatsappTable(label: string): Record<string, DnsBehaviour> {
  const ip = label === 'sni-reset' ? WHATSAPP_SNI : LABEL_IP[label];
  return Object.fromEntries(WHATSAPP_NAMES.map((n) => [n, ip ? { a: [ip] } : { rcode: 'NXDOMAIN' }]));
}
const ISP: Record<string, DnsBehaviour> = { 'uptime.signal.test': { a: [SIGNAL] } };
// STUN is UDP: an SNI rule or an interceptor cannot touch it, so those cases reach the open server.
for (const [label, ip] of Object.entries(LABEL_IP))
  ISP[`${label}.stun.test`] = ip === null ? { rcode: 'NXDOMAIN' } : { a: [ip === INTERCEPTED ? OPEN : ip] };
for (const [label, ip] of Object.entries(LABEL_IP))
  for (const app of APPS) {
    const at = ip === OPEN && app === 'signal' ? SIGNAL : ip;
    for (const name of [`${label}.${app}.test`, ...(app === 'whatsapp' ? [`e1.${label}.whatsapp.test`] : [])])
      ISP[name] = at ? { a: [at] } : { rcode: 'NXDOMAIN' };
  }
const sniReset = (ip: string): string[] => [
  ...['-A', 'INPUT', '-i', '$IN', '-d', ip, '-p', 'tcp', '--dport', '443'],
  ...['-m', 'string', '--algo', 'bm', '--string', 'sni-reset.', '-j', 'REJECT', '--reject-with', 'tcp-reset'],
];
const RULES = [
  ['-A', 'INPUT', '-i', '$IN', '-d', DROPPED, '-p', 'tcp', '--syn', '-j', 'DROP'],
  ['-A', 'INPUT', '-i', '$IN', '-d', DROPPED, '-p', 'udp', '-j', 'DROP'],
  sniReset(OPEN),
  sniReset(SIGNAL),
  [
    ...['-A', 'INPUT', '-i', '$IN', '-d', WHATSAPP_SNI, '-p', 'tcp', '--dport', '443'],
    ...[
      '-m',
      'string',
      '--algo',
      'bm',
      '--string',
      'whatsapp.',
      '-j',
      'REJECT',
      '--reject-with',
      'tcp-reset',
    ],
  ],
  [
    ...['-t', 'nat', '-A', 'PREROUTING', '-i', '$IN', '-d', INTERCEPTED, '-p', 'tcp', '--dport', '443'],
    ...['-j', 'DNAT', '--to-destination', '10.77.1.67:443'],
  ],
];

let lab: NetnsLab | undefined;
let pki: TestPki | undefined;
let dir: string;
const children: ChildProcess[] = [];
/** Per case: the measurement of each app. */
const results = new Map<string, Map<string, Measurement>>();

function start(argv: string[], readyText: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: ROOT_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let text = '';
    const onData = (d: Buffer) => {
      text += d;
      if (text.includes(readyText)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${argv.join(' ')} exited ${code}: ${text}`)));
  });
}

/** Runs the app tests in the client namespace against one case's targets; returns their measurements by test. */
async function measure(c: (typeof CASES)[number], i: number): Promise<Map<string, Measurement>> {
  const targets = join(dir, `targets-${i}.json`);
  writeFileSync(
    targets,
    JSON.stringify({
      telegram: { datacenters: [c.ip], ports: [80], web: `https://${c.label}.telegram.test/` },
      signal: {
        urls: [`https://${c.label}.signal.test/`],
        uptime: 'uptime.signal.test',
        roots: 'signal-root.pem',
      },
      whatsapp: {
        endpoints: [`e1.${c.label}.whatsapp.test`],
        ports: [443],
        sample: 1,
        registration: 'https://v.whatsapp.net/v2/register',
        web: 'https://web.whatsapp.com/',
      },
      tor: { authorities: [{ name: 'netns', address: c.ip, or_port: 443, dir_port: 80 }], bridges: [] },
    }),
  );
  const out = join(dir, `out-${i}.jsonl`);
  const argv = lab!.exec(lab!.client, [
    process.execPath,
    BIN,
    'probe',
    'run',
    '--test',
    'telegram,signal,whatsapp,tor,stunreachability',
    `stun://${c.label}.stun.test:3478`,
    '--targets',
    targets,
    '--ca-file',
    join(dir, 'root.pem'),
    '--step-timeout',
    '1500',
    '--probe-cc',
    'ZZ',
    '--probe-asn',
    'AS0',
    '--output',
    out,
  ]);
  const probe = spawn(argv[0]!, argv.slice(1), { cwd: ROOT_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  probe.stderr!.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((resolve) => probe.on('close', resolve));
  expect(code, err).toBe(0);
  return new Map(
    readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Measurement)
      .map((m) => [m.test_name, m]),
  );
}

describe.skipIf(!IS_ROOT)('layer 2: the app tests in real kernel namespaces (needs root)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netfreedom-netns-apps-'));
    pki = createTestPki();
    lab = createNetnsLab({
      hostIps: [OPEN, SIGNAL, INTERCEPTED, DROPPED, WHATSAPP_SNI, '10.77.1.66', '10.77.1.67'],
      clientResolver: '10.77.0.2',
      censorResolver: '10.77.0.2',
      rules: RULES,
    });
    const forged = pki.qaznet.issue([...APPS.map((app) => `mitm.${app}.test`), ...WHATSAPP_NAMES]);
    const openNames = [
      ...['telegram', 'whatsapp'].flatMap((app) => [`web.${app}.test`, `sni-reset.${app}.test`]),
      ...WHATSAPP_NAMES,
    ];
    const signalNames = ['web.signal.test', 'sni-reset.signal.test', 'uptime.signal.test'];
    const plan: ServerPlan = {
      dns: [{ host: '10.77.0.2', table: ISP }],
      sites: [
        { ip: OPEN, title: 'Telegram Web', ...pki.root.issue(openNames) },
        { ip: WHATSAPP_SNI, title: 'WhatsApp', ...pki.root.issue(openNames) },
        { ip: SIGNAL, title: 'Signal', ...pki.signal.issue(signalNames) },
        { ip: DROPPED, title: 'Dropped', ...pki.root.issue(['drop.telegram.test', 'drop.signal.test']) },
      ],
      blockpage: { ip: '10.77.1.66', body: '<html><title>Blocked</title></html>' },
      interceptor: { ip: '10.77.1.67', key: forged.key, cert: forged.cert + pki.qaznet.pem, upstream: OPEN },
      stun: [OPEN, DROPPED].map((ip) => ({ ip, port: 3478 })),
    };
    const writePlan = (label: string) =>
      writeFileSync(
        join(dir, 'plan.json'),
        JSON.stringify({ ...plan, dns: [{ host: '10.77.0.2', table: { ...ISP, ...whatsappTable(label) } }] }),
      );
    writePlan(CASES[0]!.label);
    writeFileSync(join(dir, 'root.pem'), pki.root.pem);
    writeFileSync(join(dir, 'signal-root.pem'), pki.signal.pem);
    const servers = await start(
      lab.exec(lab.censor, [
        process.execPath,
        '--import',
        'tsx',
        'testkit/netns/servers.ts',
        join(dir, 'plan.json'),
      ]),
      'ready',
    );
    // One case at a time: five probes starting at once on a small machine made a first handshake slow enough
    // to read as throttling.
    let said = '';
    servers.stdout!.on('data', (d) => (said += d));
    for (const [i, c] of CASES.entries()) {
      // WhatsApp's names answer for this case.
      writePlan(c.label);
      const before = said.split('reloaded').length;
      servers.kill('SIGUSR2');
      while (said.split('reloaded').length === before) await new Promise((r) => setTimeout(r, 10));
      results.set(c.what, await measure(c, i));
    }
  }, 120_000);

  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
    lab?.destroy();
    pki?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(CASES.map((c) => [c.what, c] as const))('%s', (_what, c) => {
    const byTest = results.get(c.what)!;
    const keys = (test: string) => byTest.get(test)!.test_keys as Record<string, unknown>;
    expect(keys('telegram').telegram_web_failure).toBe(c.failure);
    expect(keys('signal').signal_backend_failure).toBe(c.failure);
    expect(keys('whatsapp').whatsapp_web_failure).toBe(c.failure);
    const seen = Object.keys(c.expect).map((test) => {
      const m = byTest.get(test)!;
      expect(m.probe_ip).toBe('127.0.0.1');
      const a = analyzeMeasurement(m);
      return [test, { outcome: a.outcome, technique: a.technique }, a.evidence];
    });
    expect(
      seen.map(([test, verdict]) => [test, verdict]),
      JSON.stringify(seen),
    ).toEqual(Object.entries(c.expect));
  });
});

if (!IS_ROOT)
  console.warn('testkit/netns: layer-2 app tests skipped — they need root (CI runs them as root).');
