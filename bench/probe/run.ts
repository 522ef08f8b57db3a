/**
 * bench/probe: 1,000 URLs through the userspace censored network with 50 ms injected per round trip, 50 in flight,
 * the measurements streamed to a file as the CLI writes them. Prints each figure with its goal: wall time against
 * 1.15 × max(the critical-path bound from the injected latencies, the CPU floor over the cores), the probe's CPU
 * against 1.5 × the bare client's (bare-client.ts: the same exchanges at the same concurrency, no analysis, no
 * recording), and the probe's peak RSS (≤ 200 MB at 1,000 URLs, ≤ 300 MB at 10,000). The simulated Internet and the
 * control run in child processes of each pass (testkit/netsim/sim-process.ts); their CPU counts in the floor (they
 * share this machine's cores), their RSS is printed apart.
 * Each pass runs in a process of its own (pass-child.ts), cold as a CLI run starts, and the passes run in rounds
 * (`--rounds`, 3 by default), each round the probe then the bare client: the machine's drift moves both passes of a
 * round, and each goal is judged on the median of the rounds' ratios (one pass's CPU alone moved by a fifth between
 * runs minutes apart).
 * Run: npx tsx bench/probe/run.ts [--urls 1000] [--rtt 50] [--rounds 3]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from '../shared/median.js';
import { boundMs as boundOf, PARALLEL, type PassResult, timedUrls } from './passes.js';

const { values } = parseArgs({
  options: {
    urls: { type: 'string', default: '1000' },
    rtt: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
  },
});
const URLS = Number(values.urls);
const RTT_MS = Number(values.rtt);
const ROUNDS = Number(values.rounds);
if (!(Number.isInteger(URLS) && URLS > 0 && Number.isFinite(RTT_MS) && RTT_MS > 0))
  throw new Error('--urls takes a whole number above 0 and --rtt a number of milliseconds above 0');
if (!(Number.isInteger(ROUNDS) && ROUNDS >= 1)) throw new Error('--rounds takes a whole number of 1 or more');
const boundMs = boundOf(timedUrls(URLS), RTT_MS);

const CHILD = fileURLToPath(new URL('./pass-child.ts', import.meta.url));
const resultDir = mkdtempSync(join(tmpdir(), 'bench-probe-'));

/** Runs one pass in a process of its own, with this process's runtime flags (tsx's loader, `--cpu-prof`). */
function runPass(kind: 'probe' | 'bare', round: number): Promise<PassResult> {
  const file = join(resultDir, `${kind}-${round}.json`);
  const args = [...process.execArgv, CHILD, kind, String(URLS), String(RTT_MS), file];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code !== 0)
        return reject(new Error(`the ${kind} pass of round ${round} ended with ${signal ?? code}`));
      resolve(JSON.parse(readFileSync(file, 'utf8')) as PassResult);
    });
  });
}

const cores = availableParallelism();
const allCpu = (p: PassResult) => p.cpuSeconds + p.internet.cpuSeconds + p.control.cpuSeconds;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

interface Round {
  probe: PassResult;
  bare: PassResult;
  /** The probe's wall over the goal's base: max(bound, the bare pass's CPU over the cores). */
  wallRatio: number;
  bareWallRatio: number;
  cpuRatio: number;
}

const rounds: Round[] = [];
try {
  for (let r = 1; r <= ROUNDS; r++) {
    const probe = await runPass('probe', r);
    const bare = await runPass('bare', r);
    const base = Math.max(boundMs, (allCpu(bare) * 1000) / cores);
    const round: Round = {
      probe,
      bare,
      wallRatio: probe.wallMs / base,
      bareWallRatio: bare.wallMs / base,
      cpuRatio: probe.cpuSeconds / bare.cpuSeconds,
    };
    rounds.push(round);
    if (ROUNDS > 1)
      console.log(
        `round ${r}: probe wall ${s(probe.wallMs)}, CPU ${probe.cpuSeconds.toFixed(2)} s; bare wall ${s(bare.wallMs)}, CPU ${bare.cpuSeconds.toFixed(2)} s; wall ${round.wallRatio.toFixed(3)}× the goal's base (bare ${round.bareWallRatio.toFixed(3)}×), CPU ${round.cpuRatio.toFixed(2)}× the floor`,
      );
  }
} finally {
  rmSync(resultDir, { recursive: true, force: true });
}

// Each figure comes from one round, so that a line's numbers agree with each other: the round of the median wall
// ratio for the wall lines, the round of the median CPU ratio for the CPU line.
const medianRound = (f: (r: Round) => number): Round => {
  const m = median(rounds.map(f));
  return rounds.find((r) => f(r) === m)!;
};
const of = (f: (r: Round) => number, digits: number) =>
  ROUNDS === 1
    ? ''
    : `, the median of ${rounds.map((r) => f(r).toFixed(digits)).join(', ')}: round ${rounds.indexOf(medianRound(f)) + 1}`;
