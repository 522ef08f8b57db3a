/**
 * Many probes submitting to a real `netfreedom serve` process at once, with dashboard readers, and the server
 * killed with SIGKILL in some rounds and started again on the same store (a DuckDB file; a ClickHouse server):
 * every acknowledged measurement is stored exactly once with its own raw record, acknowledged as added at most
 * once, and search, aggregation, rows and daily counts agree; no read fails while the server is up.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { contentHash } from '../../src/ingest/record-fields.js';
import { dataPath } from '../../src/shared/paths.js';
import { openStore } from '../../src/store/open-store.js';
import { BIN } from '../helpers/cli.js';
import { storedRecords } from '../store/stored-records.js';

export interface Size {
  writers: number;
  perWriter: number;
  readers: number;
  /** Acknowledgements after which the server is killed, per round; the last round runs to the end. */
  killAfter: (number | null)[];
}
/** A country no bundled record has, so that only this test's measurements match. */
const CC = 'TV';

const SAMPLE = JSON.parse(
  readFileSync(
    dataPath('ooni', 'measurements', 'ooni-spec', 'ts-017-web-connectivity.example-output-sample.json'),
    'utf8',
  ),
) as Record<string, unknown>;

interface Submission {
  body: string;
  uid: string;
}

/** Writer w's measurements: distinct inputs and times; probe_ip already scrubbed, so the stored text is the sent one. */
function submissions({ writers, perWriter }: Size): Submission[][] {
  return Array.from({ length: writers }, (_, w) =>
    Array.from({ length: perWriter }, (_, i) => {
      const body = JSON.stringify({
        ...SAMPLE,
        input: `https://w${w}-${i}.concurrency.test/`,
        probe_cc: CC,
        probe_ip: '127.0.0.1',
        report_id: `20240601T000000Z_webconnectivity_${CC}_${w}_${i}`,
        measurement_start_time: `2024-06-0${1 + ((w + i) % 5)} ${String(i % 24).padStart(2, '0')}:${String(w % 60).padStart(2, '0')}:00`,
      });
      return { body, uid: `h-${contentHash(body)}` };
    }),
  );
}

interface Server {
  url: string;
  child: ChildProcess;
}

function startServer(store: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [
      BIN,
      'serve',
      '--port',
      '0',
      '--store',
      store,
      '--submissions-per-minute',
      '100000000',
    ]);
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`serve not ready after 60 s: ${stderr}`)), 60_000);
    child.stderr.on('data', (d) => {
      stderr += d;
      const m = /serving (http:\/\/\S+?)\/? /.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}

function stopServer(server: Server, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    server.child.removeAllListeners('exit');
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill(signal);
  });
}

