/** The messaging-app and circumvention scenarios (app-cases.ts) on the userspace network: the probe's keys, OONI's outcome and netfreedom's technique. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeMeasurement } from '../../src/analysis/analyze.js';
import { loadInterceptionCas } from '../../src/analysis/tls/interception-cas.js';
import type { TargetsOverride } from '../../src/probe/experiments/experiment.js';
import { experimentNamed } from '../../src/probe/experiments/registry.js';
import { envelope } from '../../src/probe/measurement-envelope.js';
import { type SimulatedInternet, startSimulatedInternet } from '../netsim/simulated-internet.js';
import { APP_CASES } from './app-cases.js';
import { appScenarioConfig } from './app-scenario.js';
import { simAppTargets } from './app-targets.js';

let sim: SimulatedInternet;
let dir: string;
let targets: Map<string, TargetsOverride>;
const known = loadInterceptionCas();
const meta = { probeCc: 'ZZ', probeAsn: 'AS0', reportId: 'test', testStartTime: '2026-01-01 00:00:00' };

beforeAll(async () => {
  sim = await startSimulatedInternet();
  dir = mkdtempSync(join(tmpdir(), 'netfreedom-apps-'));
  targets = simAppTargets(sim, dir);
});
afterAll(async () => {
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the app and circumvention tests on the userspace network', () => {
  it.each(APP_CASES.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    sim.configure(s.config);
    const experiment = experimentNamed(s.test);
    const cfg = appScenarioConfig(sim, s);
    const input = s.input ?? null;
    const observed = await experiment.measure(input, {
      cfg,
      known,
      targets: targets.get(s.test),
      allEndpoints: false,
    });
    const m = envelope(experiment, input, observed, meta, cfg, new Date());
    const a = analyzeMeasurement(m);
    const seen = JSON.stringify({
      outcome: a.outcome,
      technique: a.technique,
      evidence: a.evidence,
      x: (m.test_keys as { x_tls?: unknown }).x_tls,
    });
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
