/**
 * The simulated apps demo: every messaging-app and circumvention test measured on the userspace network, once per
 * app scenario, every record marked simulated.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInterceptionCas } from '../../src/analysis/tls/interception-cas.js';
import type { Measurement } from '../../src/model/measurement.js';
import { experimentNamed } from '../../src/probe/experiments/registry.js';
import { envelope, ooniTime } from '../../src/probe/measurement-envelope.js';
import { startSimulatedInternet } from '../netsim/simulated-internet.js';
import { APP_CASES } from '../scenarios/app-cases.js';
import { type AppScenario, appScenarioConfig } from '../scenarios/app-scenario.js';
import { simAppTargets } from '../scenarios/app-targets.js';

import { DEMO_NETWORK } from './kz-demo.js';

/**
 * The scenarios of the apps demo, in file order: every app case but those waiting out a timer, except a test's
 * first anomaly when it has no other (tor's blocking is all at the IP layer), so each test shows both verdicts.
 */
export const APPS_DEMO_SCENARIOS: readonly AppScenario[] = APP_CASES.filter(
  (s) =>
    !s.slow ||
    (s.expect.outcome === 'anomaly' &&
      !APP_CASES.some((o) => o.test === s.test && !o.slow && o.expect.outcome === 'anomaly') &&
      APP_CASES.find((o) => o.test === s.test && o.expect.outcome === 'anomaly') === s),
);

/** Runs every apps demo scenario once and returns its measurements in order; `log` hears one line per scenario. */
export async function generateAppsDemo(
  log: (line: string) => void = () => {},
  scenarios: readonly AppScenario[] = APPS_DEMO_SCENARIOS,
): Promise<Measurement[]> {
  const sim = await startSimulatedInternet();
  const dir = mkdtempSync(join(tmpdir(), 'netfreedom-apps-demo-'));
  const known = loadInterceptionCas();
  const start = new Date();
  const stamp = start.toISOString().replace(/[-:]/g, '').slice(0, 15);
  const out: Measurement[] = [];
  try {
    const targets = simAppTargets(sim, dir);
    for (const s of scenarios) {
      sim.configure(s.config);
      const experiment = experimentNamed(s.test);
      const cfg = appScenarioConfig(sim, s);
      const input = s.input ?? null;
      const at = new Date();
      const observed = await experiment.measure(input, {
        cfg,
        known,
        targets: targets.get(s.test),
        allEndpoints: false,
      });
      const m = envelope(
        experiment,
        input,
        observed,
        {
          probeCc: 'KZ',
          probeAsn: DEMO_NETWORK.asn,
          probeNetworkName: DEMO_NETWORK.name,
          reportId: `${stamp}Z_${s.test.replace(/_/g, '')}_KZ_${DEMO_NETWORK.asn.slice(2)}_n1_simulated0000000`,
          testStartTime: ooniTime(start),
          annotations: { simulated: 'true', scenario: s.name },
        },
        cfg,
        at,
      );
      // The simulated control listens on a random loopback port: name it for what it is.
      if (observed.usedControl)
        m.test_helpers = { backend: { address: 'simulated-control', type: 'simulated' } };
      out.push(m);
      log(`${s.test.padEnd(20)} ${s.name}`);
    }
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
