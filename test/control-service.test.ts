import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askControl } from '../src/control/control-client.js';
import { type SimulatedInternet, startSimulatedInternet } from '../testkit/netsim/simulated-internet.js';

const example = JSON.parse(
  readFileSync(new URL('../src/control/testdata/ooni-spec-th-example.json', import.meta.url), 'utf8'),
);
let sim: SimulatedInternet;

beforeAll(async () => {
  sim = await startSimulatedInternet();
});
afterAll(async () => {
  await sim?.close();
});

/** The shape of a JSON value: object keys (recursively, our x_ keys aside), arrays by their first element. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => !k.startsWith('x_'))
        .map(([k, x]) => [k, shape(x)])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  return v === null ? 'null' : typeof v;
}

const post = (body: string) =>
  fetch(sim.controlUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('control service (OONI test-helper protocol)', () => {
  it("answers the THRequest of OONI's spec example with the same shape", async () => {
    const answer = await askControl(sim.controlUrl(), example.request, 10_000);
    expect(answer.failure).toBeNull();
    const res = answer.response!;
    // Same top-level keys, same per-endpoint and http_request shapes.
    expect(
      Object.keys(res)
        .filter((k) => !k.startsWith('x_'))
        .sort(),
    ).toEqual(Object.keys(example.response).sort());
    expect(shape(res.tcp_connect['93.184.216.34:443'])).toEqual(
      shape(example.response.tcp_connect['93.184.216.34:443']),
    );
    expect(shape(res.tls_handshake!['93.184.216.34:443'])).toEqual(
      shape(example.response.tls_handshake['93.184.216.34:443']),
    );
    expect(Object.keys(res.http_request).sort()).toEqual(Object.keys(example.response.http_request).sort());
    expect(shape(res.dns)).toEqual(shape(example.response.dns));
    expect(shape(res.ip_info!['93.184.216.34'])).toEqual(shape(example.response.ip_info['93.184.216.34']));
    // And the same facts where the simulation mirrors the example.
    expect(res.http_request.status_code).toBe(200);
    expect(res.http_request.title).toBe('Example Domain');
    expect(res.dns.addrs).toEqual(['93.184.216.34']);
    expect(res.tls_handshake!['93.184.216.34:443']).toEqual({
      server_name: 'www.example.com',
      status: true,
      failure: null,
    });
    expect(res.ip_info!['93.184.216.34']!.flags).toBe(1 + 2 + 8);
    // The IPv6 endpoints exist nowhere in the simulation: refused, not invented.
    expect(res.tcp_connect['[2606:2800:220:1:248:1893:25c8:1946]:443']).toEqual({
      status: false,
      failure: 'connection_refused',
    });
    // Our extension: the certificate chain hashes per endpoint, leaf first.
    expect(res.x_certificate_sha256!['93.184.216.34:443']).toHaveLength(2);
    expect(res.x_certificate_sha256!['93.184.216.34:443']![0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses private targets and never dials private endpoints a probe names', async () => {
    const refused = await post(
      JSON.stringify({ http_request: 'http://10.0.0.1/', http_request_headers: {}, tcp_connect: [] }),
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('private address');
    const answer = await askControl(
      sim.controlUrl(),
      {
        http_request: 'http://www.example.com/',
        http_request_headers: {},
        tcp_connect: ['192.168.1.1:22', '93.184.216.34:80'],
      },
      10_000,
    );
    expect(Object.keys(answer.response!.tcp_connect)).not.toContain('192.168.1.1:22');
    expect(answer.response!.ip_info!['192.168.1.1']!.flags & 4).toBe(4);
  });

  it('refuses NAT64 addresses that carry a private IPv4 address and never dials them', async () => {
    // Behind NAT64, [64:ff9b::a00:1] is 10.0.0.1 and [64:ff9b::7f00:1] is the gateway's 127.0.0.1.
    const refused = await post(
      JSON.stringify({ http_request: 'http://[64:ff9b::a00:1]/', http_request_headers: {}, tcp_connect: [] }),
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('64:ff9b::a00:1 is a private address');
    const answer = await askControl(
      sim.controlUrl(),
      {
        http_request: 'http://www.example.com/',
        http_request_headers: {},
        tcp_connect: ['[64:ff9b::7f00:1]:80', '93.184.216.34:80'],
      },
      10_000,
    );
    expect(Object.keys(answer.response!.tcp_connect).sort()).toEqual([
      '93.184.216.34:443',
      '93.184.216.34:80',
    ]);
    expect(answer.response!.ip_info!['64:ff9b::7f00:1']!.flags & 4).toBe(4);
  });

  it('rejects malformed and oversized requests with a message naming the field', async () => {
    const bad = await post('{"http_request": 42}');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('THRequest.http_request');
    const notJson = await post('{nope');
    expect(notJson.status).toBe(400);
    const huge = await post(
      JSON.stringify({ http_request: 'http://www.example.com/', tcp_connect: [], pad: 'x'.repeat(100_000) }),
    );
    expect(huge.status).toBe(413);
    const ftp = await post(JSON.stringify({ http_request: 'ftp://www.example.com/', tcp_connect: [] }));
    expect(ftp.status).toBe(400);
    // Endpoints must be an IP address and a real port: nothing is dialled otherwise.
    for (const ep of ['93.184.216.34:99999', '999.1.1.1:80', '93.184.216.34:0', '[nope::zz]:443']) {
      const res = await post(
        JSON.stringify({ http_request: 'http://www.example.com/', tcp_connect: ['93.184.216.34:80', ep] }),
      );
      expect(res.status, ep).toBe(400);
      expect(await res.text(), ep).toContain('THRequest.tcp_connect.1: expected \\"ip:port\\"');
    }
  });

  it('reports an unreachable control as a failure string', async () => {
    sim.configure({ controlDown: true });
    const answer = await askControl(sim.controlUrl(), example.request, 2000);
    sim.configure({});
    expect(answer).toEqual({ response: null, failure: 'connection_refused', clientIp: null });
  });
});
