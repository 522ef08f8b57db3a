/**
 * The CSP report endpoint on a real server: both reporting formats kept without queries or the sender's address,
 * other types refused, bodies over 16 KiB refused (413), reports beyond 30 a minute refused (429); every policy
 * names the endpoint, and the HTML report carries its own stricter one, in its header and in the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAssessments } from '../../src/assessment/bundled-data.js';
import { loadMethodology } from '../../src/assessment/methodology-loader.js';
import { CspReports } from '../../src/server/csp-reports.js';
import { CSP_REPORTS_PER_MINUTE } from '../../src/server/routes/csp-report-route.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { testActing } from '../helpers/acting.js';

let dir: string;
let store: Store;
let server: RunningServer;
const reports = new CspReports(5);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nf-csp-'));
  store = await openStore(join(dir, 'csp.duckdb'));
  const methodology = await loadMethodology();
  await seedAssessments(store, methodology, testActing('seed'));
  server = await startServer({ store, methodology, cspReports: reports, webRoot: join(dir, 'none') }, 0);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (body: string, type: string) =>
  fetch(`${server.url}/api/v1/csp-reports`, { method: 'POST', headers: { 'content-type': type }, body });

describe('POST /api/v1/csp-reports', () => {
  it('keeps both formats, without queries, fragments or the address it came from', async () => {
    const legacy = await post(
      JSON.stringify({
        'csp-report': {
          'document-uri': 'https://nf.example/m/uid-1?token=secret#x',
          'violated-directive': 'script-src-attr',
          'effective-directive': 'script-src-attr',
          'blocked-uri': 'inline',
          'script-sample': 'alert(document.cookie)'.repeat(5),
          disposition: 'enforce',
        },
      }),
      'application/csp-report',
    );
    expect(legacy.status).toBe(200);
    expect(await legacy.json()).toEqual({ accepted: 1 });
    const batch = await post(
      JSON.stringify([
        {
          type: 'csp-violation',
          body: {
            documentURL: 'https://nf.example/country/KZ?edition=2024',
            effectiveDirective: 'img-src',
            blockedURL: 'https://tracker.example/p.gif?who=me',
            sourceFile: 'https://nf.example/assets/app.js',
            lineNumber: 12,
          },
        },
        { type: 'deprecation', body: {} },
      ]),
      'application/reports+json',
    );
    expect(await batch.json()).toEqual({ accepted: 1 });
    const kept = reports.recent();
    expect(kept.map((v) => [v.document, v.directive, v.blocked])).toEqual([
      ['https://nf.example/m/uid-1', 'script-src-attr', 'inline'],
      ['https://nf.example/country/KZ', 'img-src', 'https://tracker.example/p.gif'],
    ]);
    expect(kept[0]!.sample).toHaveLength(40);
    expect(kept[1]!.source).toBe('https://nf.example/assets/app.js:12');
    const terminal = await post(
      JSON.stringify({
        'csp-report': { 'document-uri': 'x', 'script-sample': '\u001b]0;owned\u0007\u001b[2J' },
      }),
      'application/csp-report',
    );
    expect(terminal.status).toBe(200);
    expect(reports.recent().at(-1)!.sample).not.toMatch(/[\u0000-\u001f]/);
    const text = JSON.stringify(kept);
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain('secret');
  });

  it('refuses other types (400) and bodies over 16 KiB (413)', async () => {
    expect((await post('{}', 'text/plain')).status).toBe(400);
    const big = JSON.stringify({ 'csp-report': { 'document-uri': 'x'.repeat(17 * 1024) } });
    expect((await post(big, 'application/csp-report')).status).toBe(413);
    expect((await post('not json', 'application/csp-report')).status).toBe(400);
  });

  it('keeps only the most recent violations and limits each client per minute (429)', async () => {
    const one = JSON.stringify({
      'csp-report': { 'document-uri': 'https://nf.example/', 'blocked-uri': 'eval' },
    });
    const statuses: number[] = [];
    for (let i = 0; i < CSP_REPORTS_PER_MINUTE + 2; i++)
      statuses.push((await post(one, 'application/csp-report')).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.slice(0, CSP_REPORTS_PER_MINUTE - 6).every((s) => s === 200)).toBe(true);
    expect(reports.recent()).toHaveLength(5);
    expect(reports.total).toBeLessThanOrEqual(CSP_REPORTS_PER_MINUTE);
  });
});

describe('the policies', () => {
  it("name the endpoint; the HTML report's forbids every script and load, in its header and in the file", async () => {
    const page = await fetch(`${server.url}/api/v1/countries`);
    expect(page.headers.get('content-security-policy')).toMatch(
      /script-src 'self';.*report-uri \/api\/v1\/csp-reports/,
    );
    const report = await fetch(`${server.url}/api/v1/countries/KZ/report?edition=2024&format=html`);
    expect(report.status).toBe(200);
    const header = report.headers.get('content-security-policy')!;
    expect(header).toContain("default-src 'none'");
    expect(header).toContain("script-src 'none'");
    expect(header).toContain("frame-ancestors 'none'");
    expect(header).toContain('report-uri /api/v1/csp-reports');
    expect(await report.text()).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'none'`,
    );
  });
});
