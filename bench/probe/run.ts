/**
 * bench/probe: 1,000 URLs through the userspace censored network with 50 ms injected per round trip,
 * 50 in flight. Prints wall time against the critical-path bound computed from the injected latencies
 * (goal ≤ 1.25) and the probe's peak RSS (goal ≤ 200 MB). The simulated servers and the control run in
 * a child process (testkit/netsim/sim-process.ts), so this process is the probe alone; the child's RSS
 * and CPU are printed apart. A first pass with no latency measures the processing floor in the same run.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadInterceptionCas } from '../../src/analysis/tls/interception-cas.js';
import { DEFAULT_MAX_BODY } from '../../src/probe/probe-config.js';
import { type RunSummary, runProbe } from '../../src/probe/probe-runner.js';
import type { SimProcessMessage, SimProcessUsage } from '../../testkit/netsim/sim-process.js';
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

/** Every child still running; killed when this process exits, whatever the reason. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

interface PassResult {
  wallMs: number;
  /** CPU seconds this process (the probe) spent on the timed URLs. */
  probeCpuSeconds: number;
  summary: RunSummary;
  sim: SimProcessUsage;
}

/** Starts the simulation's process and resolves with its messages as they come. */
function startSimulation(latencyMs: number) {
  const child = fork(fileURLToPath(new URL('../../testkit/netsim/sim-process.ts', import.meta.url)), [], {
    // BENCH_CPU_PROF_DIR profiles the child too (run this file with `node --import tsx --cpu-prof`).
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_CPU_PROF_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
        : []),
    ],
    env: { ...process.env, NETSIM_LATENCY_MS: String(latencyMs) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      children.delete(child);
      resolve();
    }),
  );
  const next = (key: 'snapshot' | 'stopped') =>
    new Promise<SimProcessMessage>((resolve, reject) => {
      const onMessage = (m: SimProcessMessage) => {
        if (!(key in m)) return;
        cleanup();
        resolve(m);
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`the simulation process exited (code ${code}) before sending ${key}`));
      };
      const cleanup = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  let stopSent = false;
  const stop = () => {
    if (stopSent || !child.connected) return;
    stopSent = true;
    child.send('stop', () => {});
  };
  return {
    async snapshot(): Promise<SimSnapshot> {
      const m = await next('snapshot');
      if (!('snapshot' in m)) throw new Error('unexpected message');
      return m.snapshot;
    },
    mark: () => child.send('mark'),
    async stop(): Promise<SimProcessUsage> {
      const stopped = next('stopped');
      stop();
      const m = await stopped;
      if (!('stopped' in m)) throw new Error('unexpected message');
      return m.stopped;
    },
    /** Waits for the child to exit after 'stop' (it writes its profile then); a stuck one is killed. */
    async close() {
      const grace = setTimeout(() => child.kill('SIGKILL'), 10_000);
      stop();
      await exited;
      clearTimeout(grace);
    },
  };
}

async function pass(latencyMs: number): Promise<PassResult> {
  const sim = startSimulation(latencyMs);
  try {
    const snap = await sim.snapshot();
    const cfg = {
      network: networkFromSnapshot(snap, latencyMs),
      timeouts: {
        dns: 5000,
        connect: 5000,
        tlsHandshake: 5000,
        http: 10_000,
        control: 20_000,
        perUrl: 60_000,
      },
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
    sim.mark();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const summary = await run(inputs);
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { wallMs, probeCpuSeconds: (used.user + used.system) / 1e6, summary, sim: await sim.stop() };
  } finally {
    await sim.close();
  }
}

const floor = await pass(0);
const run = await pass(RTT_MS);
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const ratio = run.wallMs / boundMs;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(
  `bench/probe: ${run.summary.measured} URLs (half https), ${PARALLEL} in flight, ${RTT_MS} ms per round trip`,
);
console.log(`verdicts: ${JSON.stringify(run.summary.verdicts)}`);
console.log(`floor (same URLs, no latency): ${seconds(floor.wallMs)} — this machine's processing time`);
console.log(`wall time ${seconds(run.wallMs)}, critical-path bound ${seconds(boundMs)}`);
console.log(`ratio wall/bound = ${ratio.toFixed(3)} (goal ≤ 1.25) ${ratio <= 1.25 ? 'OK' : 'OVER'}`);
console.log(`ratio wall/max(bound, floor) = ${(run.wallMs / Math.max(boundMs, floor.wallMs)).toFixed(3)}`);
console.log(
  `peak RSS of the probe process ${peakRssMb.toFixed(0)} MB (goal ≤ 200 MB) ${peakRssMb <= 200 ? 'OK' : 'OVER'}`,
);
console.log(
  `CPU during the timed URLs: probe ${run.probeCpuSeconds.toFixed(2)} s, simulation + control ${run.sim.cpuSeconds.toFixed(2)} s (no-latency pass: ${floor.probeCpuSeconds.toFixed(2)} s, ${floor.sim.cpuSeconds.toFixed(2)} s)`,
);
console.log(
  `simulation + control process (not the probe): peak RSS ${Math.max(floor.sim.maxRssMb, run.sim.maxRssMb).toFixed(0)} MB`,
);
