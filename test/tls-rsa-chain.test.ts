import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateInfo } from '../src/analysis/tls/certificate-info.js';
import { systemNetwork } from '../src/netx/network.js';
import { connectTcp } from '../src/netx/tcp-connect.js';
import { handshakeTls } from '../src/netx/tls-handshake.js';
import { createTestPki, type TestPki } from '../testkit/netsim/test-pki.js';

// The simulation's certificates are ECDSA P-256 (cheap handshakes); real sites still mostly send RSA chains.
let pki: TestPki;
let server: https.Server;
let port: number;

beforeAll(async () => {
  pki = createTestPki({ key: 'rsa' });
  server = https.createServer(pki.root.issue(['www.example.com']), (_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server?.close();
  pki?.dispose();
});

async function handshake(ca: string[]) {
  const tcp = await connectTcp(systemNetwork, '127.0.0.1', port, 2000);
  const tls = await handshakeTls(tcp.socket!, { serverName: 'www.example.com', ca, timeoutMs: 2000 });
  tls.socket?.destroy();
  return tls;
}

describe('TLS handshakes with an RSA chain', () => {
  it('verifies it and records the chain, leaf first, with the trusted root', async () => {
    const tls = await handshake([pki.root.pem]);
    expect(tls.failure).toBeNull();
    expect(tls.chain).toHaveLength(2);
    expect(tls.chain.map((der) => new X509Certificate(der).publicKey.asymmetricKeyType)).toEqual([
      'rsa',
      'rsa',
    ]);
    const [leaf, root] = tls.chain.map((der) => certificateInfo(der.toString('base64')));
    expect(leaf?.subject).toBe('CN=www.example.com');
    expect(root?.subject).toContain('netfreedom Test Root');
    expect(leaf?.spkiSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records the chain it could not verify', async () => {
    const tls = await handshake([pki.untrusted.pem]);
    expect(tls.failure).toBe('ssl_unknown_authority');
    expect(tls.chain.length).toBeGreaterThanOrEqual(1);
    expect(certificateInfo(tls.chain[0]!.toString('base64'))?.subject).toBe('CN=www.example.com');
  });
});
