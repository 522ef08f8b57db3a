/**
 * Runs part of the simulated Internet in a child process of its own, so a benchmark's probe has its own
 * process: its own core, and an RSS that is the probe's alone. `NETSIM_ROLE=internet` runs the servers,
 * resolvers and middlebox (latency `NETSIM_LATENCY_MS`); `NETSIM_ROLE=control` runs the control for an
 * internet running elsewhere (as a real control runs on another machine).
 *
 * Protocol over the IPC channel: the internet sends `{ snapshot }` once listening; the control first
 * waits for `{ internet: snapshot }` and answers with the snapshot holding its URL. The parent may send
 * `'mark'` (CPU is counted from there) and then sends `'stop'`, answered with `{ stopped: { maxRssMb,
 * cpuSeconds } }` before the child exits. The child also exits when the parent goes away (the channel
 * disconnects), so a benchmark that fails leaves nothing running.
 */
import { type SimSnapshot, startControlFor } from './sim-snapshot.js';
import { startSimulatedInternet } from './simulated-internet.js';

/** What the child reports about itself when it stops (the benchmark prints it beside the probe's figures). */
export interface SimProcessUsage {
  maxRssMb: number;
  cpuSeconds: number;
}

export type SimProcessMessage = { snapshot: SimSnapshot } | { stopped: SimProcessUsage };
export type SimProcessCommand = 'mark' | 'stop' | { internet: SimSnapshot };

const send = process.send?.bind(process);
if (!send) throw new Error('sim-process.ts runs as a child process with an IPC channel (child_process.fork)');

const role = process.env.NETSIM_ROLE ?? 'internet';
let close: () => Promise<void> = async () => {};
// CPU is counted from the parent's mark: the start-up (test certificates) and its warm-up are left out.
let cpuAtMark = process.cpuUsage();

process.once('disconnect', () => process.exit(0));
process.on('message', async (message: SimProcessCommand) => {
  if (message === 'mark') cpuAtMark = process.cpuUsage();
  else if (message === 'stop') {
    await close();
    const cpu = process.cpuUsage(cpuAtMark);
    const usage = {
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    };
    send({ stopped: usage } satisfies SimProcessMessage, () => process.exit(0));
  } else if (role === 'control' && 'internet' in message) {
    const control = await startControlFor(message.internet);
    close = control.close;
    send({ snapshot: { ...message.internet, controlUrl: control.url } } satisfies SimProcessMessage);
  }
});
if (role === 'internet') {
  const latencyMs = Number(process.env.NETSIM_LATENCY_MS ?? 0);
  const sim = await startSimulatedInternet({ latencyMs, control: false });
  close = sim.close;
  send({ snapshot: await sim.snapshot() } satisfies SimProcessMessage);
}
