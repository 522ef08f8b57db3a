/**
 * The control's limit per client address: past `requestsPerMinute` POSTs in a minute one address gets 429 with
 * Retry-After, before anything is read or measured, while another address is still served; without it, no limit.
 */
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningControl, startControlServer } from '../src/control/control-server.js';
import type { Network } from '../src/netx/network.js';

/** A network that resolves and reaches nothing: the requests below are refused before any measurement. */
const network: Network = {
  lookup: async () => [],
  dial: async () => ({ host: '127.0.0.1', port: 9 }),
  udpRoute: () => ({ host: '127.0.0.1', port: 9 }),
};
const started: RunningControl[] = [];
afterAll(() => Promise.all(started.map((c) => c.close())));

async function control(requestsPerMinute?: number): Promise<RunningControl> {
  const c = await startControlServer({
    host: '127.0.0.1',
    port: 0,
    concurrency: 2,
    requestsPerMinute,
    network,
    allowPrivate: false,
    timeouts: { dns: 500, connect: 500, tlsHandshake: 500, http: 500 },
    asnOf: () => 0,
  });
  started.push(c);
  return c;
}

/** POSTs a body the control refuses as malformed (400), from `from` (any 127/8 address is this machine's). */
function post(
  url: string,
  from = '127.0.0.1',
): Promise<{ status: number; retryAfter?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', localAddress: from }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body }),
      );
    });
    req.on('error', reject);
    req.end('{"not":"a THRequest"}');
  });
}

describe('the control’s limit per client', () => {
  it('answers 429 with Retry-After past the limit, to that address only', async () => {
    const c = await control(3);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(c.url)).status);
    expect(statuses).toEqual([400, 400, 400]);
    const limited = await post(c.url);
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60);
    expect(JSON.parse(limited.body).error).toMatch(/^too many requests from this address; retry in \d+ s$/);
    expect((await post(c.url, '127.0.0.2')).status).toBe(400); // another client keeps its own allowance
    expect((await post(c.url)).status).toBe(429);
  });

  it('has no limit when none is set', async () => {
    const c = await control();
    const statuses = await Promise.all(Array.from({ length: 50 }, () => post(c.url)));
    expect(statuses.every((s) => s.status === 400)).toBe(true);
  });
});
