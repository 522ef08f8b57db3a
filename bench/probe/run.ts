/**
 * bench/probe: 1,000 URLs through the userspace censored network with 50 ms injected per round trip,
 * 50 in flight. Prints wall time against the critical-path bound computed from the injected latencies
 * (goal ≤ 1.25) and the peak RSS (goal ≤ 200 MB; it includes the simulated servers and the control,
 * which run in this process).
 */
import { loadInterceptionCas } from '../../src/analysis/tls/interception-cas.js';
import { runProbe } from '../../src/probe/probe-runner.js';
import { startSimulatedInternet } from '../../testkit/netsim/simulated-internet.js';
import { simProbeConfig } from '../../testkit/scenarios/sim-probe-config.js';

const URLS = Number(process.env.BENCH_URLS ?? 1000);
const PARALLEL = 50;
const RTT_MS = 50;
const HOSTS = [
  'www.example.com',
  'www.example.org',
  'rus.azattyq.org',
  'www.rferl.org',
  'kaztag.kz',
  'www.currenttime.tv',
];

const sim = await startSimulatedInternet({ latencyMs: RTT_MS });
sim.configure({});
const inputs = Array.from({ length: URLS }, (_, i) => {
  const scheme = i % 2 === 0 ? 'https' : 'http';
  return `${scheme}://${HOSTS[i % HOSTS.length]}/page/${i}`;
});
// Round trips on the client's link per URL: DNS lookup, TCP connect, (TLS handshake,) HTTP exchange.
// The DNS-over-UDP query and the control run beside them and are not on the client's link.
const roundTrips = (url: string) => (url.startsWith('https:') ? 4 : 3);
const paths = inputs.map((u) => roundTrips(u) * RTT_MS);
const boundMs = Math.max(Math.max(...paths), paths.reduce((a, b) => a + b, 0) / PARALLEL);

const cfg = simProbeConfig(sim, {
  timeouts: { dns: 5000, connect: 5000, tlsHandshake: 5000, http: 10_000, control: 20_000, perUrl: 60_000 },
});
const started = performance.now();
const summary = await runProbe({
  inputs,
  cfg,
  known: loadInterceptionCas(),
  meta: { probeCc: 'ZZ', probeAsn: 'AS0' },
  parallel: PARALLEL,
  output: null,
});
const wallMs = performance.now() - started;
await sim.close();

const peakRssMb = process.resourceUsage().maxRSS / 1024;
const ratio = wallMs / boundMs;
console.log(`bench/probe: ${summary.measured} URLs, ${PARALLEL} in flight, ${RTT_MS} ms per round trip`);
console.log(`verdicts: ${JSON.stringify(summary.verdicts)}`);
console.log(
  `wall time ${(wallMs / 1000).toFixed(2)} s, critical-path bound ${(boundMs / 1000).toFixed(2)} s`,
);
console.log(`ratio wall/bound = ${ratio.toFixed(3)} (goal ≤ 1.25) ${ratio <= 1.25 ? 'OK' : 'OVER'}`);
console.log(`peak RSS ${peakRssMb.toFixed(0)} MB (goal ≤ 200 MB) ${peakRssMb <= 200 ? 'OK' : 'OVER'}`);
