/**
 * A JSON body past 64 KiB is refused (413) as it arrives, on a real server, whether it says its length or is sent
 * in chunks: the anonymous sign-in route used to read any body whole before refusing it (200 MB: 19 s, 800 MB).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMethodology } from '../../src/assessment/methodology-loader.js';
import { MAX_JSON_BODY_BYTES } from '../../src/server/api-router.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

let dir: string;
let store: Store;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nf-body-'));
  store = await openStore(join(dir, 'body.duckdb'));
  server = await startServer({ store, methodology: await loadMethodology(), webRoot: join(dir, 'none') }, 0);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const login = (body: string | ReadableStream<Uint8Array>, extra: RequestInit = {}) =>
  fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    ...extra,
  });

describe('JSON bodies', () => {
  it('over 64 KiB are refused with 413, with a length or in chunks, before being read', async () => {
    const big = `{"name":"${'a'.repeat(8 * 1024 * 1024)}","password":"x"}`;
    const sized = await login(big);
    expect(sized.status).toBe(413);
    expect(((await sized.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    // Chunked: no Content-Length to go by; the server stops counting at the limit.
    let sent = 0;
    const chunk = new TextEncoder().encode('a'.repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"name":"'));
        sent += 1;
        if (sent > 256) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const chunked = await login(stream, { duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(sent).toBeLessThan(256);
  });

  it('up to the limit are read as before', async () => {
    const res = await login(JSON.stringify({ name: 'nobody', password: 'p'.repeat(1000) }));
    expect(res.status).toBe(401);
    const near = await login(`{"name":"x","password":"y","pad":"${'a'.repeat(MAX_JSON_BODY_BYTES - 100)}"}`);
    expect(near.status).toBe(400);
    expect(await near.text()).toMatch(/pad/);
  });
});
