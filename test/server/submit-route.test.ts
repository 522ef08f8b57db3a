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

const post = (app: ReturnType<typeof createApp>, body: string, type = 'application/json') =>
  app.request('/api/v1/measurements', { method: 'POST', body, headers: { 'Content-Type': type } });

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
    const doc = (await (await createApp({ store, methodology }).request('/api/docs')).json()) as {
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
    const res = await post(
      app,
      JSON.stringify({ ...sample, measurement_uid: 'cache-test-1', probe_cc: 'KZ' }),
    );
    expect(((await res.json()) as { status: string }).status).toBe('added');
    expect(await count()).toBe(before + 1);
  });
});
