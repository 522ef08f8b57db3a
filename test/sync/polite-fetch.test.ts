/**
 * Redirects as sync follows them, against real local servers: one hop and a chain are followed to the answer;
 * a redirect to a private address of another host (a literal, or a name resolving to one), down from https, to
 * another scheme, or one too many is not, and says why, at once (no retry).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveTransport } from '../../src/netx/archive-transport.js';
import { systemNetwork } from '../../src/netx/network.js';
import { RemoteError } from '../../src/shared/errors.js';
import { MAX_REDIRECTS, politeGet, redirectRefusal } from '../../src/sync/polite-fetch.js';

const policy = {
  timeoutMs: 5_000,
  retries: 3,
  backoffMs: 10,
  transport: archiveTransport(systemNetwork.lookup),
};
let server: Server;
let base: string;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const chain = /^\/chain\/(\d+)$/.exec(req.url ?? '');
    if (chain) {
      const n = Number(chain[1]);
      return void res.writeHead(302, { location: n > 0 ? `/chain/${n - 1}` : '/data' }).end();
    }
    if (req.url === '/data') return void res.end('the archive');
    if (req.url === '/to-localhost')
      return void res.writeHead(301, { location: `http://localhost:${port}/data` }).end();
    if (req.url === '/to-inside-name')
      return void res.writeHead(302, { location: `http://archive-mirror.example:${port}/data` }).end();
    if (req.url === '/to-file') return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function text(path: string): Promise<string> {
  const answer = await politeGet(`${base}${path}`, path, policy);
  const pieces: Buffer[] = [];
  for await (const piece of answer.body) pieces.push(piece);
  return Buffer.concat(pieces).toString('utf8');
}

/** The world's names, as a resolver would answer them; any other name does not resolve. */
const NAMES: Record<string, string[]> = {
  'archive-mirror.example': ['127.0.0.1'],
};
const asked: string[] = [];
const lookup = async (name: string): Promise<string[]> => {
  asked.push(name);
  const found = NAMES[name];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  return found;
};

describe('politeGet and redirects', () => {
  it(`follows a redirect on the same host, and a chain of ${MAX_REDIRECTS}`, async () => {
    expect(await text('/chain/0')).toBe('the archive');
    expect(await text(`/chain/${MAX_REDIRECTS - 1}`)).toBe('the archive');
  });

  it('stops one redirect past the limit, at once', async () => {
    hits.length = 0;
    await expect(text(`/chain/${MAX_REDIRECTS}`)).rejects.toThrow(
      new RegExp(`not followed: more than ${MAX_REDIRECTS} redirects`),
    );
    expect(hits.length).toBe(MAX_REDIRECTS + 1); // one try, no retries
  });

  it('does not follow a redirect to a loopback name of another host, nor to a file: URL', async () => {
    await expect(text('/to-localhost')).rejects.toThrow(
      /localhost.*not followed: it leads to a private or loopback/,
    );
    await expect(text('/to-file')).rejects.toBeInstanceOf(RemoteError);
    await expect(text('/to-file')).rejects.toThrow(/not followed: it leads to a file: URL/);
  });

  it('does not follow a redirect to a name that resolves to a private address, judged by the connection itself', async () => {
    hits.length = 0;
    asked.length = 0;
    const answer = politeGet(`${base}/to-inside-name`, 'inside', {
      ...policy,
      transport: archiveTransport(lookup),
    });
    await expect(answer).rejects.toThrow(
      /archive-mirror\.example.*not followed: it leads to archive-mirror\.example:\d+, a name of a private or loopback address \(127\.0\.0\.1\)/,
    );
    expect(hits).toEqual(['/to-inside-name']); // one try, and /data was never asked for
    // One lookup, the connection's own: no earlier check whose answer a rebinding name could change afterwards.
    expect(asked).toEqual(['archive-mirror.example']);
  });

  it('reaches the host the operator named whatever its name resolves to (a local mirror)', async () => {
    const named = { ...policy, transport: archiveTransport(lookup) };
    const answer = await politeGet(`http://archive-mirror.example:${port}/chain/1`, 'mirror', named);
    const pieces: Buffer[] = [];
    for await (const piece of answer.body) pieces.push(piece);
    expect(Buffer.concat(pieces).toString('utf8')).toBe('the archive');
  });

  it('judges each hop: public hosts pass; private literals, loopback names and downgrades do not', () => {
    const at = new URL('https://api.ooni.io/api/v1/measurements');
    const judge = (to: string) => redirectRefusal(at, new URL(to));
    expect(judge('https://ooni-data-eu-fra.s3.eu-central-1.amazonaws.com/x')).toBeNull();
    expect(judge('https://api.ooni.io/other')).toBeNull();
    for (const inside of [
      'https://10.0.0.1/',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::1]/',
      'https://[::ffff:192.168.1.1]/',
      'https://0x7f.1/',
      'https://localhost/',
      'https://metadata.localhost./',
    ])
      expect(judge(inside), inside).toMatch(/private or loopback/);
    expect(judge('http://api.ooni.io/')).toMatch(/from https down to http/);
    expect(judge('ftp://api.ooni.io/')).toMatch(/ftp: URL/);
    // The host the operator named is theirs to choose, private or not (a local mirror).
    const mirror = new URL('http://10.1.2.3/archive/');
    expect(redirectRefusal(mirror, new URL('http://10.1.2.3/archive/2024/'))).toBeNull();
  });
});
