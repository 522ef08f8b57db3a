/**
 * One pass of bench/probe in this process: a fresh simulated Internet and control (each in a child process,
 * testkit/netsim/sim-process.ts), the warm-up URLs, then the timed URLs through the probe or through the bare client
 * (bare-client.ts), with the CPU and wall time of the timed URLs alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInterceptionCas } from '../../src/analysis/tls/interception-cas.js';
import type { Measurement, WebConnectivityTestKeys } from '../../src/model/measurement.js';
import { webConnectivity } from '../../src/probe/experiments/web-connectivity/web-connectivity.js';
import { runProbe } from '../../src/probe/probe-runner.js';
import { startSimChild } from '../../testkit/netsim/sim-child.js';
import type { SimProcessUsage } from '../../testkit/netsim/sim-process.js';
import { probeConfigFor, type SimSnapshot } from '../../testkit/netsim/sim-snapshot.js';
import { runBareClient } from './bare-client.js';

export const PARALLEL = 50;
const HOSTS = [
  'www.example.com',
  'www.example.org',
  'rus.azattyq.org',
  'www.rferl.org',
  'kaztag.kz',
  'www.currenttime.tv',
];
const TIMEOUTS = {
  dns: 5000,
  connect: 5000,
  tlsHandshake: 5000,
  http: 10_000,
  control: 20_000,
  perUrl: 60_000,
};

/** The timed URLs: half https, the six simulated sites in turn. */
export function timedUrls(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${i % 2 === 0 ? 'https' : 'http'}://${HOSTS[i % HOSTS.length]}/page/${i}`,
  );
}
const warmUp = HOSTS.flatMap((h) => [`http://${h}/warm-up`, `https://${h}/warm-up`]); // JIT, caches, first handshakes

/**
 * The critical-path bound from the injected latencies: round trips on the client's link per URL (DNS lookup, TCP
 * connect, TLS handshake for https, HTTP exchange), `PARALLEL` at a time. The control runs beside them, off that link.
 */
export function boundMs(urls: readonly string[], rttMs: number): number {
  const paths = urls.map((u) => (u.startsWith('https:') ? 4 : 3) * rttMs);
  return Math.max(Math.max(...paths), paths.reduce((a, b) => a + b, 0) / PARALLEL);
}

export interface PassResult {
  wallMs: number;
  /** CPU seconds the pass's own process spent on the timed URLs. */
  cpuSeconds: number;
  /** The pass's own process's peak RSS, warm-up and timed URLs. */
  peakRssMb: number;
  internet: SimProcessUsage;
  control: SimProcessUsage;
  /** The probe's verdicts on the timed URLs (the probe's pass), or how many of them answered 200 (the bare one's). */
  verdicts: Record<string, number>;
  answered200: number;
  /** What the throttling rule called and refused for the probe's own loop lag on the timed URLs (the probe's pass). */
  throttling: { called: number; refused: number; maxLagSeconds: number };
}

/** Starts the simulated Internet and the control afresh, runs the warm-up, then times the URLs. */
async function timed(
  rttMs: number,
  urls: string[],
  run: (snap: SimSnapshot, urls: string[], isTimed: boolean) => Promise<void>,
): Promise<Pick<PassResult, 'wallMs' | 'cpuSeconds' | 'internet' | 'control'>> {
  const internet = startSimChild('internet', rttMs);
  const control = startSimChild('control', rttMs);
  try {
    const snap = await control.ready(await internet.ready());
    await run(snap, warmUp, false);
    internet.mark();
    control.mark();
    const cpu = process.cpuUsage();
    const started = performance.now();
    await run(snap, urls, true);
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return {
      wallMs,
      cpuSeconds: (used.user + used.system) / 1e6,
      internet: await internet.stop(),
      control: await control.stop(),
    };
  } finally {
    await Promise.all([internet.close(), control.close()]);
  }
}

/** The probe as the CLI runs it, its measurements streamed to a file one line at a time. */
export async function probePass(urlCount: number, rttMs: number): Promise<PassResult> {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-probe-'));
  const known = loadInterceptionCas(); // once, as the CLI loads it, not within the timed URLs
  // Under load the probe's timings stretch: count what the throttling rule called and what it refused (loop lag).
  const throttling = { called: 0, refused: 0, maxLagSeconds: 0 };
  const countThrottling = (m: Measurement) => {
    const tk = m.test_keys as WebConnectivityTestKeys;
    for (const t of tk.x_tls?.throttling ?? []) {
      if (t.throttled) throttling.called += 1;
      if (t.not_judged === 'probe_loop_lag') throttling.refused += 1;
    }
    throttling.maxLagSeconds = Math.max(throttling.maxLagSeconds, tk.x_loop_lag?.max ?? 0);
  };
  let verdicts: Record<string, number> = {};
  try {
    const times = await timed(rttMs, timedUrls(urlCount), async (snap, urls, isTimed) => {
      const summary = await runProbe({
        jobs: urls.map((input) => ({ experiment: webConnectivity, input })),
        cfg: probeConfigFor(snap, rttMs, TIMEOUTS),
        known,
        meta: { probeCc: 'ZZ', probeAsn: 'AS0' },
        parallel: PARALLEL,
        output: join(outDir, isTimed ? 'timed.jsonl' : 'warm-up.jsonl'),
        onMeasurement: isTimed ? countThrottling : undefined,
      });
      if (isTimed) verdicts = summary.verdicts;
    });
    return { ...times, peakRssMb: peakRss(), verdicts, answered200: 0, throttling };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** The bare client's pass: the same exchanges, no analysis, no recording. */
export async function barePass(urlCount: number, rttMs: number): Promise<PassResult> {
  let answered200 = 0;
  const times = await timed(rttMs, timedUrls(urlCount), async (snap, urls, isTimed) => {
    const network = probeConfigFor(snap, rttMs, TIMEOUTS).network;
    const ok = await runBareClient(urls, {
      network,
      controlUrl: snap.controlUrl!,
      ca: snap.probeCa,
      parallel: PARALLEL,
    });
    if (isTimed) answered200 = ok;
  });
  const throttling = { called: 0, refused: 0, maxLagSeconds: 0 };
  return { ...times, peakRssMb: peakRss(), verdicts: {}, answered200, throttling };
}

function peakRss(): number {
  return process.resourceUsage().maxRSS / 1024;
}
