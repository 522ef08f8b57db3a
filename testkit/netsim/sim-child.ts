/** The parent's side of sim-process.ts: starts a part of the simulation in a child process and talks to it. */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SimProcessCommand, SimProcessMessage, SimProcessUsage } from './sim-process.js';
import type { SimSnapshot } from './sim-snapshot.js';

/** Every child still running; killed when this process exits, whatever the reason. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Starts one part of the simulation (`internet` or `control`) in a child process. */
export function startSimChild(role: 'internet' | 'control', latencyMs: number) {
  const child = fork(fileURLToPath(new URL('./sim-process.ts', import.meta.url)), [], {
    // BENCH_CPU_PROF_DIR profiles the children too (run the benchmark with `node --import tsx --cpu-prof`).
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_CPU_PROF_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
        : []),
    ],
    env: { ...process.env, NETSIM_ROLE: role, NETSIM_LATENCY_MS: String(latencyMs) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      children.delete(child);
      resolve();
    }),
  );
  const next = <K extends 'snapshot' | 'stopped'>(key: K) =>
    new Promise<SimProcessMessage>((resolve, reject) => {
      const onMessage = (m: SimProcessMessage) => {
        if (!(key in m)) return;
        cleanup();
        resolve(m);
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`the ${role} process exited (code ${code}) before sending ${key}`));
      };
      const cleanup = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const command = (c: SimProcessCommand) => {
    if (child.connected) child.send(c, () => {});
  };
  let stopSent = false;
  const stop = () => {
    if (!stopSent) command('stop');
    stopSent = true;
  };
  return {
    /** The snapshot once listening; the control needs the internet's first. */
    async ready(internet?: SimSnapshot): Promise<SimSnapshot> {
      const m = next('snapshot');
      if (internet) command({ internet });
      const got = await m;
      if (!('snapshot' in got)) throw new Error(`unexpected message from the ${role} process`);
      return got.snapshot;
    },
    mark: () => command('mark'),
    async stop(): Promise<SimProcessUsage> {
      const m = next('stopped');
      stop();
      const got = await m;
      if (!('stopped' in got)) throw new Error(`unexpected message from the ${role} process`);
      return got.stopped;
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
