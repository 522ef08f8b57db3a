/**
 * A fault on the server's side reaches the client as a code and a plain sentence, never the engine's own text
 * (hosts, tables, queries); the whole text goes to the server's log, with terminal escapes made harmless.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMethodology } from '../../src/assessment/methodology-loader.js';
import { createApp } from '../../src/server/app.js';
import { StoreError } from '../../src/shared/errors.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

const ENGINE_TEXT =
  'ClickHouse at http://10.1.2.3:8123: Code: 60, e.displayText() = DB::Exception: Table bench.measurements_local doesn\u0027t exist \u001b[2J';

let dir: string;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nf-errors-'));
  store = await openStore(join(dir, 'test.duckdb'));
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function answer(fault: Error): Promise<{ status: number; body: string; logged: string[] }> {
  const logged: string[] = [];
  const failing = Object.create(store.measurements) as Store['measurements'];
  failing.aggregate = async () => {
    throw fault;
  };
  const app = createApp({
    store: { ...store, measurements: failing } as Store,
    methodology: await loadMethodology(),
    webRoot: join(dir, 'none'),
    logError: (line) => logged.push(line),
  });
  const res = await app.request('/api/v1/aggregation?axis_x=probe_cc');
  return { status: res.status, body: await res.text(), logged };
}

describe('faults on the server side', () => {
  it("answer a store's failure with 500 and a plain sentence, and log the engine's text", async () => {
    const { status, body, logged } = await answer(new StoreError(ENGINE_TEXT));
    expect(status).toBe(500);
    expect(JSON.parse(body)).toEqual({
      error: { code: 'STORE_ERROR', message: 'the store could not answer; the server log says why' },
    });
    for (const leak of ['10.1.2.3', 'Table', 'measurements_local', 'Exception'])
      expect(body).not.toContain(leak);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('GET /api/v1/aggregation: ClickHouse at http://10.1.2.3:8123');
    expect(logged[0]).not.toContain('\u001b');
  });

  it('answer an unexpected error with INTERNAL and log its stack', async () => {
    const { status, body, logged } = await answer(
      new TypeError('cannot read properties of undefined (secret)'),
    );
    expect(status).toBe(500);
    expect(JSON.parse(body)).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    expect(body).not.toContain('secret');
    expect(logged[0]).toMatch(
      /^GET \/api\/v1\/aggregation: TypeError: cannot read properties of undefined \(secret\)\n\s+at /,
    );
  });

  it("still tell the client its own mistakes in words (a client's error is not logged)", async () => {
    const { status, body, logged } = await answer(new StoreError('unused'));
    expect(status).toBe(500);
    const app = createApp({
      store,
      methodology: await loadMethodology(),
      webRoot: join(dir, 'none'),
      logError: (l) => logged.push(l),
    });
    const res = await app.request('/api/v1/aggregation?axis_x=nonsense');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('axis_x');
    expect(logged).toHaveLength(1);
    expect(body).not.toContain('unused');
  });
});
