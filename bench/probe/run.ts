/**
 * bench/probe: 1,000 URLs through the userspace censored network with 50 ms injected per round trip,
 * 50 in flight. Prints wall time against the critical-path bound computed from the injected latencies
 * (goal ≤ 1.25) and the peak RSS (goal ≤ 200 MB). The simulated servers and the control run in a
 * worker thread (the probe has the main thread); RSS covers the whole process. A first pass with no
 * latency measures this machine's processing floor in the same run.
 */
import { Worker } from 'node:worker_threads';
import { loadInterceptionCas } from '../../src/analysis/tls/interception-cas.js';
import { DEFAULT_MAX_BODY } from '../../src/probe/probe-config.js';
import { type RunSummary, runProbe } from '../../src/probe/probe-runner.js';
import { networkFromSnapshot, type SimSnapshot } from '../../testkit/netsim/simulated-internet.js';

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
const inputs = Array.from(
  { length: URLS },
  (_, i) => `${i % 2 === 0 ? 'https' : 'http'}://${HOSTS[i % HOSTS.length]}/page/${i}`,
);

// Round trips on the client's link per URL: DNS lookup, TCP connect, (TLS handshake,) HTTP exchange.
// The control runs beside them, off the client's link.
const paths = inputs.map((u) => (u.startsWith('https:') ? 4 : 3) * RTT_MS);
const boundMs = Math.max(Math.max(...paths), paths.reduce((a, b) => a + b, 0) / PARALLEL);

async function pass(latencyMs: number): Promise<{ wallMs: number; summary: RunSummary }> {
  // Node 20 does not hand tsx's loader to workers: the worker registers it before importing TypeScript.
  const entry = new URL('../../testkit/netsim/sim-worker.ts', import.meta.url).href;
  const worker = new Worker(
    `import('tsx/esm/api').then(async ({ register }) => { register(); await import(${JSON.stringify(entry)}); })`,
    { eval: true, workerData: { latencyMs } },
  );
  const snap = await new Promise<SimSnapshot>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const cfg = {
    network: networkFromSnapshot(snap, latencyMs),
    timeouts: { dns: 5000, connect: 5000, tlsHandshake: 5000, http: 10_000, control: 20_000, perUrl: 60_000 },
    maxBodyBytes: DEFAULT_MAX_BODY,
    maxRedirects: 10,
    neutralSni: 'example.com',
    ca: snap.probeCa,
    udpResolver: null,
    controlUrl: snap.controlUrl,
    throttlingFactor: 5,
  };
  const run = (urls: string[]) =>
    runProbe({
      inputs: urls,
      cfg,
      known: loadInterceptionCas(),
      meta: { probeCc: 'ZZ', probeAsn: 'AS0' },
      parallel: PARALLEL,
      output: null,
    });
  await run(HOSTS.flatMap((h) => [`http://${h}/warm-up`, `https://${h}/warm-up`])); // JIT, caches, first handshakes
  const started = performance.now();
  const summary = await run(inputs);
  const wallMs = performance.now() - started;
  worker.postMessage('stop');
  await new Promise((resolve) => worker.once('exit', resolve));
  return { wallMs, summary };
}

const floor = await pass(0);
const run = await pass(RTT_MS);
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const ratio = run.wallMs / boundMs;
console.log(
  `bench/probe: ${run.summary.measured} URLs (half https), ${PARALLEL} in flight, ${RTT_MS} ms per round trip`,
);
console.log(`verdicts: ${JSON.stringify(run.summary.verdicts)}`);
console.log(
  `floor (same URLs, no latency): ${(floor.wallMs / 1000).toFixed(2)} s — this machine's processing time`,
);
console.log(
  `wall time ${(run.wallMs / 1000).toFixed(2)} s, critical-path bound ${(boundMs / 1000).toFixed(2)} s`,
);
console.log(`ratio wall/bound = ${ratio.toFixed(3)} (goal ≤ 1.25) ${ratio <= 1.25 ? 'OK' : 'OVER'}`);
console.log(`ratio wall/max(bound, floor) = ${(run.wallMs / Math.max(boundMs, floor.wallMs)).toFixed(3)}`);
console.log(`peak RSS ${peakRssMb.toFixed(0)} MB (goal ≤ 200 MB) ${peakRssMb <= 200 ? 'OK' : 'OVER'}`);
