/** The built `netfreedom` binary as the crash and load tests run it: to the end, killed with SIGKILL, or serving. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'netfreedom.js');

/** Builds dist/ when a reliability file runs on its own (`npm test` builds first). */
export function ensureBuilt(): void {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js')))
    spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `netfreedom ARGS`, collecting its output; `input` goes to its stdin. */
export function startCli(
  args: string[],
  input = '',
): { child: ChildProcess; done: Promise<Finished>; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdin!.end(input);
  const done = new Promise<Finished>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done, stderr: () => stderr };
}

/** Runs `netfreedom ARGS` to its end. */
export function runCli(args: string[], input = ''): Promise<Finished> {
  return startCli(args, input).done;
}

/**
 * Runs `netfreedom ARGS` and kills it with SIGKILL `afterMs` after `armed(its stderr so far)` first holds (polled every 5 ms; at once
 * when not given), if it is still running then. Answers when `armed()` first held, in ms from the start (or null).
 */
export async function killedAfter(
  args: string[],
  afterMs: number,
  armed: (stderr: string) => boolean = () => true,
): Promise<Finished & { killed: boolean; armedAt: number | null }> {
  const started = Date.now();
  const { child, done, stderr } = startCli(args);
  let armedAt: number | null = null;
  let timer: NodeJS.Timeout | undefined;
  const poll = setInterval(() => {
    if (armedAt !== null || !armed(stderr())) return;
    armedAt = Date.now() - started;
    timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
  }, 5);
  const finished = await done;
  clearInterval(poll);
  clearTimeout(timer);
  return { ...finished, killed: finished.signal === 'SIGKILL', armedAt };
}

/** `netfreedom audit verify` on a store: true when the hash chain holds (exit 0). */
export async function auditVerifies(db: string): Promise<{ ok: boolean; said: string }> {
  const r = await runCli(['audit', 'verify', '--db', db]);
  return { ok: r.code === 0, said: (r.stdout + r.stderr).trim() };
}

/** A running `netfreedom serve` on port 0. */
export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Ends it with `signal` (SIGKILL for a crash, SIGTERM for a clean stop); resolves once it has exited. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

/** `netfreedom serve --port 0 --db FILE …extra`, resolved once it says where it serves. */
export function startServe(db: string, extra: string[] = []): Promise<ServeProcess> {
  const { child } = startCli(['serve', '--port', '0', '--db', db, ...extra]);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve not ready after 90 s: ${stderr}`));
    }, 90_000);
    child.stderr!.on('data', (d) => {
      stderr += d;
      const m = /serving (http:\/\/\S+?)\/? /.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}
