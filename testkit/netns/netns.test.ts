import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebConnectivityMeasurement } from '../../src/model/measurement.js';
import type { DnsBehaviour } from '../netsim/dns-server.js';
import { createTestPki, type TestPki } from '../netsim/test-pki.js';
import { createNetnsLab, type NetnsLab } from './netns-lab.js';
import type { ServerPlan } from './servers.js';

const IS_ROOT = process.getuid?.() === 0;
const ROOT_DIR = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT_DIR, 'bin', 'netfreedom.js');

/** Every case of the kernel layer: the URL, what the censor does, and the verdicts expected. */
const CASES: { input: string; what: string; blocking: unknown; accessible: unknown; x: unknown }[] = [
  { input: 'https://ok.test/', what: 'accessible site', blocking: false, accessible: true, x: false },
  {
    input: 'https://nx.test/',
    what: 'DNS NXDOMAIN from the ISP resolver',
    blocking: 'dns',
    accessible: false,
    x: 'dns',
  },
  {
    input: 'http://lie.test/',
    what: 'DNS lie to a blockpage server',
    blocking: 'dns',
    accessible: false,
    x: 'dns',
  },
  {
    input: 'https://drop.test/',
    what: 'SYN dropped (iptables DROP)',
    blocking: 'tcp_ip',
    accessible: false,
    x: 'tcp_ip',
  },
  {
    input: 'https://rst.test/',
    what: 'RST to the SYN (REJECT tcp-reset)',
    blocking: 'tcp_ip',
    accessible: false,
    x: 'tcp_ip',
  },
  {
    input: 'https://sni-stall.test/',
    what: 'ClientHello dropped by SNI (xt_string DROP)',
    blocking: 'http-failure',
    accessible: false,
    x: 'tls_sni',
  },
  {
    input: 'https://sni-reset.test/',
    what: 'RST on the SNI (xt_string REJECT)',
    blocking: 'http-failure',
    accessible: false,
    x: 'tls_sni',
  },
  {
    input: 'http://blocked-http.test/',
    what: 'transparent blockpage (DNAT :80)',
    blocking: 'http-diff',
    accessible: false,
    x: 'http-diff',
  },
  {
    input: 'https://intercepted.test/',
    what: 'interception by a "Qaznet Trust Network" root (DNAT :443)',
    blocking: 'http-failure',
    accessible: false,
    x: 'tls_interception',
  },
  {
    input: 'http://down.test/',
    what: 'site down (nothing listens)',
    blocking: false,
    accessible: false,
    x: false,
  },
];

const ISP: Record<string, DnsBehaviour> = {
  'ok.test': { a: ['10.77.1.10'] },
  'nx.test': { rcode: 'NXDOMAIN' },
  'lie.test': { a: ['10.77.1.66'] },
  'drop.test': { a: ['10.77.1.20'] },
  'rst.test': { a: ['10.77.1.21'] },
  'sni-stall.test': { a: ['10.77.1.10'] },
  'sni-reset.test': { a: ['10.77.1.10'] },
  'blocked-http.test': { a: ['10.77.1.11'] },
  'intercepted.test': { a: ['10.77.1.12'] },
  'down.test': { a: ['10.77.1.30'] },
};
const TRUTH: Record<string, DnsBehaviour> = {
  ...ISP,
  'nx.test': { a: ['10.77.1.10'] },
  'lie.test': { a: ['10.77.1.10'] },
};
const RULES = [
  ['-A', 'INPUT', '-i', '$IN', '-d', '10.77.1.20', '-p', 'tcp', '--syn', '-j', 'DROP'],
  ['-A', 'INPUT', '-i', '$IN', '-d', '10.77.1.21', '-p', 'tcp', '-j', 'REJECT', '--reject-with', 'tcp-reset'],
  [
    '-A',
    'INPUT',
    '-i',
    '$IN',
    '-d',
    '10.77.1.10',
    '-p',
    'tcp',
    '--dport',
    '443',
    '-m',
    'string',
    '--algo',
    'bm',
    '--string',
    'sni-stall.test',
    '-j',
    'DROP',
  ],
  [
    '-A',
    'INPUT',
    '-i',
    '$IN',
    '-d',
    '10.77.1.10',
    '-p',
    'tcp',
    '--dport',
    '443',
    '-m',
    'string',
    '--algo',
    'bm',
    '--string',
    'sni-reset.test',
    '-j',
    'REJECT',
    '--reject-with',
    'tcp-reset',
  ],
  [
    '-t',
    'nat',
    '-A',
    'PREROUTING',
    '-i',
    '$IN',
    '-d',
    '10.77.1.11',
    '-p',
    'tcp',
    '--dport',
    '80',
    '-j',
    'DNAT',
    '--to-destination',
    '10.77.1.66:80',
  ],
  [
    '-t',
    'nat',
    '-A',
    'PREROUTING',
    '-i',
    '$IN',
    '-d',
    '10.77.1.12',
    '-p',
    'tcp',
    '--dport',
    '443',
    '-j',
    'DNAT',
    '--to-destination',
    '10.77.1.67:443',
  ],
];

