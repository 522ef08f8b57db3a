/**
 * The Kazakhstan page's evidence in Chromium, on the bundled data first (screenshots in en, ru and kk, as a reader of
 * a first start sees it), then with test fixtures added to the same store: a measured blocking change with its
 * measurements, a hostile event title and summary, a survey with a sample size, and an evidence link to a
 * measurement query.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMethodology } from '../../src/assessment/methodology-loader.js';
import { reviewStep } from '../../src/assessment/revisions.js';
import { decideSuggestion } from '../../src/evidence/decide-suggestion.js';
import { linkEvidence } from '../../src/evidence/evidence-links.js';
import { importEvents } from '../../src/evidence/import-events.js';
import { importSurveys } from '../../src/evidence/import-surveys.js';
import { narrativeId, recordNarrative } from '../../src/evidence/record-facts.js';
import { loadSuggestionRules } from '../../src/evidence/suggestion-rules.js';
import { sourceId } from '../../src/shared/source-id.js';
import { kk } from '../../web/src/i18n/messages-kk.js';
import { ru } from '../../web/src/i18n/messages-ru.js';
import { testActing } from '../helpers/acting.js';
import { record } from '../store/measurement-fixtures.js';
import { type Dashboard, OUTPUT_DIR, startDashboard } from './dashboard-fixture.js';
import { catalogueLeftovers, englishWords, readerTexts } from './untranslated.js';

let d: Dashboard;
let page: Page;
const pageErrors: string[] = [];
const consoleLines: string[] = [];
let dir: string;

beforeAll(async () => {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'nf-e2e-evidence-'));
  d = await startDashboard([], true);
  const context = await d.browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => consoleLines.push(m.text()));
}, 120_000);

afterAll(async () => {
  await d?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens `path` and waits until the timeline's list shows and nothing is loading any more. */
async function open(path: string, ready = 'ol.events li'): Promise<void> {
  await page.goto(`${d.url}${path}`);
  await page.locator(ready).first().waitFor();
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
}

