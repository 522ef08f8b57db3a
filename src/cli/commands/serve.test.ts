/** `netfreedom serve`: the port is checked before the store is opened, and taken from the environment. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, stopCli } from '../../../test/helpers/cli.js';
import { tempDir } from '../../../test/helpers/temp.js';
import { type ListeningServer, listen } from '../../server/serve.js';

const CHOOSE = 'choose another with --port N or the environment variable NETFREEDOM_PORT (or PORT)';

/** A port nothing listens on (a moment ago). */
async function freePort(): Promise<number> {
  const s = await listen(0);
  await s.close();
  return Number(new URL(s.url).port);
}

describe('serve: the port', () => {
  let busy: ListeningServer;
  let port: number;
  beforeAll(async () => {
    busy = await listen(0); // any listener makes the port busy
    port = Number(new URL(busy.url).port);
  });
  afterAll(() => busy.close());

  it('on a busy port: one line naming it and how to choose another, exit 1, no database created', async () => {
    const db = join(tempDir(), 'never.duckdb');
    const r = await runCli(['serve', '--port', String(port), '--db', db], { timeoutMs: 20_000 });
    expect(r).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `netfreedom: cannot listen on 127.0.0.1:${port} (--port ${port}): the port is in use by another process; ${CHOOSE}\n`,
    });
    expect(existsSync(db)).toBe(false);
  });

  it('takes the port from NETFREEDOM_PORT, else PORT; --port wins over both', async () => {
    const db = join(tempDir(), 'never.duckdb');
    const other = String(await freePort());
    const fromEnv = await runCli(['serve', '--db', db], {
      env: { NETFREEDOM_PORT: String(port), PORT: other },
      timeoutMs: 20_000,
    });
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stderr).toContain(`127.0.0.1:${port} (NETFREEDOM_PORT=${port}): the port is in use`);
    const fromPort = await runCli(['serve', '--db', db], {
      env: { NETFREEDOM_PORT: '', PORT: String(port) },
      timeoutMs: 20_000,
    });
    expect(fromPort.stderr).toContain(`127.0.0.1:${port} (PORT=${port}): the port is in use`);
    const flagWins = await runCli(['serve', '--port', String(port), '--db', db], {
      env: { NETFREEDOM_PORT: 'not-a-port', PORT: other },
      timeoutMs: 20_000,
    });
    expect(flagWins.stderr).toContain(`(--port ${port}): the port is in use`);
    expect(existsSync(db)).toBe(false);

    const free = await freePort();
    const server = await startCli(
      ['serve', '--db', join(tempDir(), 'env.duckdb')],
      /netfreedom serving http:\/\/127\.0\.0\.1:\d+\//,
      { NETFREEDOM_PORT: '', PORT: String(free) },
    );
    try {
      expect(server.stderr()).toContain(`netfreedom serving http://127.0.0.1:${free}/`);
    } finally {
      await stopCli(server.child);
    }
  });

  it('says in its help where the port comes from', async () => {
    const help = (await runCli(['serve', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('(default: env NETFREEDOM_PORT, else PORT, else 8080)');
    expect(help).not.toContain('on http://localhost:8080');
  });

  it('refuses a bad port in the environment, naming the variable (exit 2)', async () => {
    for (const [name, value] of [
      ['NETFREEDOM_PORT', 'eighty'],
      ['PORT', '70000'],
    ] as const) {
      const r = await runCli(['serve', '--db', join(tempDir(), 'never.duckdb')], {
        env: { NETFREEDOM_PORT: '', PORT: '', [name]: value },
        timeoutMs: 20_000,
      });
      expect(r).toMatchObject({
        code: 2,
        stderr: `netfreedom: ${name}="${value}" is not a port number (0–65535)\n`,
      });
    }
  });

  it('refuses an address that is not this machine’s in one line, before creating the database (exit 2)', async () => {
    const db = join(tempDir(), 'never.duckdb');
    const r = await runCli(['serve', '--host', '192.0.2.1', '--port', '0', '--db', db], {
      timeoutMs: 20_000,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'netfreedom: cannot listen on 192.0.2.1:0 (--host 192.0.2.1): not an address of this machine (EADDRNOTAVAIL)\n',
    );
    expect(existsSync(db)).toBe(false);
  });
});
