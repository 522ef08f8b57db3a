/** Runs the built `netfreedom serve` as its own process for bench/api, so the load generator never shares its event loop. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface ServeProcess {
  url: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** `netfreedom serve --db FILE …extraArgs`, resolved once it listens; rejects with its stderr if it exits first. */
export async function startServeProcess(db: string, extraArgs: string[] = []): Promise<ServeProcess> {
  const port = await freePort();
  const bin = join(import.meta.dirname, '..', '..', 'bin', 'netfreedom.js');
  const child = spawn(process.execPath, [bin, 'serve', '--port', String(port), '--db', db, ...extraArgs], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('serving')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
