import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMethodology } from '../../src/assessment/methodology-loader.js';
import type { Methodology } from '../../src/model/methodology.js';
import { createApp } from '../../src/server/app.js';
import { MAX_SUBMISSION_BYTES } from '../../src/server/routes/submit-route.js';
import { dataPath } from '../../src/shared/paths.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

const SAMPLE = readFileSync(
  dataPath('ooni', 'measurements', 'ooni-spec', 'ts-017-web-connectivity.example-output-sample.json'),
  'utf8',
);

let dir: string;
let file: string;
let store: Store;
let methodology: Methodology;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nf-submit-'));
  file = join(dir, 'submit.duckdb');
  store = await openStore(file);
  methodology = await loadMethodology();
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (
  app: ReturnType<typeof createApp>,
  body: string,
  type = 'application/json',
  headers: Record<string, string> = {},
) =>
  app.request('http://127.0.0.1:8080/api/v1/measurements', {
    method: 'POST',
    body,
    headers: { 'Content-Type': type, ...headers },
  });

/** The sample as another measurement (another start time), so that it is stored anew. */
const variant = (n: number, over: Record<string, unknown> = {}) =>
  JSON.stringify({
    ...JSON.parse(SAMPLE),
    measurement_start_time: `2024-06-01 10:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`,
    ...over,
  });

const messageOf = async (res: Response) =>
  ((await res.json()) as { error: { message: string } }).error.message;