const inRound = (r: Round) => (ROUNDS === 1 ? '' : ` (round ${rounds.indexOf(r) + 1})`);
const w = medianRound((r) => r.wallRatio);
const c = medianRound((r) => r.cpuRatio);
const floorOverCoresMs = (allCpu(w.bare) * 1000) / cores;
const wallGoalMs = 1.15 * Math.max(boundMs, floorOverCoresMs);
const rssGoal = URLS <= 1000 ? 200 : 300;
const rssAt = URLS <= 1000 ? '1,000' : '10,000';
const verdicts = rounds.map((r) => JSON.stringify(r.probe.verdicts));
const measured = Object.values(rounds[0]!.probe.verdicts).reduce((a, b) => a + b, 0);
const throttling = {
  called: rounds.reduce((n, r) => n + r.probe.throttling.called, 0),
  refused: rounds.reduce((n, r) => n + r.probe.throttling.refused, 0),
  maxLagSeconds: Math.max(...rounds.map((r) => r.probe.throttling.maxLagSeconds)),
};
const peakRssMb = Math.max(...rounds.map((r) => r.probe.peakRssMb));
console.log(
  `bench/probe: ${measured} URLs (half https), ${PARALLEL} in flight, ${RTT_MS} ms per round trip${ROUNDS === 1 ? '' : `, ${ROUNDS} rounds (each goal judged on the median of the rounds' ratios)`}`,
);
console.log(
  `verdicts: ${new Set(verdicts).size === 1 ? `${verdicts[0]}${ROUNDS === 1 ? '' : ' in every round'}` : verdicts.join(' | ')}`,
);
console.log(
  `throttling on the timed URLs: ${throttling.called} called, ${throttling.refused} refused for the probe's own event-loop lag (longest hold ${throttling.maxLagSeconds.toFixed(3)} s)${ROUNDS === 1 ? '' : ', all rounds'}`,
);
console.log(
  `CPU floor, bare Node (same exchanges, same concurrency; ${Math.min(...rounds.map((r) => r.bare.answered200))} of ${URLS} answered 200): client ${w.bare.cpuSeconds.toFixed(2)} s, simulated Internet ${w.bare.internet.cpuSeconds.toFixed(2)} s, control ${w.bare.control.cpuSeconds.toFixed(2)} s; all three over ${cores} cores ${s(floorOverCoresMs)} (bare wall ${s(w.bare.wallMs)})${inRound(w)}`,
);
console.log(
  `wall time ${s(w.probe.wallMs)}, critical-path bound ${s(boundMs)}; goal ≤ 1.15 × max(bound, CPU floor / cores) = ${s(wallGoalMs)}: ${verdict(w.wallRatio <= 1.15)} (${w.wallRatio.toFixed(3)}×${of((r) => r.wallRatio, 3)})`,
);
// In a run bound by CPU, wall time follows the three processes' CPU over the cores at the bare pass's pace: what the
// wall goal leaves the probe to spend beyond the bare client, against what it spent.
const pace = w.bare.wallMs / floorOverCoresMs;
const leftCpuSeconds = ((wallGoalMs / pace - floorOverCoresMs) * cores) / 1000;
console.log(
  `the bare pass against the same goal: wall ${s(w.bare.wallMs)}, ${w.bareWallRatio.toFixed(3)}×${inRound(w)}; ${
    floorOverCoresMs >= boundMs
      ? `bound by CPU: at its pace (wall ${pace.toFixed(3)}× its CPU over the cores) the goal leaves the probe ${leftCpuSeconds.toFixed(2)} s of CPU beyond the bare client's, and it took ${(w.probe.cpuSeconds - w.bare.cpuSeconds).toFixed(2)} s`
      : 'bound by the latencies, not by CPU'
  }`,
);
console.log(
  `probe CPU ${c.probe.cpuSeconds.toFixed(2)} s, bare client ${c.bare.cpuSeconds.toFixed(2)} s: ${c.cpuRatio.toFixed(2)}× the floor${of((r) => r.cpuRatio, 2)}; goal ≤ 1.5× (${(1.5 * c.bare.cpuSeconds).toFixed(2)} s): ${verdict(c.cpuRatio <= 1.5)}`,
);
console.log(
  `peak RSS of the probe process ${peakRssMb.toFixed(0)} MB${ROUNDS === 1 ? '' : ', the largest of the rounds'} (goal ≤ ${rssGoal} MB at ${rssAt} URLs): ${verdict(peakRssMb <= rssGoal)}`,
);
console.log(
  `CPU on the timed URLs: probe ${w.probe.cpuSeconds.toFixed(2)} s, simulated Internet ${w.probe.internet.cpuSeconds.toFixed(2)} s, control ${w.probe.control.cpuSeconds.toFixed(2)} s${inRound(w)}`,
);
// Wall time cannot go below the three processes' CPU spread over every core: when that exceeds the bound,
// the run measures this machine's cores, not the probe's waiting.
const cpuFloorMs = (allCpu(w.probe) * 1000) / cores;
console.log(
  `  all three over ${cores} cores: at least ${s(cpuFloorMs)} of wall time, ${(cpuFloorMs / boundMs).toFixed(3)}× the bound`,
);
console.log(
  `other processes (not the probe): simulated Internet peak RSS ${Math.max(...rounds.flatMap((r) => [r.probe.internet.maxRssMb, r.bare.internet.maxRssMb])).toFixed(0)} MB, control ${Math.max(...rounds.flatMap((r) => [r.probe.control.maxRssMb, r.bare.control.maxRssMb])).toFixed(0)} MB`,
);
