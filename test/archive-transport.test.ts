/**
 * The lookup sync's transport connects with: on the public-only side, a name with any private or loopback address
 * is refused before a socket is opened; otherwise every answer is handed to Node as it asks (one, or all with their
 * families). Checked as Node's `net.connect` calls it, against a real local listener.
 */
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLookup } from '../src/netx/archive-transport.js';
import { PRIVATE_ADDRESS_CODE } from '../src/shared/bogon.js';

const NAMES: Record<string, string[]> = {
  'archive-mirror.example': ['127.0.0.1'],
  'split.example': ['93.184.215.14', '10.0.0.7'],
  'public.example': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'empty.example': [],
};
const resolve = async (name: string): Promise<string[]> => {
  const found = NAMES[name];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  return found;
};

/** What the lookup hands Node's callback. */
function ask(name: string, publicOnly: boolean, all: boolean) {
  return new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family?: number }>((done) =>
    connectLookup(resolve, publicOnly)(name, all ? { all: true } : {}, (err, address, family) =>
      done({ err, address, family }),
    ),
  );
}

let server: net.Server;
let port: number;
let accepted = 0;
beforeAll(async () => {
  server = net.createServer((s) => {
    accepted += 1;
    s.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('connectLookup', () => {
  it('refuses, on the public-only side, a name with any private address, and names that address', async () => {
    for (const all of [true, false]) {
      const split = await ask('split.example', true, all);
      expect(split.err?.code).toBe(PRIVATE_ADDRESS_CODE);
      expect((split.err as { address?: string }).address).toBe('10.0.0.7');
      expect(split.err?.message).toMatch(
        /split\.example is a name of a private or loopback address \(10\.0\.0\.7\)/,
      );
    }
    expect((await ask('archive-mirror.example', true, true)).err?.code).toBe(PRIVATE_ADDRESS_CODE);
  });

  it('hands public answers to Node as it asks for them, families included', async () => {
    const all = await ask('public.example', true, true);
    expect(all.err).toBeNull();
    expect(all.address).toEqual([
      { address: '93.184.215.14', family: 4 },
      { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
    ]);
    const one = await ask('public.example', true, false);
    expect([one.address, one.family]).toEqual(['93.184.215.14', 4]);
    // The side for the host the operator named takes private answers as they are.
    expect((await ask('archive-mirror.example', false, false)).address).toBe('127.0.0.1');
  });

  it('passes on a failed lookup, and calls an empty answer a name that does not resolve', async () => {
    expect((await ask('nowhere.example', true, true)).err?.code).toBe('ENOTFOUND');
    expect((await ask('empty.example', false, true)).err?.code).toBe('ENOTFOUND');
  });

  it('keeps net.connect from opening a socket to a refused name, and lets it connect otherwise', async () => {
    const connect = (publicOnly: boolean) =>
      new Promise<string>((done) => {
        const s = net.connect({
          host: 'archive-mirror.example',
          port,
          lookup: connectLookup(resolve, publicOnly),
        });
        s.once('connect', () => {
          s.destroy();
          done('connected');
        });
        s.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? 'error'));
      });
    accepted = 0;
    expect(await connect(true)).toBe(PRIVATE_ADDRESS_CODE);
    await new Promise((r) => setTimeout(r, 50));
    expect(accepted).toBe(0);
    expect(await connect(false)).toBe('connected');
  });
});
