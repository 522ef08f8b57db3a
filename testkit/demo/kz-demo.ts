/** The simulated Kazakhstan demo set: the probe measures each demo scenario on the userspace network, every record marked simulated. */
import { loadInterceptionCas } from '../../src/analysis/tls/interception-cas.js';
import type { WebConnectivityMeasurement } from '../../src/model/measurement.js';
import { measureUrl } from '../../src/probe/experiments/web-connectivity/measure-url.js';
import { ooniTime } from '../../src/probe/measurement-envelope.js';
import { startSimulatedInternet } from '../netsim/simulated-internet.js';
import { DEMO_OTHER_TECHNIQUES } from '../scenarios/demo-other-techniques.js';
import { KZ_SCENARIOS } from '../scenarios/kazakhstan-cases.js';
import type { Scenario } from '../scenarios/scenario.js';
import { simProbeConfig } from '../scenarios/sim-probe-config.js';

/**
 * The network every demo record claims: AS64496, the first of the AS numbers RFC 5398 reserves for
 * documentation, named as what it is. No real network's number or name appears in the demo.
 */
export const DEMO_NETWORK = { asn: 'AS64496', name: 'documentation AS (RFC 5398)' } as const;

/** The scenarios of the demo set, in file order: Kazakhstan's techniques, then the others on fictitious sites. */
export const DEMO_SCENARIOS: readonly Scenario[] = [...KZ_SCENARIOS, ...DEMO_OTHER_TECHNIQUES];

/** Runs every demo scenario once and returns its measurements in order; `log` hears one line per scenario. */
export async function generateKzDemo(
  log: (line: string) => void = () => {},
): Promise<WebConnectivityMeasurement[]> {
  const sim = await startSimulatedInternet();
  const known = loadInterceptionCas();
  const start = new Date();
  const reportId = `${start.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z_webconnectivity_KZ_${DEMO_NETWORK.asn.slice(2)}_n1_simulated0000000`;
  const out: WebConnectivityMeasurement[] = [];
  try {
    for (const s of DEMO_SCENARIOS) {
      sim.configure(s.config);
      const { measurement } = await measureUrl(s.input, simProbeConfig(sim), known, {
        probeCc: 'KZ',
        probeAsn: DEMO_NETWORK.asn,
        probeNetworkName: DEMO_NETWORK.name,
        reportId,
        testStartTime: ooniTime(start),
        annotations: { simulated: 'true', scenario: s.name },
      });
      // The simulated control listens on a random loopback port: name it for what it is.
      measurement.test_helpers = { backend: { address: 'simulated-control', type: 'simulated' } };
      out.push(measurement);
      log(`${String(measurement.test_keys.x_verdict?.blocking).padEnd(16)} ${s.name.padEnd(44)} ${s.input}`);
    }
  } finally {
    await sim.close();
  }
  return out;
}
