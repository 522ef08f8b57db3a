import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEOUT_CODE } from '../src/netx/classify.js';
import { postJson, RESPONSE_TOO_LARGE } from '../src/netx/post-json.js';

let server: http.Server;
let url: string;
let requests = 0;
const served = new WeakMap<Socket, number>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests += 1;
    const n = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, n);
    req.resume();
    req.on('end', () => {
      if (req.url === '/silent') return; // never answers
      if (req.url === '/huge') return void res.end('x'.repeat(4096));
      // A server that dropped the kept-alive connection meanwhile: the second request on it is cut.
      if (req.url === '/stale' && n === 2) return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const opts = { timeoutMs: 2000, maxResponseBytes: 1024 };

describe('postJson', () => {
  it('keeps the connection and retries once on a new one when the kept one was dropped', async () => {
    expect((await postJson(`${url}/stale`, '{}', opts)).text).toBe('{"ok":true}');
    const before = requests;
    const second = await postJson(`${url}/stale`, '{}', opts);
    expect(second.status).toBe(200);
    expect(requests - before).toBe(2); // the cut one on the kept connection, then the retry
  });

  it('gives up at the deadline with our timeout code', async () => {
    const started = performance.now();
    await expect(postJson(`${url}/silent`, '{}', { ...opts, timeoutMs: 300 })).rejects.toMatchObject({
      code: TIMEOUT_CODE,
    });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('refuses an answer larger than the cap', async () => {
    await expect(postJson(`${url}/huge`, '{}', opts)).rejects.toMatchObject({ code: RESPONSE_TOO_LARGE });
  });
});
