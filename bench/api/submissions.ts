/**
 * Submission load for bench/api: writers POST OONI web_connectivity measurements, one per request, each one new
 * (made from a real sample by changing its input, report_id and start time), and count how each was answered.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { dataPath } from '../../src/shared/paths.js';
import { readList } from '../../src/test-lists/read-list.js';

/** A real v0.5 web_connectivity measurement from OONI's fastpath tests (15 KB), without a measurement_uid. */
const SAMPLE_FILE = dataPath(
  'ooni',
  'measurements',
  'ooni-backend',
  'fastpath-tests-data',
  '20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json',
);

export interface SubmissionFigure {
  /** Requests that were answered or failed (none is left in flight when the load ends). */
  requests: number;
  added: number;
  duplicates: number;
  errors: number;
  /** How the errors were answered ("500 STORE_ERROR", "ECONNRESET", …), for the report. */
  errorKinds: Record<string, number>;
  p50: number;
  p99: number;
  /** Submissions answered 2xx per second. */
  perSecond: number;
}

/** Makes submission n of a run: the sample with its own input (from the global test list), report_id and time. */
export async function submissionMaker(): Promise<(n: number) => string> {
  const sample = JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')) as Record<string, unknown>;
  delete sample.measurement_uid; // so the server names it by its content, as a probe's submission
  const urls = (await readList(dataPath('test-lists', 'global.csv'))).map((e) => e.url);
  const start = Date.parse(`${String(sample.measurement_start_time).replace(' ', 'T')}Z`);
  return (n) =>
    JSON.stringify({
      ...sample,
      input: urls[n % urls.length],
      report_id: `${sample.report_id}_bench${n}`,
      measurement_start_time: new Date(start + n * 1000).toISOString().slice(0, 19).replace('T', ' '),
    });
}

function post(agent: Agent, url: URL, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The API's error code from an error answer, or what the answer began with when it is not the API's JSON. */
function errorCode(text: string): string {
  try {
    return String((JSON.parse(text) as { error: { code: string } }).error.code);
  } catch {
    return text.slice(0, 80);
  }
}

/** Submits one measurement outside any timing (the server's first submission loads its analysis context). */
export async function submitOne(baseUrl: string, body: string): Promise<void> {
  const agent = new Agent();
  try {
    const { status, text } = await post(agent, new URL('/api/v1/measurements', baseUrl), body);
    if (status !== 200) throw new Error(`a submission was answered ${status}: ${text.slice(0, 200)}`);
  } finally {
    agent.destroy();
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/**
 * `writers` clients submit back to back for `seconds`, over kept-alive connections. A writer starts no new request
 * once the time is up but waits for the one in flight, so every submission the server stored was answered here:
 * the caller can compare the store's growth with `added`.
 */
export async function submitLoad(
  baseUrl: string,
  make: (n: number) => string,
  writers: number,
  seconds: number,
  firstN = 0,
): Promise<SubmissionFigure> {
  const url = new URL('/api/v1/measurements', baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: writers });
  const figure = {
    requests: 0,
    added: 0,
    duplicates: 0,
    errors: 0,
    errorKinds: {} as Record<string, number>,
  };
  const latencies: number[] = [];
  const fail = (kind: string) => {
    figure.errors++;
    figure.errorKinds[kind] = (figure.errorKinds[kind] ?? 0) + 1;
  };
  let next = firstN;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const writer = async () => {
    while (performance.now() < deadline) {
      const body = make(next++);
      const t = performance.now();
      try {
        const { status, text } = await post(agent, url, body);
        latencies.push(performance.now() - t);
        figure.requests++;
        if (status !== 200) fail(`${status} ${errorCode(text)}`);
        else if ((JSON.parse(text) as { status: string }).status === 'added') figure.added++;
        else figure.duplicates++;
      } catch (err) {
        figure.requests++;
        fail((err as NodeJS.ErrnoException).code ?? (err as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    ...figure,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    perSecond: (figure.added + figure.duplicates) / elapsed,
  };
}
