/**
 * The messaging-app tests in the real kernel (root): telegram and signal run by the built CLI in the client
 * namespace, pointed at the censor namespace's servers with --targets, once per censor technique (iptables DROP of
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

/** Per case: the names the apps use, the data centre, and what OONI and netfreedom must say of each app. */
const CASES = [
  {
    what: 'nothing blocked',
    web: 'web.telegram.test',
    signal: 'ok.signal.test',
    dc: OPEN,
    expect: { outcome: 'ok', technique: null, telegram: null, signal: null },
  },
  {
    what: 'DNS NXDOMAIN from the ISP resolver',
    web: 'nx.telegram.test',
    signal: 'nx.signal.test',
    dc: OPEN,
    expect: {
      outcome: 'anomaly',
      technique: 'dns',
      telegram: 'dns_nxdomain_error',
      signal: 'dns_nxdomain_error',
    },
  },
  {
    what: 'SYN dropped (iptables DROP)',
    web: 'drop.telegram.test',
    signal: 'drop.signal.test',
    dc: DROPPED,
    expect: {
      outcome: 'anomaly',
      technique: 'tcp_ip',
      telegram: 'generic_timeout_error',
      signal: 'generic_timeout_error',
    },
  },
  {
    what: 'RST on the SNI (xt_string REJECT)',
    web: 'sni-reset.telegram.test',
    signal: 'sni-reset.signal.test',
    dc: OPEN,
    expect: {
      outcome: 'anomaly',
      technique: 'tls_sni',
      telegram: 'connection_reset',
      signal: 'connection_reset',
    },
  },
  {
    what: 'interception by a "Qaznet Trust Network" root (DNAT :443)',
    web: 'mitm.telegram.test',
    signal: 'mitm.signal.test',
    dc: OPEN,
    expect: {
      outcome: 'anomaly',
      technique: 'tls_interception',
      telegram: 'ssl_unknown_authority',
      signal: 'ssl_unknown_authority',
    },
  },
] as const;

const ISP: Record<string, DnsBehaviour> = {
  'web.telegram.test': { a: [OPEN] },
  'ok.signal.test': { a: [SIGNAL] },
  'nx.telegram.test': { rcode: 'NXDOMAIN' },
  'nx.signal.test': { rcode: 'NXDOMAIN' },
  'drop.telegram.test': { a: [DROPPED] },
  'drop.signal.test': { a: [DROPPED] },
  'sni-reset.telegram.test': { a: [OPEN] },
  'sni-reset.signal.test': { a: [SIGNAL] },
  'mitm.telegram.test': { a: [INTERCEPTED] },
  'mitm.signal.test': { a: [INTERCEPTED] },
  'uptime.signal.test': { a: [SIGNAL] },
};
const sniReset = (ip: string): string[] => [
  ...['-A', 'INPUT', '-i', '$IN', '-d', ip, '-p', 'tcp', '--dport', '443'],
  ...['-m', 'string', '--algo', 'bm', '--string', 'sni-reset.', '-j', 'REJECT', '--reject-with', 'tcp-reset'],
];
const RULES = [
  ['-A', 'INPUT', '-i', '$IN', '-d', DROPPED, '-p', 'tcp', '--syn', '-j', 'DROP'],
  sniReset(OPEN),
  sniReset(SIGNAL),
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

/** Runs telegram and signal in the client namespace against one case's targets; returns their measurements. */
async function measure(c: (typeof CASES)[number], i: number): Promise<Map<string, Measurement>> {
  const targets = join(dir, `targets-${i}.json`);
  writeFileSync(
    targets,
    JSON.stringify({
      telegram: { datacenters: [c.dc], ports: [80], web: `https://${c.web}/` },
      signal: { urls: [`https://${c.signal}/`], uptime: 'uptime.signal.test', roots: 'signal-root.pem' },
    }),
  );
  const out = join(dir, `out-${i}.jsonl`);
  const argv = lab!.exec(lab!.client, [
    process.execPath,
    BIN,
    'probe',
    'run',
    '--test',
    'telegram,signal',
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
      hostIps: [OPEN, SIGNAL, INTERCEPTED, DROPPED, '10.77.1.66', '10.77.1.67'],
      clientResolver: '10.77.0.2',
      censorResolver: '10.77.0.2',
      rules: RULES,
    });
    const forged = pki.qaznet.issue(['mitm.telegram.test', 'mitm.signal.test']);
    const telegramNames = ['web.telegram.test', 'sni-reset.telegram.test'];
    const signalNames = ['ok.signal.test', 'sni-reset.signal.test', 'uptime.signal.test'];
    const plan: ServerPlan = {
      dns: [{ host: '10.77.0.2', table: ISP }],
      sites: [
        { ip: OPEN, title: 'Telegram Web', ...pki.root.issue(telegramNames) },
        { ip: SIGNAL, title: 'Signal', ...pki.signal.issue(signalNames) },
        { ip: DROPPED, title: 'Dropped', ...pki.root.issue(['drop.telegram.test', 'drop.signal.test']) },
      ],
      blockpage: { ip: '10.77.1.66', body: '<html><title>Blocked</title></html>' },
      interceptor: { ip: '10.77.1.67', key: forged.key, cert: forged.cert + pki.qaznet.pem, upstream: OPEN },
    };
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    writeFileSync(join(dir, 'root.pem'), pki.root.pem);
    writeFileSync(join(dir, 'signal-root.pem'), pki.signal.pem);
    await start(
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
    for (const [i, c] of CASES.entries()) results.set(c.what, await measure(c, i));
  }, 120_000);

  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
    lab?.destroy();
    pki?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(CASES.map((c) => [c.what, c] as const))('%s', (_what, c) => {
    const byTest = results.get(c.what)!;
    const telegram = byTest.get('telegram')!;
    const signal = byTest.get('signal')!;
    expect((telegram.test_keys as Record<string, unknown>).telegram_web_failure).toBe(c.expect.telegram);
    expect((signal.test_keys as Record<string, unknown>).signal_backend_failure).toBe(c.expect.signal);
    for (const m of [telegram, signal]) {
      const a = analyzeMeasurement(m);
      expect(
        { test: m.test_name, outcome: a.outcome, technique: a.technique },
        JSON.stringify(a.evidence),
      ).toEqual({
        test: m.test_name,
        outcome: c.expect.outcome,
        technique: c.expect.technique,
      });
      expect(m.probe_ip).toBe('127.0.0.1');
    }
  });
});

if (!IS_ROOT)
  console.warn('testkit/netns: layer-2 app tests skipped — they need root (CI runs them as root).');
