/** The readable API reference in Chromium: every route of the OpenAPI document listed, under the server's CSP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dashboard, startDashboard } from './dashboard-fixture.js';

let d: Dashboard;

beforeAll(async () => {
  d = await startDashboard([]);
}, 60_000);

afterAll(async () => {
  await d?.stop();
});

describe('API reference page', () => {
  it('lists every route of the document, with no script blocked by the CSP and no error', async () => {
    const doc = (await (await fetch(`${d.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const page = await d.browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    try {
      await page.goto(`${d.url}/api/docs`);
      await page.waitForSelector('.opblock', { timeout: 20_000 });
      const listed = await page.$$eval('.opblock', (blocks) =>
        blocks.map((b) => {
          const method = b.querySelector('.opblock-summary-method')?.textContent?.trim().toLowerCase();
          const path = b.querySelector('.opblock-summary-path')?.getAttribute('data-path');
          return `${method} ${path}`;
        }),
      );
      const expected = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method} ${path}`),
      );
      expect(listed.sort()).toEqual(expected.sort());
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