describe('the Kazakhstan page on the bundled evidence', () => {
  it('shows the timeline of the bundled events, each with a type, a date and numbered sources', async () => {
    await open('/country/KZ?edition=2024');
    const events = page.locator('ol.events > li');
    expect(await events.count()).toBe(22);
    // Every bundled event is reported and cites at least one source, linked.
    expect(await page.locator('ol.events > li[data-origin="reported"]').count()).toBe(22);
    for (const li of await events.all()) {
      expect(await li.locator('ol.sources li a[href^="http"]').count()).toBeGreaterThan(0);
      expect(await li.locator('.badge.event-type').textContent()).not.toBe('');
    }
    const shutdown = page.locator('#ev-kz-2022-01-shutdown');
    expect(await shutdown.locator('.event-date').textContent()).toBe('from Jan 4, 2022 to Jan 11, 2022');
    expect(await shutdown.locator('.badge.event-type').textContent()).toBe('shutdown');
    // A date known to its month is written as a month, never as its first day.
    expect(await page.locator('#ev-kz-2015-11-security-certificate-law .event-date').textContent()).toBe(
      'November 2015',
    );
    expect(
      await page
        .locator('#ev-kz-2015-11-security-certificate-law [data-testid="indicator-refs"]')
        .textContent(),
    ).toBe('Questions: C4, C5');
    // The chart draws one mark per event, numbered as the list; none is measured on the bundled data, and it says so.
    expect(await page.locator('.timeline-chart svg a[data-event]').count()).toBe(22);
    expect(await page.locator('.timeline-chart svg a[data-origin="measured"]').count()).toBe(0);
    expect(await page.getByTestId('no-measured').count()).toBe(1);
    // The seed article's milestones are marked as resting on an unverified source.
    expect(
      await page.locator('#ev-kz-2021-seed-awareness-campaign .badge.source-unverified').count(),
    ).toBeGreaterThan(0);
  });

  it('filters the timeline by type and by question, in the URL', async () => {
    await open('/country/KZ?edition=2024&event_type=shutdown');
    expect(await page.locator('ol.events > li').count()).toBe(1);
    await page.locator('.timeline select').nth(0).selectOption('');
    await page.locator('.timeline select').nth(1).selectOption('C8');
    await page.waitForURL(/event_indicator=C8/);
    await expect.poll(() => page.locator('ol.events > li').count()).toBeGreaterThan(0);
    for (const li of await page.locator('ol.events > li').all())
      expect(await li.locator('[data-testid="indicator-refs"]').textContent()).toContain('C8');
  });

  it('shows the edition’s key developments, suggestions as suggestions, the survey without a margin, and recommendations', async () => {
    await open('/country/KZ?edition=2024');
    const kd = page.locator('ol.key-developments > li');
    expect(await kd.count()).toBe(4);
    expect(await kd.first().locator('[data-testid="indicator-refs"]').textContent()).toBe(
      'Questions: B3, B6, C2, C6',
    );
    expect(await kd.first().locator('ol.sources a').getAttribute('href')).toBe(
      'https://www.ecoi.net/de/dokument/2116561.html',
    );
    // KIC5 is suggested by the 2023 platforms law, and stays unanswered: a suggestion is never an answer.
    const kic5 = page.locator('#kic-KIC5');
    expect(await kic5.locator('> .badge').textContent()).toBe('unknown');
    expect(await kic5.getByTestId('suggestion').textContent()).toContain(
      'not an answer until an analyst accepts it',
    );
    expect(
      await kic5.locator('.suggestion-evidence a[href="#ev-kz-2023-09-online-platforms-law"]').count(),
    ).toBe(1);
    // The bundled survey gives no sample size: bars without error bars, and the reason in words.
    expect(await page.locator('.survey-answer').count()).toBe(3);
    expect(await page.locator('.error-bar').count()).toBe(0);
    expect(await page.getByTestId('sample-size').textContent()).toContain('No sample size given');
    expect(await page.locator('.survey > p .badge.source-unverified').count()).toBe(1);
    expect(await page.locator('ol.recommendations > li').count()).toBe(7);
    expect(await page.getByTestId('recommendation-status').first().textContent()).toBe(
      'Status: none recorded for a later edition.',
    );
    expect(await page.getByTestId('no-narratives').textContent()).toContain('No indicator narratives');
    // The 2022 edition's coverage period holds the January 2022 shutdown: KIC3 is suggested with it as evidence.
    await open('/country/KZ?edition=2022');
    expect(
      await page.locator('#kic-KIC3 .suggestion-evidence a[href="#ev-kz-2022-01-shutdown"]').count(),
    ).toBe(1);
  });

  it('reads in Russian and Kazakh, dates in the reader’s language; screenshots in en, ru and kk', async () => {
    for (const lang of ['en', 'ru', 'kk'] as const) {
      await open(`/country/KZ?edition=2024&lang=${lang}`);
      if (lang !== 'en') {
        // Event titles and summaries are data (netfreedom's English); everything else is in the reader's language.
        const texts = await readerTexts(page);
        expect(catalogueLeftovers(texts, lang === 'ru' ? ru : kk), lang).toEqual([]);
        expect(
          texts.filter((text) => englishWords(text).length > 0),
          lang,
        ).toEqual([]);
      }
      const month = await page.locator('#ev-kz-2015-11-security-certificate-law .event-date').textContent();
      expect(month).toBe({ en: 'November 2015', ru: 'ноябрь 2015 г.', kk: '2015 ж. қараша' }[lang]);
      await page.screenshot({ path: join(OUTPUT_DIR, `country-kz-evidence-${lang}.png`), fullPage: true });
      await page
        .locator('section.timeline')
        .screenshot({ path: join(OUTPUT_DIR, `country-kz-timeline-${lang}.png`) });
    }
  });
});

describe('on a phone', () => {
  it('the evidence (long source URLs, charts) never widens the page', async () => {
    for (const lang of ['en', 'ru', 'kk']) {
      const phone = await d.browser.newPage({ viewport: { width: 375, height: 740 } });
      await phone.goto(`${d.url}/country/KZ?edition=2024&lang=${lang}`);
      await phone.locator('ol.events li').first().waitFor();
      await phone.locator('.survey-chart svg').waitFor();
      await phone.locator('.timeline-chart svg[viewBox]').waitFor();
      const overflow = await phone.evaluate(() => {
        const g = globalThis as unknown as {
          document: { documentElement: { scrollWidth: number } };
          innerWidth: number;
        };
        return g.document.documentElement.scrollWidth - g.innerWidth;
      });
      expect(overflow, lang).toBeLessThanOrEqual(1);
      await phone.close();
    }
  });
});

