/**
 * Runs the simulated Internet (servers, resolvers, middlebox, control) in a child process of its own,
 * so a benchmark's probe has its own process: its own core, and an RSS that is the probe's alone.
 *
 * Protocol over the IPC channel: the child sends `{ snapshot }` once listening; the parent may send
 * `'mark'` (CPU is counted from there) and then sends `'stop'`, answered with `{ stopped: { maxRssMb,
 * cpuSeconds } }` before the child exits. The child also exits when the parent goes away (the channel
 * disconnects), so a benchmark that fails leaves nothing running.
 */
import { type SimSnapshot, startSimulatedInternet } from './simulated-internet.js';

/** What the child reports about itself when it stops (the benchmark prints it beside the probe's figures). */
export interface SimProcessUsage {
  maxRssMb: number;
  cpuSeconds: number;
}

export type SimProcessMessage = { snapshot: SimSnapshot } | { stopped: SimProcessUsage };

const send = process.send?.bind(process);
if (!send) throw new Error('sim-process.ts runs as a child process with an IPC channel (child_process.fork)');

const latencyMs = Number(process.env.NETSIM_LATENCY_MS ?? 0);
const sim = await startSimulatedInternet({ latencyMs });
// CPU is counted from the parent's mark: the start-up (test certificates) and its warm-up are left out.
let cpuAtMark = process.cpuUsage();

process.once('disconnect', () => process.exit(0));
process.on('message', async (message) => {
  if (message === 'mark') cpuAtMark = process.cpuUsage();
  if (message !== 'stop') return;
  await sim.close();
  const cpu = process.cpuUsage(cpuAtMark);
  const usage: SimProcessUsage = {
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
  send({ stopped: usage } satisfies SimProcessMessage, () => process.exit(0));
});
send({ snapshot: await sim.snapshot() } satisfies SimProcessMessage);
