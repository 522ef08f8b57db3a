/** `netfreedom control` on a busy port and with a bad limit, through the binary. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import { listen } from '../../server/serve.js';

describe('control --listen', () => {
  it('on a busy port: one line naming it and how to choose another, exit 1', async () => {
    const busy = await listen(0); // any listener makes the port busy
    const port = Number(new URL(busy.url).port);
    try {
      const r = await runCli(['control', '--listen', `127.0.0.1:${port}`], { timeoutMs: 20_000 });
      expect(r).toMatchObject({
        code: 1,
        stderr: `netfreedom: cannot listen on 127.0.0.1:${port} (--listen 127.0.0.1:${port}): the port is in use by another process; choose another port in --listen HOST:PORT\n`,
      });
    } finally {
      await busy.close();
    }
  });

  it('refuses a limit per client that is not a whole number, exit 2', async () => {
    const r = await runCli(['control', '--listen', '127.0.0.1:0', '--requests-per-minute', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"lots" is not a whole number (0 or more)');
  });
});