/** Rounds of writers and readers against `serve` on the store at `location`, then the checks. */
export async function submissionRounds(location: string, size: Size): Promise<void> {
  const { writers: WRITERS, perWriter: PER_WRITER, readers: READERS, killAfter: KILL_AFTER } = size;
  const all = submissions(size);
  const byUid = new Map(all.flat().map((s) => [s.uid, s]));
  const acknowledged = new Set<string>();
  const addedAnswers = new Map<string, number>();
  const failures: string[] = [];
  const todo = all.map((list) => [...list]);
  let reads = 0;

  for (const [round, killAfter] of KILL_AFTER.entries()) {
    const server = await startServer(location);
    let killed = false;
    let acksThisRound = 0;
    const ack = async (s: Submission, res: Response) => {
      const body = (await res.json()) as { measurement_uid: string; status: string };
      if (body.measurement_uid !== s.uid) failures.push(`${s.uid} answered as ${body.measurement_uid}`);
      acknowledged.add(s.uid);
      if (body.status === 'added') addedAnswers.set(s.uid, (addedAnswers.get(s.uid) ?? 0) + 1);
      acksThisRound++;
      if (killAfter !== null && !killed && acksThisRound >= killAfter) {
        killed = true;
        await stopServer(server, 'SIGKILL');
      }
    };
    /** Posts one measurement; false when the server is gone (the probe keeps it for later). */
    const submit = async (s: Submission): Promise<boolean> => {
      let res: Response;
      try {
        res = await fetch(`${server.url}/api/v1/measurements`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: s.body,
        });
      } catch (err) {
        if (!killed) failures.push(`post failed while the server was up: ${(err as Error).message}`);
        return false;
      }
      if (res.status !== 200) {
        failures.push(`post answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
        return false;
      }
      await ack(s, res);
      return true;
    };
    const writer = async (w: number) => {
      for (let n = 0; todo[w]!.length > 0 && !killed; n++) {
        if (!(await submit(todo[w]![0]!))) return;
        todo[w]!.shift();
        // Now and then a measurement of another probe, sent or not yet: a retry from elsewhere.
        if (n % 5 === 4) {
          const other = all[(w * 17 + n) % WRITERS]![(n * 7 + round) % PER_WRITER]!;
          if (!(await submit(other))) return;
        }
      }
    };
    let writing = true;
    const reader = async (k: number) => {
      while (writing && !killed) {
        const uids = [...acknowledged];
        const paths = [
          `/api/v1/aggregation?probe_cc=${CC}&axis_x=measurement_start_day&since=2024-06-0${1 + (reads % 5)}`,
          `/api/v1/measurements?probe_cc=${CC}&limit=${10 + (reads % 40)}`,
          `/api/v1/countries/${CC}/blocked-sites?limit=${5 + (reads % 20)}`,
          `/api/v1/measurements/${uids[(reads * 31 + k) % Math.max(1, uids.length)] ?? 'h-0'}`,
        ];
        const path = paths[(k + reads) % paths.length]!;
        reads++;
        try {
          const res = await fetch(`${server.url}${path}`);
          const expected = path.endsWith('/h-0') ? 404 : 200;
          if (res.status !== expected)
            failures.push(`GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
          else await res.arrayBuffer();
        } catch (err) {
          if (!killed) failures.push(`GET ${path} failed while the server was up: ${(err as Error).message}`);
        }
      }
    };
    const readers = Array.from({ length: READERS }, (_, k) => reader(k));
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    writing = false;
    await Promise.all(readers);
    try {
      if (killAfter === null) {
        expect(killed).toBe(false);
        await checkThroughApi(server.url, byUid);
      } else {
        expect(killed, `round ${round} ended before its kill`).toBe(true);
      }
    } finally {
      // A failed round must not leave its server running after the test.
      await stopServer(server, 'SIGTERM');
    }
  }

  expect(failures.slice(0, 20)).toEqual([]);
  expect(reads).toBeGreaterThan(100);
  expect(acknowledged.size).toBe(byUid.size);
  expect([...addedAnswers.entries()].filter(([, n]) => n > 1)).toEqual([]);
  await checkInStore(location, byUid);
}

/** Search lists each measurement once, only ours, and aggregation (from the daily counts) counts the same. */
async function checkThroughApi(url: string, byUid: Map<string, Submission>): Promise<void> {
  const listed = new Set<string>();
  let cursor: string | null = null;
  do {
    const page = (await (
      await fetch(`${url}/api/v1/measurements?probe_cc=${CC}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`)
    ).json()) as { items: { measurement_uid: string }[]; next_cursor: string | null };
    for (const { measurement_uid: uid } of page.items) {
      expect(listed.has(uid), `${uid} listed twice`).toBe(false);
      expect(byUid.has(uid), `${uid} is not one of the submissions`).toBe(true);
      listed.add(uid);
    }
    cursor = page.next_cursor;
  } while (cursor);
  expect(listed.size).toBe(byUid.size);
  const aggregation = (await (
    await fetch(`${url}/api/v1/aggregation?probe_cc=${CC}&axis_x=measurement_start_day`)
  ).json()) as { result: { measurement_count: number }[] };
  expect(aggregation.result.reduce((n, r) => n + r.measurement_count, 0)).toBe(byUid.size);
}

/** Every row holds its own measurement's text, once; the daily counts equal the rows. */
async function checkInStore(location: string, byUid: Map<string, Submission>): Promise<void> {
  const store = await openStore(location);
  try {
    const s = store.measurements;
    expect(await s.count({ probeCc: [CC] })).toBe(byUid.size);
    const wrong: string[] = [];
    let stored = 0;
    for await (const r of storedRecords(s)) {
      if (r.probeCc !== CC) continue;
      stored++;
      const sent = byUid.get(r.uid);
      if (!sent || JSON.stringify(r.raw) !== JSON.stringify(JSON.parse(sent.body))) wrong.push(r.uid);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(stored).toBe(byUid.size);
    // Rows and daily counts: aggregate() reads the daily counts unless filtered on the outcome.
    const byDay = await s.aggregate({ probeCc: [CC], axisX: 'measurement_start_day' });
    const byDayFromRows = await s.aggregate({
      probeCc: [CC],
      axisX: 'measurement_start_day',
      outcome: ['ok', 'anomaly', 'confirmed', 'failure'],
    });
    expect(byDay).toEqual(byDayFromRows);
  } finally {
    await store.close();
  }
}
