/**
 * The offline queue against kill -9: the built probe measures 30 STUN servers with --submit, and is killed with
 * SIGKILL at several points of its run while the collector (the real API in this process, on a fixed port) is down
 * for the first rounds and up for the rest; each round resumes the last. In the end every finished measurement is in
 * the output once, the collector stored each exactly once (added once; a resend after a kill is answered duplicate),
 * and the queue is empty.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMethodology } from '../src/assessment/methodology-loader.js';
import { contentHash } from '../src/ingest/record-fields.js';
import { createApp } from '../src/server/app.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { BIN } from './helpers/cli.js';

const SERVERS = 30;
/** Each STUN server answers after this long, so a run lasts long enough to be killed in the middle of it. */
const ANSWER_DELAY_MS = 60;

let dir: string;
let store: Store;
let collector: http.Server;
let port: number;
const stun: dgram.Socket[] = [];
/** What the collector answered, per content hash: how many times `added`, how many `duplicate`. */
const answered = new Map<string, { added: number; duplicate: number }>();
let posts = 0;

/** A STUN server that answers a binding request late (the answer's content does not matter to the test). */
async function slowStun(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    if (msg.length < 20) return;
    const reply = Buffer.alloc(20);
    reply.writeUInt16BE(0x0101, 0);
    msg.copy(reply, 4, 4, 20);
    setTimeout(() => socket.send(reply, rinfo.port, rinfo.address), ANSWER_DELAY_MS);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  stun.push(socket);
  return (socket.address() as AddressInfo).port;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nf-queue-kill-'));
  const ports = [];
  for (let i = 0; i < SERVERS; i++) ports.push(await slowStun());
  writeFileSync(
    join(dir, 'targets.json'),
    JSON.stringify({ stunreachability: { servers: ports.map((p) => `127.0.0.1:${p}`) } }),
  );
  store = await openStore(join(dir, 'collector.duckdb'));
  const app = createApp({ store, methodology: await loadMethodology(), submissionsPerMinute: 1_000_000 });
  collector = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const response = await app.fetch(
      new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === 'POST' ? body : undefined,
      }),
    );
    const text = await response.text();
    if (req.method === 'POST') {
      posts += 1;
      const status = (JSON.parse(text) as { status?: string }).status;
      const seen = answered.get(contentHash(body)) ?? { added: 0, duplicate: 0 };
      if (status === 'added') seen.added += 1;
      if (status === 'duplicate') seen.duplicate += 1;
      answered.set(contentHash(body), seen);
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(text);
  });
  // A port chosen once: the collector comes back on it after each outage.
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  port = (collector.address() as AddressInfo).port;
  await collectorDown();
});

afterAll(async () => {
  await collectorDown();
  await store?.close();
  for (const s of stun) s.close();
  rmSync(dir, { recursive: true, force: true });
});

function collectorDown(): Promise<void> {
  if (!collector.listening) return Promise.resolve();
  return new Promise((resolve) => {
    collector.close(() => resolve());
    collector.closeAllConnections();
  });
}
function collectorUp(): Promise<void> {
  return new Promise((resolve) => collector.listen(port, '127.0.0.1', resolve));
}

const output = () => join(dir, 'out.jsonl');
const lines = () =>
  existsSync(output())
    ? readFileSync(output(), 'utf8')
        .split('\n')
        .filter((l) => l.endsWith('}'))
    : [];

function probe(...args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, 'probe', ...args, '--queue', join(dir, 'queue')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
const RETRIES = ['--retries', '2', '--retry-delay', '20'];
const run = () =>
  probe(
    'run',
    '--test',
    'stunreachability',
    '--targets',
    join(dir, 'targets.json'),
    '--probe-cc',
    'KZ',
    '--probe-asn',
    'AS9198',
    '--parallel',
    '2',
    '--step-timeout',
    '2000',
    '--output',
    output(),
    '--submit',
    `http://127.0.0.1:${port}/`,
    ...RETRIES,
  );
const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

/** Runs the probe until the output holds `atLines` lines (or `afterMs` passed), then kills it with SIGKILL. */
async function killedRun(when: { atLines?: number; afterMs?: number }): Promise<number> {
  const child = run();
  const done = exited(child);
  const started = Date.now();
  let finished = false;
  void done.then(() => (finished = true));
  while (!finished) {
    if (when.atLines !== undefined && lines().length >= when.atLines) break;
    if (when.afterMs !== undefined && Date.now() - started >= when.afterMs) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill('SIGKILL');
  await done;
  return lines().length;
}

describe('the probe killed with SIGKILL during a run, the collector down for part of it', () => {
  it('loses no finished measurement and stores none twice', async () => {
    const seen: number[] = [];
    // The collector is down: measurements are queued and kept.
    seen.push(await killedRun({ afterMs: 300 }));
    seen.push(await killedRun({ atLines: 6 }));
    seen.push(await killedRun({ atLines: 11 }));
    await collectorUp();
    // The collector is up: queued measurements are sent while new ones are made, and the kills land among them.
    seen.push(await killedRun({ atLines: 15 }));
    seen.push(await killedRun({ afterMs: 900 }));
    seen.push(await killedRun({ atLines: 24 }));
    const last = run();
    let stderr = '';
    last.stderr!.on('data', (d) => (stderr += d));
    expect((await exited(last)).code, stderr).toBe(0);
    // Whatever a kill left unsent goes with a flush.
    const flush = probe('queue', 'flush', ...RETRIES, '--json');
    expect((await exited(flush)).code).toBe(0);

    // Every input measured once, in whole lines, whatever the kills interrupted.
    const measured = lines().map((l) => JSON.parse(l) as { input: string });
    expect(new Set(measured.map((m) => m.input)).size).toBe(SERVERS);
    expect(measured).toHaveLength(SERVERS);
    // Each finished measurement stored exactly once, under the id of its text, and acknowledged as added once.
    const uids = lines().map((l) => `h-${contentHash(l)}`);
    for (const uid of uids) expect(await store.measurements.get(uid), uid).not.toBeNull();
    expect(await store.measurements.count({ includeSimulated: true })).toBe(SERVERS);
    expect([...answered.keys()].sort()).toEqual(uids.map((u) => u.slice(2)).sort());
    for (const [hash, n] of answered) expect(n.added, hash).toBe(1);
    // Nothing left behind.
    const status = probe('queue', 'status', '--json');
    let text = '';
    status.stdout!.on('data', (d) => (text += d));
    await exited(status);
    expect(JSON.parse(text)).toMatchObject({ pending: 0, rejected: 0 });
    // The kills landed at different points of the run (lines in the output when each struck).
    expect(new Set(seen).size).toBeGreaterThan(3);
    console.log(`kills at ${seen.join(', ')} lines; ${posts} POSTs for ${SERVERS} measurements`);
  }, 240_000);
});
