import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TECHNIQUES } from '../../src/model/verdict.js';
import { dataPath } from '../../src/shared/paths.js';
import type { MeasurementRecord } from '../../src/store/measurement-store.js';
import { record, standardSet } from '../store/measurement-fixtures.js';
import { type Dashboard, OUTPUT_DIR, startDashboard } from './dashboard-fixture.js';

const XSS_BODY =
  '<html><title>Blocked</title><script>console.log("PWNED-script");window.parent.__pwned=1</script>' +
  '<img src="x" onerror="console.log(\'PWNED-onerror\');window.parent.__pwned=2">Access denied</html>';

const blockpage: MeasurementRecord = record({
  uid: 'e2e-blockpage-1',
  domain: 'blocked.example',
  startTime: '2024-03-04T10:00:00Z',
  outcome: 'confirmed',
  technique: 'http-diff',
  raw: {
    test_keys: {
      queries: [{ hostname: 'blocked.example', failure: null, t: 0.01, answers: [{ ipv4: '10.0.0.1' }] }],
      tcp_connect: [{ ip: '10.0.0.1', port: 80, t: 0.05, status: { success: true, failure: null } }],
      tls_handshakes: [],
      requests: [
        {
          failure: null,
          t: 0.2,
          request: { url: 'http://blocked.example/' },
          response: { code: 200, body: XSS_BODY },
        },
      ],
      control: { dns: { addrs: ['93.184.216.34'], failure: null }, http_request: { status_code: 200 } },
    },
  },
});

