/** GET /api/v1/countries/{cc}/report: the model as JSON (checked against its schema), Markdown, HTML, PDF, errors. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { schemaById } from '../../src/server/contract/api-schemas.js';
import type { ReportJson } from '../../src/server/contract/report-json.js';
import { HOSTILE_SUMMARY, type ReportFixture, reportStore } from './report-fixture.js';

let dir: string;
let fx: ReportFixture;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nf-report-route-'));
  fx = await reportStore(dir);
  app = createApp({ store: fx.store, methodology: fx.methodology, webRoot: dir });
}, 60_000);
afterAll(async () => {
  await fx?.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/v1/countries/{cc}/report', () => {
  it('answers the model as JSON, valid against CountryReport', async () => {
    const res = await app.request('/api/v1/countries/KZ/report?edition=2024');
    expect(res.status).toBe(200);
    const body = (await res.json()) as ReportJson;
    expect(schemaById('CountryReport')!.parse(body)).toBeTruthy();
    expect(body.status.total).toEqual({ value: 34, refs: [{ kind: 'source', n: 1 }] });
    expect(body.measured?.outside_coverage).toBe(true);
    expect(body.sources[0]?.source.archive_sha256).toBeDefined();
  });

  it('answers HTML with links back at this server, Markdown and PDF as downloads', async () => {
    const html = await app.request(
      'http://observatory.test/api/v1/countries/kz/report?edition=2024&format=html&lang=kk',
    );
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const text = await html.text();
    expect(text).toContain('Еркін емес');
    expect(text).toContain('href="http://observatory.test/measurements?probe_cc=KZ');
    expect(text).not.toContain(HOSTILE_SUMMARY);
    const md = await app.request('/api/v1/countries/KZ/report?edition=2024&format=md');
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toBe('attachment; filename="KZ-2024-en.md"');
    const pdf = await app.request('/api/v1/countries/KZ/report?edition=2024&format=pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  }, 60_000);

  it('404 for an edition without an assessment, 400 for a bad format; the OpenAPI document lists the media types', async () => {
    const missing = await app.request('/api/v1/countries/KZ/report?edition=2012');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain(
      'editions: 2011',
    );
    expect((await app.request('/api/v1/countries/KZ/report?edition=2024&format=docx')).status).toBe(400);
    expect((await app.request('/api/v1/countries/KZ/report')).status).toBe(400);
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { get: { responses: Record<string, { content: object }> } }>;
    };
    const op = doc.paths['/api/v1/countries/{cc}/report']!.get;
    expect(Object.keys(op.responses['200']!.content)).toEqual([
      'application/json',
      'text/markdown',
      'text/html',
      'application/pdf',
    ]);
  });
});
