/**
 * `npm run demo:kz`: runs the probe against the simulated Kazakhstan scenarios and writes
 * data/demo/kz-simulated.jsonl. Every measurement is marked `annotations.simulated = "true"`.
 */
import { writeFileSync } from 'node:fs';
import { loadInterceptionCas } from '../src/analysis/tls/interception-cas.js';
import { measureUrl, ooniTime } from '../src/probe/measure-url.js';
import { dataPath } from '../src/shared/paths.js';
import { startSimulatedInternet } from '../testkit/netsim/simulated-internet.js';
import { KZ_SCENARIOS } from '../testkit/scenarios/kazakhstan-cases.js';
import { simProbeConfig } from '../testkit/scenarios/sim-probe-config.js';
import { SCENARIOS } from '../testkit/scenarios/web-connectivity-cases.js';

/** A few of OONI's families on other sites, so the demo also shows DNS, TCP and blockpage blocking. */
const EXTRA = [
  'dnsBlockingNXDOMAIN',
  'tcpBlockingConnectTimeout',
  'httpDiffWithConsistentDNS',
  'websiteDownNXDOMAIN',
];

const sim = await startSimulatedInternet();
const known = loadInterceptionCas();
const start = new Date();
const reportId = `${start.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z_webconnectivity_KZ_9198_n1_simulated0000000`;
const lines: string[] = [];
for (const s of [...KZ_SCENARIOS, ...SCENARIOS.filter((c) => EXTRA.includes(c.name))]) {
  sim.configure(s.config);
  const { measurement } = await measureUrl(s.input, simProbeConfig(sim), known, {
    probeCc: 'KZ',
    probeAsn: 'AS9198',
    probeNetworkName: 'JSC Kazakhtelecom',
    reportId,
    testStartTime: ooniTime(start),
    annotations: { simulated: 'true', scenario: s.name },
  });
  // The simulated control listens on a random loopback port: name it for what it is.
  measurement.test_helpers = { backend: { address: 'simulated-control', type: 'simulated' } };
  lines.push(JSON.stringify(measurement));
  console.log(
    `${String(measurement.test_keys.x_verdict?.blocking).padEnd(16)} ${s.name.padEnd(44)} ${s.input}`,
  );
}
await sim.close();
const file = dataPath('demo', 'kz-simulated.jsonl');
writeFileSync(file, `${lines.join('\n')}\n`);
console.log(`wrote ${lines.length} simulated measurements to ${file}`);
