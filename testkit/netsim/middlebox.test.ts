import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay } from './middlebox.js';

// The probe benchmark's bound assumes the relay adds exactly one round trip (two one-way delays) to
// every request/response exchange on the client's link: these tests hold it to that.
const ONE_WAY_MS = 40;
let upstream: net.Server;
let relay: { port: number; close(): void };
/** Every chunk the upstream received, with when it arrived. */
const arrivals: { at: number; text: string }[] = [];

beforeAll(async () => {
  // Answers "pong:<what it got>" to each chunk; "bye" ends the connection from its side.
  upstream = net.createServer((s) => {
    s.on('error', () => {});
    s.on('data', (chunk) => {
      const text = chunk.toString();
      arrivals.push({ at: performance.now(), text });
      if (text.includes('bye')) s.end('pong:bye');
      else s.write(`pong:${text}`);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  relay = await startRelay(
    {
      ip: '192.0.2.1',
      port: 80,
      upstreamPort: (upstream.address() as net.AddressInfo).port,
      cleartextPort: null,
    },
    {
      rules: () => [],
      oneWayDelayMs: () => ONE_WAY_MS,
      forge: () => {
        throw new Error('no interception here');
      },
    },
  );
});
afterAll(() => {
  relay?.close();
  upstream?.close();
});

async function connected(): Promise<net.Socket> {
  const socket = net.connect(relay.port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

function nextData(socket: net.Socket): Promise<string> {
  return new Promise((resolve) => socket.once('data', (chunk) => resolve(chunk.toString())));
}

describe('the relay with injected latency', () => {
  it('delays each direction by half the round trip: an exchange takes one round trip', async () => {
    const socket = await connected();
    for (const word of ['ping', 'again']) {
      arrivals.length = 0;
      const sent = performance.now();
      socket.write(word);
      const answer = await nextData(socket);
      const roundTrip = performance.now() - sent;
      expect(answer).toBe(`pong:${word}`);
      // Node's timers count from the event loop's cached clock, so they may fire a little early
      // against performance.now(); a busy machine makes them late, but never by another delay.
      expect(arrivals[0]!.at - sent).toBeGreaterThanOrEqual(ONE_WAY_MS - 3);
      expect(roundTrip).toBeGreaterThanOrEqual(2 * ONE_WAY_MS - 3);
      expect(roundTrip).toBeLessThan(3 * ONE_WAY_MS);
    }
    socket.destroy();
  });

  it('keeps the order of chunks sent in a burst and delivers the end after the last one', async () => {
    arrivals.length = 0;
    const socket = await connected();
    const received: string[] = [];
    socket.on('data', (chunk) => received.push(chunk.toString()));
    const ended = new Promise((resolve) => socket.once('end', resolve));
    socket.write('a');
    await new Promise((resolve) => setTimeout(resolve, 5));
    socket.write('b');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const lastSent = performance.now();
    socket.write('bye');
    await ended;
    const upstreamSaw = arrivals.map((a) => a.text).join('');
    expect(upstreamSaw).toBe('abbye');
    // Each chunk waited its own delay from when it was sent, not the previous chunks' as well: the last one
    // arrives one delay after it was sent (chunks queued behind each other would take about three). Counted from
    // the last send, so that late timers between the sends on a busy machine do not count.
    expect(arrivals.at(-1)!.at - lastSent).toBeLessThan(2 * ONE_WAY_MS);
    expect(received.join('')).toContain('pong:bye');
    socket.destroy();
  });
});