let lab: NetnsLab | undefined;
let pki: TestPki | undefined;
let dir: string;
const children: ChildProcess[] = [];
let results = new Map<string, WebConnectivityMeasurement>();

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

describe.skipIf(!IS_ROOT)(
  'layer 2: real kernel namespaces + iptables (needs root; skipped only when not root)',
  () => {
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'netfreedom-netns-'));
      pki = createTestPki();
      lab = createNetnsLab({
        hostIps: [
          '10.77.1.10',
          '10.77.1.11',
          '10.77.1.12',
          '10.77.1.20',
          '10.77.1.21',
          '10.77.1.30',
          '10.77.1.66',
          '10.77.1.67',
          '10.77.2.53',
          '10.77.2.80',
        ],
        clientResolver: '10.77.0.2',
        censorResolver: '10.77.2.53',
        rules: RULES,
      });
      const siteNames = ['ok.test', 'nx.test', 'lie.test', 'sni-stall.test', 'sni-reset.test'];
      const site = (ip: string, names: string[], title: string) => ({ ip, title, ...pki!.root.issue(names) });
      const forged = pki.qaznet.issue(['intercepted.test']);
      const plan: ServerPlan = {
        dns: [
          { host: '10.77.0.2', table: ISP },
          { host: '10.77.2.53', table: TRUTH },
        ],
        sites: [
          site('10.77.1.10', siteNames, 'The open site'),
          site('10.77.1.11', ['blocked-http.test'], 'Independent news'),
          site('10.77.1.12', ['intercepted.test'], 'Social network'),
          site('10.77.1.20', ['drop.test'], 'Dropped'),
          site('10.77.1.21', ['rst.test'], 'Reset'),
        ],
        blockpage: {
          ip: '10.77.1.66',
          body: '<html><head><title>Access denied</title></head><body>Blocked by order.</body></html>',
        },
        interceptor: {
          ip: '10.77.1.67',
          key: forged.key,
          cert: forged.cert + pki.qaznet.pem,
          upstream: '10.77.1.12',
        },
      };
      writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
      writeFileSync(join(dir, 'root.pem'), pki.root.pem);
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
      await start(
        lab.exec(lab.censor, [
          process.execPath,
          BIN,
          'control',
          '--listen',
          '10.77.2.80:8080',
          '--allow-private',
          '--ca-file',
          join(dir, 'root.pem'),
        ]),
        'listening',
      );
      const out = join(dir, 'out.jsonl');
      const argv = lab.exec(lab.client, [
        process.execPath,
        BIN,
        'probe',
        ...CASES.map((c) => c.input),
        '--control',
        'http://10.77.2.80:8080/',
        '--udp-resolver',
        '10.77.0.2:53',
        '--ca-file',
        join(dir, 'root.pem'),
        '--step-timeout',
        '1500',
        '--parallel',
        '10',
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
      results = new Map(
        readFileSync(out, 'utf8')
          .trim()
          .split('\n')
          .map((l) => {
            const m = JSON.parse(l) as WebConnectivityMeasurement;
            return [m.input!, m];
          }),
      );
    }, 120_000);

    afterAll(() => {
      for (const child of children) child.kill('SIGTERM');
      lab?.destroy();
      pki?.dispose();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it.each(CASES.map((c) => [c.what, c] as const))('%s', (_what, c) => {
      const m = results.get(c.input);
      expect(m, `no measurement for ${c.input}`).toBeDefined();
      const tk = m!.test_keys;
      const seen = JSON.stringify({
        b: tk.blocking,
        a: tk.accessible,
        x: tk.x_verdict?.blocking,
        tcp: tk.tcp_connect?.map((t) => t.status.failure),
        tls: tk.tls_handshakes?.map((h) => h.failure),
        http: tk.requests?.map((r) => r.failure),
        ctl: tk.control_failure,
      });
      expect({ blocking: tk.blocking, accessible: tk.accessible, x: tk.x_verdict?.blocking }, seen).toEqual({
        blocking: c.blocking,
        accessible: c.accessible,
        x: c.x,
      });
      expect(m!.probe_ip).toBe('127.0.0.1');
    });
  },
);

if (!IS_ROOT) console.warn('testkit/netns: layer-2 tests skipped — they need root (CI runs them as root).');
