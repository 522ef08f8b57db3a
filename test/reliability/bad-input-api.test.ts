/**
 * Property-based tests of the API's input (fast-check): every POST route the OpenAPI document lists gets bodies
 * made of its own fields with any JSON values, any JSON, text that is not JSON and the wrong content type; every
 * GET route gets any text in each query parameter. The app answers with its status and a clean error, never a
 * 500: zod or the route refuses bad input with a 4xx naming it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { atLeast, type Figure, none, recordFigures, sized } from '../../testkit/reliability/figures.js';
import { runProperty } from '../../testkit/reliability/property-run.js';
import { type InjectionApp, routeUrl, startInjectionApp } from './injection-app.js';

const RUNS = sized(1500, 20_000);
const figures: Figure[] = [];
let dir: string;
let store: Store;
let app: InjectionApp;
/** Answers by status, so that a run that only ever met a 401 or 403 (never the validation) is seen. */
const statuses = new Map<number, number>();

/** A clean answer: below 500, and a 4xx carries `{ error: { code, message } }`. */
async function clean(res: Response): Promise<boolean> {
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  if (res.status >= 500) return false;
  if (res.status < 400) return true;
  const body = (await res.json().catch(() => null)) as {
    error?: { code?: unknown; message?: unknown };
  } | null;
  return typeof body?.error?.code === 'string' && typeof body.error.message === 'string';
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nf-api-fuzz-'));
  store = await openStore(join(dir, 'api.duckdb'));
  app = await startInjectionApp(store, join(dir, 'web'));
}, 60_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  await recordFigures('bad-input-api', figures);
});

describe('bad input: API bodies and queries (fast-check)', () => {
  it('POST bodies: any values in the route’s fields, any JSON, not JSON at all', async () => {
    // Sign-out and password changes would end the session the test acts as; they are fuzzed like the others but
    // as the last routes, and the admin token is not a session, so neither ends it.
    const posts = app.posts;
    expect(posts.length).toBeGreaterThan(10);
    const value = fc.jsonValue({ maxDepth: 3 });
    const body = (fields: string[]) =>
      fc.oneof(
        fields.length > 0
          ? fc
              .dictionary(fc.constantFrom(...fields), value, { maxKeys: fields.length })
              .map((o) => JSON.stringify(o))
          : fc.constant('{}'),
        value.map((v) => JSON.stringify(v)),
        fc.string({ maxLength: 200 }),
        fc.constantFrom('', '{', '[]', 'null', '{"__proto__":{"admin":true}}', `{"a":${'['.repeat(5000)}`),
      );
    const request = fc
      .nat({ max: posts.length - 1 })
      .chain((i) =>
        fc.tuple(
          fc.constant(posts[i]!),
          body(posts[i]!.bodyFields),
          fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin1'),
        ),
      );
    const outcome = await runProperty(
      request,
      async ([route, text, type]) =>
        clean(
          await app.request(routeUrl(route), {
            method: 'POST',
            body: text,
            headers: { 'content-type': type },
          }),
        ),
      { runs: RUNS, clean: () => false },
    );
    figures.push(
      atLeast('API POST bodies: inputs tried', outcome.tried, RUNS),
      none('API POST bodies: answers other than a clean status', outcome.crashes),
    );
    expect(outcome.first).toBeNull();
    // The bodies reached validation and the routes: refusals by zod (400) and some accepted.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS / 4);
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
    expect((statuses.get(401) ?? 0) + (statuses.get(403) ?? 0)).toBeLessThan(RUNS / 4);
    statuses.clear();
  }, 600_000);

  it('GET queries: any text in any parameter', async () => {
    const request = fc.nat({ max: app.routes.length - 1 }).chain((i) => {
      const route = app.routes[i]!;
      const names = route.parameters.map((p) => p.name);
      return fc.tuple(
        fc.constant(route),
        names.length === 0
          ? fc.constant({})
          : fc.dictionary(fc.constantFrom(...names), fc.string({ maxLength: 60, unit: 'binary' }), {
              maxKeys: 3,
            }),
      );
    });
    const outcome = await runProperty(
      request,
      async ([route, values]) => {
        const overrides = Object.fromEntries(
          Object.entries(values as Record<string, string>).map(([k, v]) => [
            k,
            encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, '\uFFFD')),
          ]),
        );
        return clean(await app.get(routeUrl(route, overrides)));
      },
      { runs: RUNS, clean: () => false },
    );
    figures.push(
      atLeast('API GET queries: inputs tried', outcome.tried, RUNS),
      none('API GET queries: answers other than a clean status', outcome.crashes),
    );
    expect(outcome.first).toBeNull();
  }, 600_000);
});
