import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeMeasurement } from '../../src/analysis/analyze.js';
import { loadInterceptionCas } from '../../src/analysis/tls/interception-cas.js';
import type { TargetsOverride } from '../../src/probe/experiments/experiment.js';
import { experimentNamed } from '../../src/probe/experiments/registry.js';
import { envelope } from '../../src/probe/measurement-envelope.js';
import { type SimulatedInternet, startSimulatedInternet } from '../netsim/simulated-internet.js';
import { TOR_AUTHORITIES, TOR_BRIDGE } from '../netsim/world-apps.js';
import { APP_CASES } from './app-cases.js';
import { simProbeConfig } from './sim-probe-config.js';

let sim: SimulatedInternet;
let dir: string;
const targets = new Map<string, TargetsOverride>();
const known = loadInterceptionCas();
const meta = { probeCc: 'ZZ', probeAsn: 'AS0', reportId: 'test', testStartTime: '2026-01-01 00:00:00' };

beforeAll(async () => {
  sim = await startSimulatedInternet();
  dir = mkdtempSync(join(tmpdir(), 'netfreedom-apps-'));
  // The simulation's "Signal" root in place of the bundled ones, given as --targets gives it: a path beside the file.
  writeFileSync(join(dir, 'signal-root.pem'), sim.pki.signal.pem);
  targets.set('signal', { value: { roots: 'signal-root.pem' }, dir });
  const authority = ([name, address, or_port, dir_port]: (typeof TOR_AUTHORITIES)[number]) => ({
    name,
    address,
    or_port,
    dir_port,
  });
  targets.set('tor', {
    value: {
      authorities: [authority(TOR_AUTHORITIES[1]!), authority(TOR_AUTHORITIES[4]!)],
      bridges: [
        `obfs4 ${TOR_BRIDGE.ip}:${TOR_BRIDGE.port} 0123456789ABCDEF0123456789ABCDEF01234567 cert=x iat-mode=0`,
      ],
    },
    dir,
  });
});
afterAll(async () => {
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the app and circumvention tests on the userspace network', () => {
  it.each(APP_CASES.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    sim.configure(s.config);
    const experiment = experimentNamed(s.test);
    const cfg = simProbeConfig(sim);
    const input = s.input ?? null;
    const observed = await experiment.measure(input, {
      cfg,
      known,
      targets: targets.get(s.test),
      allEndpoints: false,
    });
    const m = envelope(experiment, input, observed, meta, cfg, new Date());
    const a = analyzeMeasurement(m);
    const seen = JSON.stringify({ outcome: a.outcome, technique: a.technique, evidence: a.evidence });
    expect({ outcome: a.outcome, technique: a.technique }, seen).toEqual({
      outcome: s.expect.outcome,
      technique: s.expect.technique,
    });
    expect(m.test_keys).toMatchObject(s.expect.keys);
    expect(a.evidence.length).toBeGreaterThan(0);
    expect(m.test_name).toBe(s.test);
    expect(m.test_version).toBe(experiment.version);
    expect(m.probe_ip).toBe('127.0.0.1');
  });
});