describe('with test fixtures: a measured change, hostile text, a survey with a sample size, an evidence link', () => {
  beforeAll(async () => {
    const methodology = await loadMethodology();
    const domain = 'measured-change.example';
    const blocked = [2, 3, 4].map((day) =>
      record({
        uid: `e2e-change-${day}`,
        domain,
        startTime: `2024-03-0${day}T08:00:00Z`,
        // The last one confirmed by OONI's fingerprint: a news site's confirmed blocking suggests KIC2.
        outcome: day === 4 ? 'confirmed' : 'anomaly',
        technique: 'tls_sni',
      }),
    );
    await d.store.measurements.put(blocked);
    await d.store.measurements.putChanges('KZ', [
      {
        id: 'e2e-change',
        probeCc: 'KZ',
        probeAsn: 'AS9198',
        domain,
        kind: 'blocking_started',
        at: '2024-03-02T00:00:00Z',
        score: 5,
        method: 'cusum',
        measurementUids: blocked.map((m) => m.uid),
      },
    ]);
    const events = join(dir, 'events.csv');
    writeFileSync(
      events,
      'id,country,start,end,type,title,summary,indicators,key_controls,source_urls,indicator_attribution\n' +
        'e2e-hostile,KZ,2024-03-05,,other,"<img src=x onerror=""window.__pwned=1"">Hostile <b>title</b>",' +
        '"<script>window.__pwned=2</script>Hostile summary",B1,,https://example.org/hostile,netfreedom\n',
    );
    expect((await importEvents(d.store, methodology, events)).rejected).toEqual([]);
    const surveys = join(dir, 'surveys.csv');
    writeFileSync(
      surveys,
      'country,edition,survey_id,question,answer,share,sample_size,fieldwork_start,fieldwork_end,method,source_url\n' +
        'KZ,2024,e2e-survey,Test question,Yes,58%,1200,2024-01-10,2024-01-20,phone,https://example.org/survey\n' +
        'KZ,2024,e2e-survey,Test question,No,42%,1200,2024-01-10,2024-01-20,phone,https://example.org/survey\n',
    );
    expect((await importSurveys(d.store, surveys)).rejected).toEqual([]);
    await linkEvidence(d.store, methodology, {
      country: 'KZ',
      edition: 2024,
      target: { kind: 'question', id: 'B1' },
      request: { kind: 'measurement_query', filters: { domain: [domain] } },
    });
    await recordNarrative(d.store, methodology, {
      id: narrativeId('KZ', 2024, 'B1'),
      country: 'KZ',
      edition: 2024,
      questionId: 'B1',
      text: 'Test narrative of B1.',
      scoreChange: 'Test explanation of the change.',
      sourceIds: [sourceId('https://example.org/hostile')],
    });
    // An analyst accepts the suggested KIC9 into the draft, and a reviewer publishes it: it becomes an answer, and
    // the suggestion says it was accepted.
    await decideSuggestion(d.store, methodology, await loadSuggestionRules(methodology), testActing(), {
      country: 'KZ',
      edition: 2024,
      controlId: 'KIC9',
      decision: 'accepted',
    });
    await reviewStep(d.store, testActing(), 'KZ', 2024, 'submit', null);
    await reviewStep(d.store, testActing('reviewer'), 'KZ', 2024, 'publish', null);
    d.wrote();
    // A fresh context: the browser keeps the API's answers for a minute (Cache-Control), as a reader's would.
    page = await (
      await d.browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US' })
    ).newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => consoleLines.push(m.text()));
  });

  it('marks the measured change as measured, linking to its measurements', async () => {
    await open('/country/KZ?edition=2024');
    const measured = page.locator('ol.events > li[data-origin="measured"]');
    expect(await measured.count()).toBe(1);
    expect(await measured.locator('.badge.origin-measured').textContent()).toBe('measured');
    expect(await measured.locator('ol.sources').count()).toBe(0);
    expect(await page.locator('.timeline-chart svg a[data-origin="measured"] path').count()).toBe(1);
    expect(await measured.locator('.event-summary').textContent()).toContain('from 3 measurements');
    expect(await measured.locator('a.first-measurement').getAttribute('href')).toBe('/m/e2e-change-2');
    await measured.locator('a.measured-link').click();
    await page.waitForURL(/\/measurements\?.*domain=measured-change\.example/);
    await page.locator('table.results tbody tr').first().waitFor();
    expect(await page.locator('table.results tbody tr').count()).toBe(3);
  });

  it('suggests a key internet control from confirmed measurements, linking to them', async () => {
    await open('/country/KZ?edition=2024');
    const kic2 = page.locator('#kic-KIC2');
    expect(await kic2.locator('> .badge').textContent()).toBe('unknown');
    const evidence = kic2.locator('.suggestion-evidence li[data-kind="measurements"]');
    expect(await evidence.count()).toBe(1);
    expect(await evidence.textContent()).toContain('measured-change.example (News Media)');
    expect(await evidence.textContent()).toContain('1 confirmed (OONI)');
    await kic2.screenshot({ path: join(OUTPUT_DIR, 'country-kz-measured-suggestion-test-fixture-en.png') });
    await evidence.locator('a.measured-link').click();
    await page.waitForURL(/\/measurements\?.*domain=measured-change\.example/);
    await page.locator('table.results tbody tr').first().waitFor();
    expect(await page.locator('table.results tbody tr').count()).toBeGreaterThan(0);
  });

  it('shows a narrative with its score change and sources, and an accepted suggestion as an answer', async () => {
    await open('/country/KZ?edition=2024');
    const b1 = page.locator('#q-B1 .narrative');
    expect(await b1.locator('p').first().textContent()).toContain('Test narrative of B1.');
    expect(await b1.textContent()).toContain(
      'Change since the previous edition: Test explanation of the change.',
    );
    expect(await b1.locator('ol.sources a').getAttribute('href')).toBe('https://example.org/hostile');
    expect(await page.getByTestId('no-narratives').count()).toBe(0);
    const kic9 = page.locator('#kic-KIC9');
    expect(await kic9.locator('> .badge').textContent()).toBe('yes');
    expect(await kic9.getByTestId('suggestion').locator('.badge').textContent()).toMatch(
      /^suggestion accepted /,
    );
    // The accepted answer carries the events' sources and an evidence link per event.
    expect(await kic9.locator('> ul.sources a').count()).toBeGreaterThan(0);
    expect(await kic9.locator('.evidence-link[data-kind="event"]').count()).toBe(2);
    await kic9.screenshot({ path: join(OUTPUT_DIR, 'country-kz-accepted-control-test-fixture-en.png') });
  });

  it('renders a hostile event title and summary as text', async () => {
    await open('/country/KZ?edition=2024');
    const hostile = page.locator('#ev-e2e-hostile');
    expect(await hostile.locator('.event-title').textContent()).toBe(
      '<img src=x onerror="window.__pwned=1">Hostile <b>title</b>',
    );
    expect(await hostile.locator('.event-summary').textContent()).toBe(
      '<script>window.__pwned=2</script>Hostile summary',
    );
    expect(await page.locator('ol.events img, ol.events b, ol.events script').count()).toBe(0);
    expect(
      await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
  });

  it('draws the survey’s 95 % intervals as error bars, with its sample size and source', async () => {
    await open('/country/KZ?edition=2024');
    const survey = page.locator('.survey[data-survey="e2e-survey"]');
    expect(await survey.locator('.error-bar').count()).toBe(2);
    expect(await survey.getByTestId('sample-size').textContent()).toBe('Sample size: 1,200');
    // 58 % of 1,200: ± 2.8 percentage points.
    expect(await survey.locator('.survey-answer[data-share="0.58"] text.value').textContent()).toBe(
      '58% ± 2.8 pp',
    );
    const low = Number(
      await survey.locator('.survey-answer[data-share="0.58"] .error-bar').getAttribute('data-low'),
    );
    expect(low).toBeCloseTo(0.552, 3);
    expect(await survey.locator('ol.sources a').getAttribute('href')).toBe('https://example.org/survey');
    await page.screenshot({
      path: join(OUTPUT_DIR, 'country-kz-evidence-test-fixtures-en.png'),
      fullPage: true,
    });
    await survey.screenshot({ path: join(OUTPUT_DIR, 'country-kz-survey-test-fixture-en.png') });
    await page
      .locator('.timeline-chart')
      .screenshot({ path: join(OUTPUT_DIR, 'country-kz-timeline-chart-test-fixtures-en.png') });
    await page
      .locator('ol.events > li[data-origin="measured"]')
      .screenshot({ path: join(OUTPUT_DIR, 'country-kz-measured-event-test-fixture-en.png') });
    await page
      .locator('#ev-e2e-hostile')
      .screenshot({ path: join(OUTPUT_DIR, 'country-kz-hostile-event-test-fixture-en.png') });
  });

  it('shows an evidence link with its figures then and now, and it lands on its measurements', async () => {
    await open('/country/KZ?edition=2024');
    const b1 = page.locator('#q-B1');
    const link = b1.locator('.evidence-link[data-kind="measurement_query"]');
    expect(await link.count()).toBe(1);
    expect(await link.locator('table.figures tbody tr').first().locator('td').allTextContents()).toEqual([
      '3',
      '3',
    ]);
    await page
      .locator('#q-B1')
      .screenshot({ path: join(OUTPUT_DIR, 'country-kz-indicator-test-fixture-en.png') });
    await link.locator('a').first().click();
    await page.waitForURL(/\/measurements\?/);
    await page.locator('table.results tbody tr').first().waitFor();
    expect(await page.locator('table.results tbody tr').count()).toBe(3);
    expect(pageErrors).toEqual([]);
    expect(consoleLines.filter((l) => /pwned/i.test(l))).toEqual([]);
  });

  it('has no serious or critical axe-core violations', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    // Our CSP forbids injected scripts, so the audit runs in a context that bypasses it.
    const context = await d.browser.newContext({ bypassCSP: true, viewport: { width: 1200, height: 900 } });
    const audit = await context.newPage();
    await audit.goto(`${d.url}/country/KZ?edition=2024`);
    await audit.locator('ol.events li[data-origin="measured"]').waitFor();
    await audit.waitForLoadState('networkidle');
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
    await context.close();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });
});
