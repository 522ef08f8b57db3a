/** The country page links the edition's report: read it as HTML, download it as PDF or Markdown, in the page's language. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dashboard, OUTPUT_DIR, startDashboard } from './dashboard-fixture.js';

let dash: Dashboard;

beforeAll(async () => {
  dash = await startDashboard([]);
}, 60_000);
afterAll(async () => dash?.stop());

describe('country page: report links', () => {
  it('links the shown edition in the chosen language, and the links answer', async () => {
    const page = await dash.browser.newPage();
    await page.goto(`${dash.url}/country/KZ?edition=2024&lang=ru`);
    const links = page.getByTestId('report-links');
    await links.waitFor();
    expect(await links.textContent()).toContain('Читать отчёт за 2024');
    const hrefs = await links.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([
      '/api/v1/countries/KZ/report?edition=2024&format=html&lang=ru',
      '/api/v1/countries/KZ/report?edition=2024&format=pdf&lang=ru',
      '/api/v1/countries/KZ/report?edition=2024&format=md&lang=ru',
      '/api/v1/countries/KZ/report?edition=2024&format=json&lang=ru',
      '/feeds/KZ.atom',
    ]);
    // The page announces the country's feed to feed readers.
    expect(await page.locator('head link[rel="alternate"][href="/feeds/KZ.atom"]').count()).toBe(1);
    const feed = await page.request.get(`${dash.url}/feeds/KZ.atom`);
    expect(feed.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
    const html = await page.request.get(`${dash.url}${hrefs[0]}`);
    expect(html.status()).toBe(200);
    expect(await html.text()).toContain('Несвободная');
    const md = await page.request.get(`${dash.url}${hrefs[2]}`);
    expect(md.headers()['content-disposition']).toContain('KZ-2024-ru.md');
    mkdirSync(OUTPUT_DIR, { recursive: true });
    await links.screenshot({ path: join(OUTPUT_DIR, 'report-links-ru.png') });
    await page.goto(`${dash.url}${hrefs[0]}`);
    await page.screenshot({ path: join(OUTPUT_DIR, 'report-from-dashboard-ru.png') });
    expect(await page.locator('h1').textContent()).toContain('Казахстан');
    await page.close();
  }, 60_000);
});
