import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testActing } from '../../test/helpers/acting.js';
import { seedAssessments } from '../assessment/bundled-data.js';
import { loadMethodology } from '../assessment/methodology-loader.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { createApp } from './app.js';

let dir: string;
let store: Store;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nf-app-'));
  const methodology = await loadMethodology();
  store = await openStore(join(dir, 'test.duckdb'));
  await seedAssessments(store, methodology, testActing());
  const webRoot = join(dir, 'web');
  mkdirSync(join(webRoot, 'assets'), { recursive: true });
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>netfreedom</title>');
  writeFileSync(join(webRoot, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  app = createApp({ store, methodology, webRoot });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, init?: RequestInit) => app.request(path, init);

describe('assessment routes', () => {
  it('serves the methodology with 21 questions', async () => {
    const res = await get('/api/v1/methodology');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { categories: { questions: unknown[] }[] };
    expect(body.categories.flatMap((c) => c.questions)).toHaveLength(21);
  });

  it('serves the methodology’s texts in the language asked (?lang=), English by default', async () => {
    type Body = { lang: string; categories: { name: string; questions: { id: string; text: string }[] }[] };
    const en = (await (await get('/api/v1/methodology')).json()) as Body;
    const kk = (await (await get('/api/v1/methodology?lang=kk')).json()) as Body;
    const ru = (await (await get('/api/v1/methodology?lang=ru')).json()) as Body;
    expect([en.lang, ru.lang, kk.lang]).toEqual(['en', 'ru', 'kk']);
    expect(en.categories[0]!.questions[0]!.text).toMatch(/^Do infrastructural limitations/);
    expect(ru.categories[0]!.questions[0]!.text).toMatch(/интернет/);
    expect(kk.categories[0]!.name).toBe('Қолжетімділікке кедергілер');
    expect((await get('/api/v1/methodology?lang=de')).status).toBe(400);
  });

  it('says in the language asked what was checked against the primary document; the documents cited stay as they are', async () => {
    type Source = { url: string; title: string; verification: string };
    type Body = {
      primary_document: { source: Source; checked: string; not_checked: string };
      sources: { what: string; note: string | null; sources: Source[]; verification: string }[];
    };
    const en = (await (await get('/api/v1/methodology')).json()) as Body;
    const ru = (await (await get('/api/v1/methodology?lang=ru')).json()) as Body;
    expect(en.primary_document.not_checked).toMatch(/^the question wordings/);
    expect(ru.primary_document.not_checked).toMatch(/^формулировки вопросов/);
    expect(ru.primary_document.checked).toMatch(/^начало страницы/);
    expect(ru.primary_document.source).toEqual(en.primary_document.source);
    const c2 = (b: Body) => b.sources.find((s) => s.sources.length === 0)!;
    expect(c2(ru).note).toMatch(/репозиторий не установлен/);
    expect(ru.sources.map((s) => [s.sources, s.verification, s.note === null])).toEqual(
      en.sources.map((s) => [s.sources, s.verification, s.note === null]),
    );
  });

  it('lists countries with their latest edition', async () => {
    const body = (await (await get('/api/v1/countries')).json()) as {
      items: { country: string; edition: number; status: string }[];
      next_cursor: string | null;
    };
    const kz = body.items.find((c) => c.country === 'KZ');
    expect(kz?.status).toBe('Not Free');
    expect(kz?.edition).toBeGreaterThanOrEqual(2024);
    expect(body.next_cursor).toBeNull();
  });

  it('pages with an opaque cursor until the end, without repeats', async () => {
    const seen: string[] = [];
    let url = '/api/v1/countries?limit=5';
    for (let i = 0; i < 20; i++) {
      const body = (await (await get(url)).json()) as {
        items: { country: string }[];
        next_cursor: string | null;
      };
      expect(body.items.length).toBeLessThanOrEqual(5);
      seen.push(...body.items.map((c) => c.country));
      if (!body.next_cursor) break;
      url = `/api/v1/countries?limit=5&cursor=${body.next_cursor}`;
    }
    const all = (await (await get('/api/v1/countries?limit=1000')).json()) as {
      items: { country: string }[];
    };
    expect(seen).toEqual(all.items.map((c) => c.country));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(5);
  });

  it('refuses a forged cursor and a bad limit with 400 and the parameter named', async () => {
    const bad = await get('/api/v1/countries?cursor=nonsense');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('cursor');
    const big = await get('/api/v1/countries?limit=5000');
    expect(big.status).toBe(400);
    expect(await big.json()).toEqual({
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('"limit"') },
    });
  });

  it('takes a limit in decimal digits only', async () => {
    // Found by test/reliability/injection.test.ts: `limit=0x27` answered 39 items, as Number() reads hex.
    for (const limit of ['0x27', '1e2', '0b11', ' 5', '5.0', '-0']) {
      const res = await get(`/api/v1/countries?limit=${encodeURIComponent(limit)}`);
      expect(res.status, limit).toBe(400);
    }
    expect((await get('/api/v1/countries?limit=007')).status).toBe(200);
  });

  it('answers one country with history on separate scales', async () => {
    const body = (await (await get('/api/v1/countries/kz')).json()) as {
      country: string;
      history: { edition: number; scale: string; change: number | null }[];
    };
    expect(body.country).toBe('KZ');
    const legacy = body.history.filter((p) => p.scale === 'legacy');
    const current = body.history.filter((p) => p.scale === 'current');
    expect(legacy.length).toBeGreaterThan(0);
    expect(current.length).toBeGreaterThan(0);
    // The first edition on the current scale has no change: scales are never mixed.
    expect(current[0]!.change).toBeNull();
  });

  it('answers one assessment with its sources, 404 for a missing one, 400 for a bad code', async () => {
    const res = await get('/api/v1/assessments/KZ/2024');
    expect(res.status).toBe(200);
    const a = (await res.json()) as { total: number; total_sources: { url: string }[] };
    expect(a.total).toBe(34);
    expect(a.total_sources[0]?.url).toMatch(/^https:\/\//);
    const missing = await get('/api/v1/assessments/KZ/2010');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const bad = await get('/api/v1/assessments/KAZ/2024');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('two-letter');
  });

  it('filters assessments by edition and answers CSV', async () => {
    const res = await get('/api/v1/assessments?edition=2024&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('country,edition,scale,total,status,A,B,C,coverage_start,coverage_end,sources');
    expect(lines.find((l) => l.startsWith('KZ,'))).toMatch(/^KZ,2024,current,34,Not Free,12,12,10,/);
    expect(lines.slice(1).every((l) => l.split(',')[1] === '2024')).toBe(true);
  });

  it('compares countries for one edition, ranked, in JSON and CSV', async () => {
    const body = (await (await get('/api/v1/compare?edition=2024&countries=kz,ru,is')).json()) as {
      items: { country: string; rank: number }[];
    };
    expect(body.items.map((r) => r.country)).toEqual(['IS', 'KZ', 'RU']);
    expect(body.items[0]!.rank).toBeLessThan(body.items[2]!.rank);
    const csv = await (await get('/api/v1/compare?edition=2024&countries=KZ&format=csv')).text();
    expect(csv.split('\n')[1]).toMatch(
      /^KZ,2024,current,34,Not Free,12,12,10,\d+,\d+,(primary|secondary|unverified)$/,
    );
    const missing = await get('/api/v1/compare');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain('edition');
  });

  it("gives a country's editions published and bundled, and marks secondary and restated figures", async () => {
    const body = (await (await get('/api/v1/countries/KZ')).json()) as {
      history: { edition: number; verification: string; restated_in_edition: number | null }[];
      editions: { edition: number; covered: string; bundled: boolean }[];
    };
    expect(body.editions.filter((e) => !e.bundled).map((e) => e.edition)).toEqual([2009, 2012, 2017]);
    const point = (edition: number) => body.history.find((p) => p.edition === edition)!;
    expect([point(2018).restated_in_edition, point(2019).restated_in_edition]).toEqual([2019, null]);
    expect([point(2025).verification, point(2022).verification]).toEqual(['secondary', 'primary']);
  });

  it('history answers CSV with the legacy scale marked', async () => {
    const csv = await (await get('/api/v1/countries/KZ/history?format=csv')).text();
    expect(csv.split('\n')[0]).toBe(
      'edition,scale,total,status,A,B,C,change,verification,restated_in_edition,sources',
    );
    expect(csv).toMatch(/\n2011,legacy,/);
  });
});

describe('HTTP behaviour', () => {
  it('sends an ETag and answers 304 to If-None-Match', async () => {
    const first = await get('/api/v1/countries');
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    expect(first.headers.get('cache-control')).toContain('max-age');
    const again = await get('/api/v1/countries', { headers: { 'If-None-Match': tag! } });
    expect(again.status).toBe(304);
  });

  it('sets security headers with a CSP that allows no inline script and no framing', async () => {
    const res = await get('/api/v1/methodology');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers unknown API routes with a JSON 404, never HTML', async () => {
    const res = await get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('serves the OpenAPI document listing every route with its parameters', async () => {
    const doc = (await (await get('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { parameters: { name: string; in: string }[] }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/assessments/{cc}/{edition}');
    const compare = doc.paths['/api/v1/compare']!.get!;
    expect(compare.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['edition', 'countries', 'format', 'cursor', 'limit']),
    );
  });

  it('serves the dashboard with SPA fallback and never a file outside it', async () => {
    const page = await get('/country/KZ');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>netfreedom</title>');
    const asset = await get('/assets/app-1234.js');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-type')).toContain('javascript');
    const traversal = await get('/assets/..%2f..%2fsecret.txt');
    expect(await traversal.text()).not.toContain('secret');
    const missing = await get('/assets/missing-1.js');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'no such file' },
    });
    // A route with a dot is still an app page.
    expect(await (await get('/domain/meduza.io')).text()).toContain('<title>netfreedom</title>');
  });
});

describe('read cache and ETag together', () => {
  it('answers 304 to a matching If-None-Match on a cached answer, 200 with the same ETag otherwise', async () => {
    const first = await get('/api/v1/compare?edition=2024');
    const tag = first.headers.get('etag')!;
    const cached = await get('/api/v1/compare?edition=2024');
    expect(cached.headers.get('etag')).toBe(tag);
    expect(await cached.json()).toEqual(await first.json());
    expect((await get('/api/v1/compare?edition=2024', { headers: { 'If-None-Match': tag } })).status).toBe(
      304,
    );
    expect(
      (await get('/api/v1/compare?edition=2024', { headers: { 'If-None-Match': '"other"' } })).status,
    ).toBe(200);
  });
});

describe('API reference', () => {
  it('serves the page without inline script, the files it loads, and the document as JSON', async () => {
    const page = await app.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="/api/docs/swagger-ui-bundle.js"></script>');
    expect(html).not.toMatch(/<script>|<script [^s]/);
    for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'reference.js']) {
      const res = await app.request(`/api/docs/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toMatch(/javascript|css/);
    }
    expect((await app.request('/api/docs/..%2Fpackage.json')).status).toBe(404);
    const doc = (await (await app.request('/api/openapi.json')).json()) as { openapi: string };
    expect(doc.openapi).toBe('3.1.0');
  });
});
