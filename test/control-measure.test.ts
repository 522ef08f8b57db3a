import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControlDeps, measureControl } from '../src/control/control-measure.js';
import type { Network } from '../src/netx/network.js';
import { createTestPki, type TestPki } from '../testkit/netsim/test-pki.js';

const SITE = '93.184.216.34';
let pki: TestPki;
const servers: (http.Server | https.Server)[] = [];
const ports = new Map<string, number>();

const page = (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<html><head><title>Example Domain</title></head><body>hello</body></html>');
};

async function listen(name: string, server: http.Server | https.Server) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  ports.set(name, (server.address() as AddressInfo).port);
}

beforeAll(async () => {
  pki = createTestPki();
  const cert = pki.root.issue(['www.example.com']);
  await listen('80', http.createServer(page));
  await listen('443', https.createServer(cert, page));
  // A server that prefers h2: its connection cannot carry the fetch's HTTP/1.1 request.
  await listen('443-h2', https.createServer({ ...cert, ALPNProtocols: ['h2', 'http/1.1'] }, page));
});
afterAll(() => {
  for (const server of servers) server.close();
  pki?.dispose();
});

/** A control network where the site's port 443 is `https` (a listener name); counts every dial. */
function countingDeps(https443 = '443') {
  const dials: string[] = [];
  const network: Network = {
    lookup: async () => [SITE],
    async dial(ip, port) {
      dials.push(`${ip}:${port}`);
      return { host: '127.0.0.1', port: ports.get(port === 443 ? https443 : String(port))! };
    },
    udpRoute: (ip, port) => ({ host: ip, port }),
  };
  const deps: ControlDeps = {
    network,
    allowPrivate: false,
    ca: [pki.root.pem],
    timeouts: { dns: 2000, connect: 2000, tlsHandshake: 2000, http: 4000 },
    asnOf: () => 0,
  };
  return { deps, dials };
}

describe('measureControl', () => {
  it('fetches an https URL over the connection its TLS measurement opened', async () => {
    const { deps, dials } = countingDeps();
    const res = await measureControl(
      { http_request: 'https://www.example.com/', http_request_headers: {}, tcp_connect: [] },
      deps,
    );
    expect(res.tls_handshake![`${SITE}:443`]).toEqual({
      server_name: 'www.example.com',
      status: true,
      failure: null,
    });
    expect(res.http_request).toMatchObject({ status_code: 200, title: 'Example Domain', failure: null });
    expect(res.x_timings![`${SITE}:443`]!.http_transfer).toBeGreaterThanOrEqual(0);
    expect(dials).toEqual([`${SITE}:443`]);
  });

  it('fetches an http URL over its measured port-80 connection, and still measures 443', async () => {
    const { deps, dials } = countingDeps();
    const res = await measureControl(
      { http_request: 'http://www.example.com/', http_request_headers: {}, tcp_connect: [] },
      deps,
    );
    expect(res.tcp_connect[`${SITE}:80`]).toEqual({ status: true, failure: null });
    expect(res.tls_handshake![`${SITE}:443`]!.status).toBe(true);
    expect(res.http_request).toMatchObject({ status_code: 200, title: 'Example Domain' });
    expect(dials.sort()).toEqual([`${SITE}:443`, `${SITE}:80`]);
  });

  it('dials anew when the measured connection negotiated h2', async () => {
    const { deps, dials } = countingDeps('443-h2');
    const res = await measureControl(
      { http_request: 'https://www.example.com/', http_request_headers: {}, tcp_connect: [] },
      deps,
    );
    expect(res.http_request).toMatchObject({ status_code: 200, title: 'Example Domain' });
    expect(dials).toEqual([`${SITE}:443`, `${SITE}:443`]);
  });

  it('never dials an address that carries a private IPv4 address, named by the probe or by DNS', async () => {
    const { deps, dials } = countingDeps();
    const res = await measureControl(
      {
        http_request: 'http://www.example.com/',
        http_request_headers: {},
        tcp_connect: ['[64:ff9b::7f00:1]:80', '[64:ff9b::a00:1]:443', '[2002:a00:1::1]:443'],
      },
      deps,
    );
    expect(dials.sort()).toEqual([`${SITE}:443`, `${SITE}:80`]);
    expect(Object.keys(res.tcp_connect).sort()).toEqual([`${SITE}:443`, `${SITE}:80`]);

    // A DNS64 resolver synthesises such addresses for a name that points at 10.0.0.1.
    const dns64 = countingDeps();
    dns64.deps.network.lookup = async () => ['64:ff9b::a00:1'];
    const viaDns = await measureControl(
      { http_request: 'http://intranet.example.com/', http_request_headers: {}, tcp_connect: [] },
      dns64.deps,
    );
    expect(dns64.dials).toEqual([]);
    expect(viaDns.http_request.failure).toBe('dns_lookup_error');
    expect(viaDns.ip_info!['64:ff9b::a00:1']!.flags & 4).toBe(4);
  });
});
