/** Runs the built `netfreedom` binary as a user would, capturing output and exit code. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'netfreedom.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // A timeout (SIGTERM) keeps a command that should have refused to start from outliving the test.
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...options.env },
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Starts a long-running command and resolves once its stderr shows `ready`. */
export function startCli(
  args: string[],
  ready: RegExp,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`not ready after 20 s: ${stderr}`)), 20_000);
    child.stderr.on('data', (d) => {
      stderr += d;
      if (ready.test(stderr)) {
        clearTimeout(timer);
        resolve({ child, stderr: () => stderr });
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ready: ${stderr}`));
    });
  });
}

/** Stops a child started with startCli and waits for it to exit. */
export function stopCli(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('close');
    child.once('close', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Quotes one word for bash. */
function shellWord(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * Runs the binary with its standard output in a real pipe to `reader` (a shell command such as `head -n 2`,
 * or `true`, which closes its end before the binary writes). `stdout` is what the reader printed, `stderr` the
 * binary's, `code` the binary's exit code.
 */
export function runCliIntoPipe(args: string[], reader: string): Promise<CliResult> {
  const command = [process.execPath, BIN, ...args].map(shellWord).join(' ');
  return runShell(`${command} | ${reader}; exit "\${PIPESTATUS[0]}"`);
}

/** Runs the binary with its standard output redirected by `redirect` (e.g. `> /dev/full`). */
export function runCliRedirected(args: string[], redirect: string): Promise<CliResult> {
  return runShell(`${[process.execPath, BIN, ...args].map(shellWord).join(' ')} ${redirect}`);
}

function runShell(script: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
