/**
 * The control's callers may be hostile: a failure inside a measurement answers 500 with "internal error", and its
 * text (which can name the control's own addresses and code) goes only to the operator's log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningControl, startControlServer } from '../src/control/control-server.js';
import type { Network } from '../src/netx/network.js';

const SECRET = 'lookup table at 10.9.8.7 \u001b[31mred\u001b[0m';
const logged: string[] = [];
let control: RunningControl;

beforeAll(async () => {
  // A public answer for every name, and connections that go nowhere: the ASN lookup is where it breaks.
  const network: Network = {
    lookup: async () => ['93.184.216.34'],
    dial: async () => ({ host: '127.0.0.1', port: 9 }),
    udpRoute: () => ({ host: '127.0.0.1', port: 9 }),
  };
  control = await startControlServer({
    host: '127.0.0.1',
    port: 0,
    concurrency: 2,
    network,
    allowPrivate: false,
    timeouts: { dns: 1000, connect: 1000, tlsHandshake: 1000, http: 1000 },
    asnOf: () => {
      throw new TypeError(SECRET);
    },
    logError: (line) => logged.push(line),
  });
});

afterAll(async () => {
  await control.close();
});

describe('a failure inside the control', () => {
  it('answers 500 "internal error" and logs what failed, escapes made harmless', async () => {
    const res = await fetch(control.url, {
      method: 'POST',
      body: JSON.stringify({
        http_request: 'http://example.org/',
        http_request_headers: {},
        tcp_connect: [],
      }),
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal error' });
    expect(text).not.toContain('10.9.8.7');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^control: TypeError: lookup table at 10\.9\.8\.7 \ufffd\[31mred/);
    expect(logged[0]).not.toContain('\u001b');
  });
});