describe('POST /api/v1/measurements', () => {
  it('stores a measurement durably, answers its id, and is idempotent', async () => {
    const app = createApp({ store, methodology });
    const first = await post(app, SAMPLE);
    expect(first.status).toBe(200);
    const { measurement_uid, status } = (await first.json()) as { measurement_uid: string; status: string };
    expect(status).toBe('added');
    const again = await post(app, SAMPLE);
    expect(await again.json()).toEqual({ measurement_uid, status: 'duplicate' });
    expect(await store.measurements.count()).toBe(1);
    // Durable: a fresh process opening the file sees it (close and reopen the store).
    await store.close();
    store = await openStore(file);
    const stored = await store.measurements.get(measurement_uid);
    expect(stored?.testName).toBe('web_connectivity');
    expect((stored!.raw as { probe_ip: string }).probe_ip).toBe('127.0.0.1');
  });

  it('refuses bad JSON, a non-measurement and the wrong content type with 400 and a reason', async () => {
    const app = createApp({ store, methodology });
    const bad = await post(app, '{"test_name": ');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /^body: invalid JSON/,
    );
    const other = await post(app, '{"hello": 1}');
    expect(other.status).toBe(400);
    expect(((await other.json()) as { error: { message: string } }).error.message).toContain(
      'not an OONI measurement',
    );
    expect((await post(app, SAMPLE, 'text/plain')).status).toBe(400);
  });

  it('accepts exactly application/json (UTF-8), not a CORS-safelisted type that mentions json', async () => {
    const app = createApp({ store, methodology });
    const before = await store.measurements.count({ includeSimulated: true });
    for (const type of [
      'text/plain; x=json',
      'application/jsonx',
      'text/json',
      'application/json; charset=latin1',
    ]) {
      const res = await post(app, variant(1), type);
      expect(res.status, type).toBe(400);
      expect(await messageOf(res)).toContain('Content-Type must be application/json');
    }
    expect(await store.measurements.count({ includeSimulated: true })).toBe(before);
    for (const [n, type] of [
      'application/json; charset=utf-8',
      'Application/JSON; charset="UTF-8"',
    ].entries())
      expect((await post(app, variant(2 + n), type)).status, type).toBe(200);
  });

  it("refuses a submission that a browser sends from another site's page (403), and stores nothing", async () => {
    const app = createApp({ store, methodology });
    const before = await store.measurements.count({ includeSimulated: true });
    const evil = await post(app, variant(10), 'application/json', { Origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect(await messageOf(evil)).toContain('another origin (http://evil.example)');
    const nullOrigin = await post(app, variant(11), 'application/json', { Origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    const site = await post(app, variant(12), 'application/json', { 'Sec-Fetch-Site': 'cross-site' });
    expect(site.status).toBe(403);
    expect(await store.measurements.count({ includeSimulated: true })).toBe(before);
    // The server's own origin, and clients that say nothing (probes, scripts), may submit.
    const own = await post(app, variant(13), 'application/json', {
      Origin: 'http://127.0.0.1:8080',
      'Sec-Fetch-Site': 'same-origin',
    });
    expect(own.status).toBe(200);
    expect((await post(app, variant(14))).status).toBe(200);
  });

  it('refuses deeply nested JSON and abusive measurement ids with 400, storing nothing', async () => {
    const app = createApp({ store, methodology });
    const before = await store.measurements.count({ includeSimulated: true });
    const deep = await post(app, `${'['.repeat(2000)}${']'.repeat(2000)}`);
    expect(deep.status).toBe(400);
    expect(await messageOf(deep)).toMatch(/nested deeper than/);
    const deepInside = await post(
      app,
      variant(30, { test_keys: JSON.parse(`${'{"a":'.repeat(500)}1${'}'.repeat(500)}`) }),
    );
    expect(deepInside.status).toBe(400);
    for (const uid of ['', 'x'.repeat(100_000), 'tab\there', 'cr\r', '<script>alert(1)</script>/../../etc']) {
      const res = await post(app, variant(31, { measurement_uid: uid }));
      expect(res.status, JSON.stringify(uid).slice(0, 40)).toBe(400);
      expect(await messageOf(res)).toContain('measurement_uid');
    }
    expect(await store.measurements.count({ includeSimulated: true })).toBe(before);
  });

  it("stores a submission under the server's id, never the one it claims, and keeps the claim as data", async () => {
    const app = createApp({ store, methodology });
    // A real OONI measurement id, claimed by a made-up submission.
    const ooniUid = '20240514233718.029308_KZ_webconnectivity_007c5a9f4031213d';
    const res = await post(app, variant(20, { measurement_uid: ooniUid }));
    expect(res.status).toBe(200);
    const { measurement_uid: uid } = (await res.json()) as { measurement_uid: string };
    expect(uid).toMatch(/^h-[0-9a-f]{32}$/);
    expect(await store.measurements.get(ooniUid)).toBeNull();
    expect(((await store.measurements.get(uid))!.raw as { measurement_uid: string }).measurement_uid).toBe(
      ooniUid,
    );
    // The real OONI record with that id still goes in at import.
    const real = await store.measurements.put([
      { ...(await store.measurements.get(uid))!, uid: ooniUid, source: 'ooni' },
    ]);
    expect(real).toEqual({ added: 1, duplicates: 0 });
    // Re-sending the same measurement gives the same id.
    const again = await post(app, variant(20, { measurement_uid: ooniUid }));
    expect(await again.json()).toEqual({ measurement_uid: uid, status: 'duplicate' });
  });

  it('refuses a body over the size limit with 413 without storing it', async () => {
    const app = createApp({ store, methodology });
    const before = await store.measurements.count({ includeSimulated: true });
    const huge = JSON.stringify({ ...JSON.parse(SAMPLE), padding: 'x'.repeat(MAX_SUBMISSION_BYTES) });
    const res = await post(app, huge);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await store.measurements.count({ includeSimulated: true })).toBe(before);
  });

  it('rate-limits submissions per client with 429 and Retry-After', async () => {
    const app = createApp({ store, methodology, submissionsPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(app, SAMPLE)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await post(app, SAMPLE);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Reads are not limited.
    expect((await app.request('/api/v1/measurements')).status).toBe(200);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await createApp({ store, methodology }).request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(doc.paths['/api/v1/measurements']!)).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/v1/measurements']!.post!.responses)).toEqual(
      expect.arrayContaining(['200', '400', '413', '429']),
    );
  });
});

describe('read cache', () => {
  it('serves repeated reads from memory and shows a new submission at once', async () => {
    const app = createApp({ store, methodology });
    const count = async () =>
      (
        (await (await app.request('/api/v1/aggregation?axis_x=probe_cc&include_simulated=true')).json()) as {
          result: { measurement_count: number }[];
        }
      ).result.reduce((n, r) => n + r.measurement_count, 0);
    const before = await count();
    expect(await count()).toBe(before);
    const sample = JSON.parse(SAMPLE);
    const res = await post(app, JSON.stringify({ ...sample, report_id: 'cache-test-1', probe_cc: 'KZ' }));
    expect(((await res.json()) as { status: string }).status).toBe('added');
    expect(await count()).toBe(before + 1);
  });
});