// The simulated interception measurement from the bundled KZ demo set, with its real (generated) chain.
const interception: MeasurementRecord = record({
  uid: 'e2e-interception-1',
  domain: 'www.facebook.com',
  startTime: '2024-03-04T11:00:00Z',
  outcome: 'confirmed',
  technique: 'tls_interception',
  simulated: true,
  raw: readFileSync(dataPath('demo', 'kz-simulated.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { annotations: { scenario: string } })
    .find((m) => m.annotations.scenario === 'kzInterceptionQaznetUntrusted'),
});

let d: Dashboard;
let page: Page;
const consoleLines: string[] = [];

beforeAll(async () => {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  d = await startDashboard([...standardSet(), blockpage, interception]);
  const context = await d.browser.newContext({ viewport: { width: 1200, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('console', (m) => consoleLines.push(m.text()));
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
}, 60_000);

afterAll(async () => {
  await d?.stop();
});

/** Holds the page's requests to `url` until the function it returns lets them go (and stops holding). */
async function hold(url: string | RegExp): Promise<() => Promise<void>> {
  let letGo = () => {};
  const held = new Promise<void>((resolve) => {
    letGo = resolve;
  });
  const passing: Promise<void>[] = [];
  await page.route(url, (route) => {
    const passed = held.then(() => route.continue());
    passing.push(passed);
    return passed;
  });
  return async () => {
    letGo();
    // Unrouting while a held request is still in its handler would hand it on twice.
    await Promise.all(passing);
    await page.unroute(url);
  };
}

describe('dashboard in Chromium', () => {
  it('shows the world map with KZ coloured Not Free, and a click opens the country page', async () => {
    await page.goto(`${d.url}/?edition=2024`);
    const kz = page.locator('svg a[data-cc="KZ"]');
    await kz.waitFor();
    expect(await kz.locator('path').getAttribute('class')).toContain('status-not-free');
    // Drawn in the Not Free colour (#6a1b9a), not the no-data grey.
    expect(
      await kz
        .locator('path')
        .evaluate(
          (el) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(el)
              .fill,
        ),
    ).toBe('rgb(106, 27, 154)');
    await page.screenshot({ path: join(OUTPUT_DIR, 'map.png'), fullPage: true });
    // Hold the 2024 assessment: until it arrives the page must not show the latest edition (2025: 37) instead.
    const release = await hold('**/api/v1/assessments/KZ/2024');
    const countryLoaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/countries/KZ'));
    const methodologyLoaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/methodology'));
    await kz.click();
    await page.waitForURL(/\/country\/KZ/);
    await Promise.all([countryLoaded, methodologyLoaded]);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
    expect(await page.locator('[aria-busy="true"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('total').count()).toBe(0);
    await release();
    await page.getByTestId('total').waitFor();
    expect(await page.getByTestId('total').textContent()).toContain('34');
  });

  it('country page: A/B/C against maxima, two history charts by scale, key controls, sources', async () => {
    await page.goto(`${d.url}/country/KZ?edition=2024`);
    await page.locator('.history-current svg').waitFor();
    expect(await page.locator('.history-legacy svg').count()).toBe(1);
    const categories = await page.locator('.category').allTextContents();
    expect(categories.join(' ')).toMatch(/12 of 35/);
    expect(await page.locator('.controls li').count()).toBe(9);
    expect(await page.locator('.sources a[href^="https://"]').count()).toBeGreaterThan(0);
    await page.locator('.outcomes svg').waitFor();
    await page.screenshot({ path: join(OUTPUT_DIR, 'country-kz.png'), fullPage: true });
  });

  it('a bar click lands on the measurements behind it', async () => {
    await page.goto(`${d.url}/country/KZ`);
    const bar = page.locator('.outcomes a[data-day="2024-03-02"][data-outcome="anomaly"]');
    await bar.waitFor();
    await bar.click();
    await page.waitForURL(/\/measurements\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('since')).toBe('2024-03-02');
    expect(url.searchParams.get('until')).toBe('2024-03-03');
    await page.locator('table.results tbody tr').first().waitFor();
    const outcomes = await page
      .locator('table.results tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome')));
    expect(outcomes).toEqual(['anomaly', 'anomaly']);
  });

  it('blocked sites filter by technique, with the confirmed badge', async () => {
    await page.goto(`${d.url}/country/KZ?technique=tcp_ip`);
    await page.locator('table.blocked-sites tbody tr').first().waitFor();
    const rows = await page.locator('table.blocked-sites tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('meduza.io');
    await page.goto(`${d.url}/country/KZ`);
    await page.locator('table.blocked-sites tbody tr').first().waitFor();
    expect(await page.locator('table.blocked-sites .badge.confirmed').count()).toBe(1);
    expect(await page.locator('table.blocked-sites thead th[scope=col]').allTextContents()).toEqual([
      'Domain',
      'Category',
      'Technique',
      'First seen',
      'Last seen',
      'Measurements',
    ]);
  });

  it('evidence sections with nothing in them say so, with no empty table or list', async () => {
    // Georgia has scores but no measurement in this store.
    await page.goto(`${d.url}/country/GE`);
    await page.getByText('No measurements for this country yet.').waitFor();
    const none = page.locator('.evidence p.muted', { hasText: /^None$/ });
    await expect.poll(() => none.count()).toBe(4); // techniques, blocked sites, networks, changes
    expect(await page.locator('.evidence table, .evidence ul').count()).toBe(0);
    // Blocked sites exist, but none in this category.
    await page.goto(`${d.url}/country/KZ?category=NO-SUCH-CATEGORY`);
    await page.getByText('No blocked site matches these filters.').waitFor();
    expect(await page.locator('table.blocked-sites tbody tr').count()).toBe(0);
  });

  it('explorer filters live in the URL and the CSV link carries them', async () => {
    await page.goto(`${d.url}/measurements`);
    await page.locator('table.results tbody tr').first().waitFor();
    await page.locator('select[name="probe_cc"]').selectOption('RU');
    // Hold the filtered answer: meanwhile the page must not show the unfiltered rows under the new URL.
    const release = await hold(/\/api\/v1\/measurements\?.*probe_cc=RU/);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/probe_cc=RU/);
    expect(await page.locator('table.results').count()).toBe(0);
    expect(await page.locator('[aria-busy="true"]').count()).toBeGreaterThan(0);
    await release();
    await page.locator('table.results tbody tr').first().waitFor();
    expect(await page.locator('table.results tbody tr').count()).toBe(1);
    expect(await page.locator('table.results thead th[scope=col]').allTextContents()).toEqual([
      'Time',
      'Country',
      'Network',
      'Test',
      'Input',
      'Outcome (OONI)',
      'Technique',
      'explorer.ooni.org',
    ]);
    const csv = await page.locator('a[download]').getAttribute('href');
    expect(csv).toContain('probe_cc=RU');
    expect(csv).toContain('format=csv');
    // Reloading the shared URL restores the same view.
    await page.reload();
    await page.locator('table.results tbody tr').first().waitFor();
    expect(await page.locator('select[name="probe_cc"]').inputValue()).toBe('RU');
  });

  it('an empty search says when simulated measurements would match, and links to them', async () => {
    // Only the simulated interception measurement is about this domain.
    await page.goto(`${d.url}/measurements?domain=www.facebook.com`);
    await page.locator('.simulated-hint').waitFor();
    expect(await page.locator('table.results').count()).toBe(0);
    await page.locator('.simulated-hint a').click();
    await page.waitForURL(/simulated=1/);
    await page.locator('table.results tbody tr').first().waitFor();
    expect(await page.locator('table.results tbody tr').count()).toBe(1);
    expect(await page.locator('table.results tbody tr').textContent()).toContain('simulated');
    expect(await page.locator('.simulated-hint').count()).toBe(0);
    // The domain page's results say the same, and link to the page with them.
    await page.goto(`${d.url}/domain/www.facebook.com`);
    await page.locator('.simulated-hint a').click();
    await page.waitForURL(/\/domain\/www\.facebook\.com\?simulated=1$/);
    await page.locator('table.results tbody tr').first().waitFor();
    // Nothing at all matches: no hint.
    await page.goto(`${d.url}/measurements?domain=nothing.example`);
    await page.getByText('No measurements match these filters.').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.simulated-hint').count()).toBe(0);
  });

  it('a blockpage with <script> and onerror payloads executes nothing, as text or in the sandbox', async () => {
    await page.goto(`${d.url}/m/e2e-blockpage-1`);
    await page.getByTestId('verdict').waitFor();
    // The technique in words, with its code.
    expect(await page.getByTestId('verdict').textContent()).toContain(
      'Blocking by a page that differs from the control’s (http-diff) is confirmed by OONI’s fingerprints.',
    );
    expect(await page.getByTestId('body-text').textContent()).toContain(
      '<script>console.log("PWNED-script")',
    );
    await page.getByRole('button', { name: /sandbox/i }).click();
    await page.locator('iframe.body-frame').waitFor();
    expect(await page.locator('iframe.body-frame').getAttribute('sandbox')).toBe('');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUTPUT_DIR, 'measurement.png'), fullPage: true });
    expect(
      await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(consoleLines.filter((l) => l.includes('PWNED'))).toEqual([]);
    expect(await page.locator('.waterfall li').count()).toBe(3);
  });

  it('shows the decoded certificate chain of an interception, with the simulated badge', async () => {
    await page.goto(`${d.url}/m/e2e-interception-1`);
    await page.locator('.certs li').first().waitFor();
    expect(await page.locator('.certs li').count()).toBe(2);
    expect(await page.locator('.certs').textContent()).toContain('Qaznet');
    // The steps: which resolver answered, and each bar from the step's start (t0) to its end (t), its duration.
    const labels = await page.locator('.waterfall .step-label').allTextContents();
    expect(labels.slice(0, 2)).toEqual([
      'www.facebook.com · getaddrinfo',
      'www.facebook.com · udp 8.8.8.8:53',
    ]);
    // The bundled demo run's own timings (a regeneration measures new ones).
    const handshake = (interception.raw as { test_keys: { tls_handshakes: { t0: number; t: number }[] } })
      .test_keys.tls_handshakes[0]!;
    const tls = page.locator('.waterfall li', { hasText: 'TLS' });
    expect(await tls.locator('.step-time').textContent()).toBe(
      `${Math.round((handshake.t - handshake.t0) * 1000)} ms`,
    );
    const style = (await tls.locator('.step-bar span').getAttribute('style')) ?? '';
    const offset = /margin-left:\s*([\d.]+)%/.exec(style)?.[1];
    expect(Number(offset), style).toBeCloseTo((handshake.t0 / handshake.t) * 100, 1);
    expect(await page.locator('.meta .badge.simulated').count()).toBe(1);
    await page.screenshot({ path: join(OUTPUT_DIR, 'measurement-interception.png'), fullPage: true });
  });

  it('the language switcher changes the text (ru, kk) and keeps numbers localised', async () => {
    await page.goto(`${d.url}/compare?edition=2024&countries=KZ,RU`);
    await page.locator('table.compare tbody tr').first().waitFor();
    await page.getByLabel('Language').selectOption('ru');
    await page.getByRole('heading', { name: 'Сравнение стран' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    await page.getByLabel('Язык').selectOption('kk');
    await page.getByRole('heading', { name: 'Елдерді салыстыру' }).waitFor();
    await page.locator('table.compare', { hasText: 'Еркін емес' }).waitFor();
    await page.getByLabel('Тіл').selectOption('en');
    await page.getByRole('heading', { name: 'Compare countries' }).waitFor();
  });

  it('methodology, domain and network pages load', async () => {
    await page.goto(`${d.url}/methodology`);
    await page.locator('table.data tbody tr').first().waitFor();
    expect(await page.locator('table.data tbody tr').count()).toBe(21);
    // Every technique the verdicts name is explained, with its code.
    const glossary = page.locator('.techniques-glossary dt code');
    expect(await glossary.allTextContents()).toEqual([...TECHNIQUES]);
    expect(await page.locator('.techniques-glossary').textContent()).toContain(
      'SNI filtering (TLS) tls_sniThe TLS handshake naming the site stalled',
    );
    await page.goto(`${d.url}/domain/meduza.io`);
    await page.locator('table.results tbody tr').first().waitFor();
    expect(await page.locator('h1').textContent()).toContain('meduza.io');
    await page.goto(`${d.url}/network/AS21299`);
    await page.locator('table.results tbody tr').first().waitFor();
    expect(await page.locator('table.results tbody tr').count()).toBe(1);
  });

  it('works on a phone-sized viewport without horizontal scrolling of the page', async () => {
    const phone = await d.browser.newPage({ viewport: { width: 375, height: 740 } });
    await phone.goto(`${d.url}/country/KZ`);
    await phone.getByTestId('total').waitFor();
    await phone.locator('table.blocked-sites tbody tr').first().waitFor();
    await phone.locator('.outcomes svg').waitFor();
    const overflow = await phone.evaluate(() => {
      const g = globalThis as unknown as {
        document: { documentElement: { scrollWidth: number } };
        innerWidth: number;
      };
      return g.document.documentElement.scrollWidth - g.innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(1);
    await phone.close();
  });

  it('has no serious or critical axe-core violations on the main pages', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    // Our CSP forbids injected scripts, so the audit runs in a context that bypasses it.
    const context = await d.browser.newContext({ bypassCSP: true });
    const audit = await context.newPage();
    const problems: string[] = [];
    for (const [path, ready] of [
      ['/?edition=2024', 'svg a[data-cc="KZ"]'],
      ['/country/KZ', '.outcomes svg'],
      ['/measurements?probe_cc=KZ', 'table.results'],
      ['/m/e2e-blockpage-1', '[data-testid="verdict"]'],
      ['/compare?edition=2024&countries=KZ,RU', 'table.compare'],
      ['/methodology', 'table.data'],
    ] as const) {
      await audit.goto(`${d.url}${path}`);
      await audit.locator(ready).first().waitFor();
      await audit.addScriptTag({ content: axeSource });
      const violations = await audit.evaluate(async () => {
        const r = await (
          globalThis as unknown as {
            axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
          }
        ).axe.run();
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          n: (v.nodes as { target: string[] }[]).map((x) => x.target.join(' ')).slice(0, 3),
        }));
      });
      for (const v of violations)
        if (v.impact === 'serious' || v.impact === 'critical')
          problems.push(`${path}: ${v.id} (${v.impact}, ${JSON.stringify(v.n)})`);
    }
    await context.close();
    expect(problems).toEqual([]);
  });
});
