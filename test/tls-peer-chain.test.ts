import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { type AddressInfo, connect } from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemNetwork } from '../src/netx/network.js';
import { connectTcp } from '../src/netx/tcp-connect.js';
import { handshakeTls } from '../src/netx/tls-handshake.js';
import { createTestPki, type TestPki } from '../testkit/netsim/test-pki.js';
import { tempDir } from './helpers/temp.js';

const run = promisify(execFile);
const SRC = join(import.meta.dirname, '..', 'src');

// handshakeTls links the chain from getPeerX509Certificate() instead of Node's detailed
// getPeerCertificate(true) (src/netx/peer-chain.ts); what it records must stay exactly what a fresh
// getPeerCertificate(true) walk gives: the same certificates, in the same order, with the trusted root.
let pki: TestPki;
const servers: tls.Server[] = [];

async function serve(cert: string, key: string): Promise<number> {
  const server = tls.createServer({ key, cert }, (s) => {
    s.on('error', () => {});
    s.end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** The chain as Node's own detailed object gives it, walked as OONI's peer_certificates are. */
async function referenceChain(port: number, serverName: string, ca: string[]): Promise<string[]> {
  const socket = tls.connect({
    socket: connect(port, '127.0.0.1'),
    servername: serverName,
    host: serverName,
    ca,
    rejectUnauthorized: false,
  });
  await new Promise((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
  const chain: string[] = [];
  let cert = socket.getPeerCertificate(true);
  while (cert?.raw && chain.length < 10) {
    chain.push(cert.raw.toString('base64'));
    if (!cert.issuerCertificate || cert.issuerCertificate === cert) break;
    if (cert.issuerCertificate.raw.equals(cert.raw)) break;
    cert = cert.issuerCertificate;
  }
  socket.destroy();
  return chain;
}

async function recorded(port: number, serverName: string, ca: string | string[]) {
  const tcp = await connectTcp(systemNetwork, '127.0.0.1', port, 2000);
  const outcome = await handshakeTls(tcp.socket!, { serverName, ca, timeoutMs: 2000 });
  // The socket handed back has Node's own getPeerCertificate again (it is replaced during the handshake only).
  if (outcome.socket) expect(Object.hasOwn(outcome.socket, 'getPeerCertificate')).toBe(false);
  outcome.socket?.destroy();
  return { failure: outcome.failure, chain: outcome.chain.map((der) => der.toString('base64')) };
}

beforeAll(() => {
  pki = createTestPki();
});
afterAll(() => {
  for (const server of servers) server.close();
  pki?.dispose();
});

describe('the recorded peer chain', () => {
  it('is the detailed chain, with the trusted root, when the chain verifies', async () => {
    const leaf = pki.root.issue(['www.example.com']);
    const port = await serve(leaf.cert, leaf.key);
    const got = await recorded(port, 'www.example.com', [pki.root.pem]);
    expect(got.failure).toBeNull();
    expect(got.chain).toHaveLength(2);
    expect(got.chain).toEqual(await referenceChain(port, 'www.example.com', [pki.root.pem]));
  });

  it('is the detailed chain when the name does not match', async () => {
    const leaf = pki.root.issue(['www.example.com']);
    const port = await serve(leaf.cert, leaf.key);
    const got = await recorded(port, 'www.example.org', [pki.root.pem]);
    expect(got.failure).toBe('ssl_invalid_hostname');
    expect(got.chain).toEqual(await referenceChain(port, 'www.example.org', [pki.root.pem]));
  });

  it('is the detailed chain when the chain does not verify, extra certificates included', async () => {
    const leaf = pki.qaznet.issue(['www.example.com']);
    const port = await serve(leaf.cert + pki.qaznet.pem + pki.isca.pem, leaf.key);
    const got = await recorded(port, 'www.example.com', [pki.root.pem]);
    expect(got.failure).toBe('ssl_unknown_authority');
    expect(got.chain).toHaveLength(2);
    expect(got.chain).toEqual(await referenceChain(port, 'www.example.com', [pki.root.pem]));
  });

  it('ends at a root the server sent itself, and trusts every root of one PEM text', async () => {
    const leaf = pki.qaznet.issue(['www.example.com']);
    const port = await serve(leaf.cert + pki.qaznet.pem, leaf.key);
    const got = await recorded(port, 'www.example.com', pki.root.pem + pki.qaznet.pem);
    expect(got.failure).toBeNull();
    expect(got.chain).toHaveLength(2);
    expect(got.chain).toEqual(await referenceChain(port, 'www.example.com', [pki.root.pem, pki.qaznet.pem]));
  });

  it('links certificates sent out of order and leaves unrelated ones out', async () => {
    const leaf = pki.qaznet.issue(['www.example.com']);
    const port = await serve(leaf.cert + pki.isca.pem + pki.untrusted.pem + pki.qaznet.pem, leaf.key);
    const got = await recorded(port, 'www.example.com', [pki.qaznet.pem]);
    expect(got.failure).toBeNull();
    expect(got.chain).toHaveLength(2);
    expect(got.chain).toEqual(await referenceChain(port, 'www.example.com', [pki.qaznet.pem]));
  });

  it("ends at a root of NODE_EXTRA_CA_CERTS when the handshake trusts Node's default roots", async () => {
    const leaf = pki.root.issue(['www.example.com']);
    const port = await serve(leaf.cert, leaf.key);
    const caFile = join(tempDir(), 'extra.pem');
    writeFileSync(caFile, pki.root.pem);
    const script = `
      import { connectTcp } from ${JSON.stringify(pathToFileURL(join(SRC, 'netx/tcp-connect.ts')).href)};
      import { systemNetwork } from ${JSON.stringify(pathToFileURL(join(SRC, 'netx/network.ts')).href)};
      import { handshakeTls } from ${JSON.stringify(pathToFileURL(join(SRC, 'netx/tls-handshake.ts')).href)};
      const tcp = await connectTcp(systemNetwork, '127.0.0.1', ${port}, 2000);
      const o = await handshakeTls(tcp.socket, { serverName: 'www.example.com', timeoutMs: 2000 });
      o.socket?.destroy();
      console.log(JSON.stringify({ failure: o.failure, chain: o.chain.map((d) => d.toString('base64')) }));`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile },
    });
    const got = JSON.parse(stdout) as { failure: string | null; chain: string[] };
    expect(got.failure).toBeNull();
    expect(got.chain).toHaveLength(2);
    expect(got.chain).toEqual(await referenceChain(port, 'www.example.com', [pki.root.pem]));
  });
});
