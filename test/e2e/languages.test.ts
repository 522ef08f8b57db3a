/**
 * Every page of the dashboard in Russian and Kazakh, opened by a shared link (?lang=), on the bundled data: nothing
 * of the English catalogue and no run of English words outside data, Kazakh dates and names, links that keep the
 * language. Screenshots of the Kazakhstan and methodology pages go to test-output/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kk } from '../../web/src/i18n/messages-kk.js';
import { ru } from '../../web/src/i18n/messages-ru.js';
import { type Dashboard, OUTPUT_DIR, startDashboard } from './dashboard-fixture.js';
import { catalogueLeftovers, englishWords, readerTexts } from './untranslated.js';

let d: Dashboard;
let page: Page;
const pageErrors: string[] = [];

/** A measurement's uid from the API: the first that `query` finds and `pick` accepts. */
async function uidOf(
  query: string,
  pick: (m: { test_name: string }) => boolean = () => true,
): Promise<string> {
  const res = await fetch(`${d.url}/api/v1/measurements?${query}&limit=100`);
  const items = ((await res.json()) as { items: { measurement_uid: string; test_name: string }[] }).items;
  const found = items.find(pick);
  if (!found) throw new Error(`no bundled measurement for ${query}`);
  return found.measurement_uid;
}

/** The pages, each with what shows it has loaded, and the screenshot to keep. */
let pages: { path: string; ready: string; shot?: string }[];

beforeAll(async () => {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  d = await startDashboard([], true);
  const real = await uidOf('domain=rutor.org');
  const realOtherTest = await uidOf('probe_cc=RU', (m) => m.test_name !== 'web_connectivity');
  // OONI's fingerprint confirms a redirect to a blockpage: the evidence says where it went (main's sentences).
  const blockpage = await uidOf('probe_cc=ID&domain=archive.org');
  const interception = await uidOf(
    'probe_cc=KZ&domain=www.facebook.com&technique=tls_interception&include_simulated=true',
  );
  pages = [
    { path: '/?edition=2024', ready: 'svg a[data-cc="KZ"]' },
    { path: '/country/KZ?simulated=1', ready: 'table.blocked-sites', shot: 'country-kz-simulated' },
    { path: '/country/KZ?edition=2024', ready: 'ol.events li' },
    { path: '/country/GE', ready: '.evidence p.muted' },
    { path: '/compare?edition=2024&countries=KZ,RU', ready: 'table.compare' },
    { path: '/measurements?probe_cc=KZ&simulated=1', ready: 'table.results' },
    { path: '/measurements?domain=meduza.io', ready: '.simulated-hint' },
    { path: '/domain/www.facebook.com?simulated=1', ready: 'table.results' },
    { path: '/network/AS64496?simulated=1', ready: 'table.results' },
    { path: `/m/${real}`, ready: '.evidence-list li', shot: 'measurement-real' },
    { path: `/m/${blockpage}`, ready: '.evidence-list li', shot: 'measurement-blockpage' },
    { path: `/m/${realOtherTest}`, ready: '[data-testid="verdict"]' },
    { path: `/m/${interception}`, ready: '.certs li', shot: 'measurement-interception' },
    { path: '/methodology', ready: '.techniques-glossary', shot: 'methodology' },
    { path: '/no-such-page', ready: 'main h1' },
  ];
  const context = await d.browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
  // A saved English choice: the shared link must win over it.
  await context.addInitScript(() =>
    (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(
      'netfreedom.lang',
      'en',
    ),
  );
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 120_000);

afterAll(async () => {
  await d?.stop();
});

/** Opens `path` in `lang` by its link and waits until it has loaded, lazy charts and all. */
async function open(path: string, lang: string, ready: string): Promise<void> {
  await page.goto(`${d.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
  await page.locator(ready).first().waitFor();
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
}

describe.each([
  ['ru', ru, 'Казахстан'],
  ['kk', kk, 'Қазақстан'],
] as const)('every page in %s', (lang, catalogue, kazakhstan) => {
  it('has no English left outside data, and links that keep the language', async () => {
    const problems: string[] = [];
    for (const { path, ready, shot } of pages) {
      await open(path, lang, ready);
      expect(await page.locator('html').getAttribute('lang'), path).toBe(lang);
      const texts = await readerTexts(page);
      for (const text of texts) {
        const words = englishWords(text);
        if (words.length > 0) problems.push(`${path}: English words ${JSON.stringify(words)} in "${text}"`);
      }
      for (const left of catalogueLeftovers(texts, catalogue)) problems.push(`${path}: ${left}`);
      // A date the browser could not write in Kazakh comes out as "2024 M06 1".
      for (const text of texts) if (/\b\d{4} M\d{2}\b/.test(text)) problems.push(`${path}: date "${text}"`);
      const unlinked = await page
        .locator('a[href^="/"]:not([href^="/api/"]):not([href^="/feeds/"])')
        .evaluateAll(
          (as, l) => as.map((a) => a.getAttribute('href')!).filter((h) => !h.includes(`lang=${l}`)),
          lang,
        );
      for (const href of unlinked) problems.push(`${path}: link without lang=${lang}: ${href}`);
      if (shot) await page.screenshot({ path: join(OUTPUT_DIR, `${shot}-${lang}.png`), fullPage: true });
    }
    expect(problems).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('names Kazakhstan and writes its dates in the language', async () => {
    await open('/country/KZ?simulated=1', lang, 'table.blocked-sites');
    expect(await page.locator('h1').textContent()).toBe(kazakhstan);
    const firstSeen = await page
      .locator('table.blocked-sites tbody tr td:nth-child(4)')
      .first()
      .textContent();
    expect(firstSeen).toMatch(
      lang === 'kk' ? /^\d{4} ж\. \d{1,2} [а-яәғқңөұүһі]+$/ : /^\d{1,2} [а-я]+\.? \d{4} г\.$/,
    );
  });
});

describe('the language switcher', () => {
  it('writes the chosen language into the address, so that the link can be shared', async () => {
    await open('/country/KZ?simulated=1', 'ru', 'table.blocked-sites');
    await page.getByLabel('Язык').selectOption('kk');
    await page.waitForURL(/lang=kk/);
    expect(new URL(page.url()).searchParams.get('simulated')).toBe('1');
    await page.getByRole('heading', { name: 'Қазақстан' }).waitFor();
    await page.getByRole('navigation').getByRole('link').nth(1).click();
    await page.waitForURL(/\/compare\?lang=kk$/);
  });
});
