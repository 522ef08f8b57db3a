/**
 * What a reader (and a screenshot of any part of a page) can take from the evidence pages, on the bundled data: every
 * figure drawn from simulated data carries the mark, "confirmed" means one thing and agrees with the counts beside it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dashboard, OUTPUT_DIR, startDashboard } from './dashboard-fixture.js';

let d: Dashboard;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  d = await startDashboard([], true);
  const context = await d.browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 120_000);

afterAll(async () => {
  await d?.stop();
});

/** Opens `path` and waits until `ready` shows and nothing is loading any more. */
async function open(path: string, ready: string): Promise<void> {
  await page.goto(`${d.url}${path}`);
  await page.locator(ready).first().waitFor();
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
}

/** The text of every element `selector` finds. */
function texts(selector: string): Promise<string[]> {
  return page.locator(selector).allTextContents();
}

describe('simulated data carries its mark wherever it is drawn', () => {
  it('on the Kazakhstan page with simulated data: every site, technique, network, bar and headline', async () => {
    await open('/country/KZ?simulated=1', 'table.blocked-sites');
    // The bundled KZ measurements are all simulated: nothing on the evidence part may look real.
    const rows = page.locator('table.blocked-sites tbody tr');
    expect(await rows.count()).toBe(8);
    expect(await rows.locator('.badge.simulated').count()).toBe(8);
    const techniques = page.locator('ul.techniques li');
    expect(await techniques.count()).toBeGreaterThan(0);
    expect(await techniques.locator('.badge.simulated').count()).toBe(await techniques.count());
    expect((await texts('ul.networks li')).join('\n')).toContain('10 measurements (of which 10 simulated)');
    expect(await page.locator('[data-testid="outcomes-summary"]').textContent()).toContain(
      '10 measurements (of which 10 simulated)',
    );
    // Every bar segment is hatched as simulated, and the legend says what the hatching means.
    const bars = page.locator('.outcomes svg a[data-outcome]');
    expect(await bars.count()).toBeGreaterThan(0);
    expect(await page.locator('.outcomes svg a[data-outcome][data-simulated="all"]').count()).toBe(
      await bars.count(),
    );
    expect(await page.locator('.outcomes rect.simulated-hatch').count()).toBe(await bars.count());
    expect(await page.locator('.outcomes .legend').textContent()).toContain('simulated');
  });

  it('without simulated data, nothing is marked simulated', async () => {
    await open('/country/RU', 'table.blocked-sites');
    // The checkbox that includes simulated data shows the badge it would bring; nothing else may.
    const badges = await page.locator('.evidence .badge.simulated').count();
    expect(badges - (await page.locator('.evidence .toggle .badge.simulated').count())).toBe(0);
    expect(await page.locator('.outcomes svg [data-simulated]').count()).toBe(0);
  });

  it('on the network, domain, explorer and measurement pages', async () => {
    await open('/network/AS64496?simulated=1', 'table.results');
    expect(await page.locator('[data-testid="network-counts"]').textContent()).toContain(
      '(of which 10 simulated)',
    );
    await open('/domain/www.facebook.com?simulated=1', 'table.results');
    expect(await page.locator('table.domain-countries tbody tr .badge.simulated').count()).toBe(1);
    await open('/measurements?probe_cc=KZ&simulated=1', 'table.results');
    const results = page.locator('table.results tbody tr');
    expect(await results.locator('.badge.simulated').count()).toBe(await results.count());
    const uid = await results.first().getAttribute('data-uid');
    await open(`/m/${uid}`, '[data-testid="verdict"]');
    // A screenshot of the heading, or of the verdict alone, still says it.
    expect(await page.locator('h1 .badge.simulated').count()).toBe(1);
    expect(await page.locator('[data-testid="verdict"] .badge.simulated').count()).toBe(1);
    expect(await page.locator('.simulated-banner').textContent()).toContain('not evidence');
  });
});

describe('"confirmed" means one thing on every page', () => {
  it("the Kazakhstan page's blocked-site badges agree with its per-network counts", async () => {
    await open('/country/KZ?simulated=1', 'table.blocked-sites');
    const confirmedBadges = await page.locator('table.blocked-sites .badge.confirmed').count();
    const tlsBadges = await page.locator('table.blocked-sites .badge.tls-confirmed').count();
    const networks = await page.locator('ul.networks li').evaluateAll((lis) =>
      lis.map((li) => ({
        confirmed: Number(li.getAttribute('data-confirmed')),
        tls: Number(li.getAttribute('data-tls-confirmed')),
        text: li.textContent ?? '',
      })),
    );
    const confirmed = networks.reduce((n, x) => n + x.confirmed, 0);
    const tls = networks.reduce((n, x) => n + x.tls, 0);
    // Each badge stands for at least one measurement of that kind, and each such measurement shows blocking, so
    // belongs to a blocked site: a badge without a count, or a count without a badge, contradicts the page.
    expect(confirmedBadges > 0).toBe(confirmed > 0);
    expect(tlsBadges > 0).toBe(tls > 0);
    expect(confirmedBadges).toBeLessThanOrEqual(confirmed);
    expect(tlsBadges).toBeLessThanOrEqual(tls);
    // The KZ demo data: four sites TLS-confirmed by netfreedom, none confirmed by OONI's fingerprints.
    expect([confirmedBadges, tlsBadges, confirmed, tls]).toEqual([0, 4, 0, 4]);
    // The networks say both, in the words the badges use.
    expect(networks.map((n) => n.text).join('\n')).toContain('4 TLS-confirmed (netfreedom)');
    expect(networks.map((n) => n.text).join('\n')).toContain('0 confirmed (OONI)');
    expect(await page.locator('table.blocked-sites .badge.tls-confirmed').first().textContent()).toBe(
      'TLS-confirmed (netfreedom)',
    );
  });

  it('a real OONI confirmation says it is OONI’s, on its site row and its measurement', async () => {
    await open('/country/RU', 'table.blocked-sites');
    const badge = page
      .locator('table.blocked-sites tr', { hasText: 'rutor.org' })
      .locator('.badge.confirmed');
    expect(await badge.textContent()).toBe('confirmed (OONI)');
    expect((await texts('ul.networks li')).join('\n')).toMatch(/[1-9]\d* confirmed \(OONI\)/);
  });
});

describe('"confirmed" on the explorer and the measurement page', () => {
  it('shows netfreedom’s TLS confirmation beside OONI’s outcome, and the verdict says whose confirmation it is', async () => {
    // The interception on a page that loaded: OONI's outcome ok, netfreedom's TLS check confirms it.
    await open('/measurements?domain=rutracker.org&probe_cc=KZ&simulated=1', 'table.results');
    const row = page.locator('table.results tbody tr').first();
    expect(await row.getAttribute('data-outcome')).toBe('ok');
    expect(await row.locator('.badge.tls-confirmed').textContent()).toBe('TLS-confirmed (netfreedom)');
    await open('/measurements?domain=rutor.org', 'table.results');
    const uid = await page.locator('table.results tbody tr').first().getAttribute('data-uid');
    await open(`/m/${uid}`, '[data-testid="verdict"]');
    expect(await page.getByTestId('verdict').textContent()).toContain('confirmed by OONI’s fingerprints');
  });
});

describe('measurements over time are drawn on a time axis', () => {
  it('spaces days by their dates, labels ticks with their year, and links every bar', async () => {
    // The bundled Russian measurements: 2020-03-03, 2020-03-04, 2020-10-29, 2022-11-09, 2023-01-21.
    await open('/country/RU', '.outcomes svg');
    const ticks = await texts('.outcomes svg text.tick');
    expect(ticks.filter((x) => /^\d{4}$/.test(x))).toEqual(['2021', '2022', '2023']);
    const x = async (day: string) =>
      Number(await page.locator(`.outcomes a[data-day="${day}"] rect.bar`).first().getAttribute('x'));
    // Three years on one chart: a bar per week (Monday first), said under the chart, and no two bars overlapping.
    expect(await page.locator('.outcomes .chart-period').textContent()).toBe(
      'One bar per week (Monday to Sunday, UTC).',
    );
    const [a, b, c] = [await x('2020-03-02'), await x('2020-10-26'), await x('2022-11-07')];
    // 238 days, then 742: drawn as gaps in proportion, not as the next categories.
    expect((c - b) / (b - a)).toBeCloseTo(742 / 238, 2);
    for (const href of await page
      .locator('.outcomes a[data-day]')
      .evaluateAll((as) => as.map((el) => el.getAttribute('href'))))
      expect(href).toMatch(/^\/measurements\?.*since=\d{4}-\d{2}-\d{2}&until=\d{4}-\d{2}-\d{2}/);
    // The week of 2020-03-02 holds the OONI-confirmed rutor.org measurement of 2020-03-03 and an anomaly of 03-04.
    expect(
      await page
        .locator('.outcomes a[data-day="2020-03-02"]')
        .evaluateAll((as) => as.map((el) => el.getAttribute('data-outcome'))),
    ).toEqual(['anomaly', 'confirmed']);
    expect(
      await page.locator('.outcomes a[data-day="2020-03-02"][data-outcome="confirmed"]').getAttribute('href'),
    ).toContain('since=2020-03-02&until=2020-03-09&outcome=confirmed');
  });

  it('writes the tick dates in the reader’s language, with the year', async () => {
    for (const [lang, year] of [
      ['en', /^Dec \d{1,2}, 2026$/],
      ['ru', /^\d{1,2} дек\. 2026 г\.$/],
      ['kk', /^2026 ж\. \d{1,2} желтоқсан$/],
    ] as const) {
      await open(`/country/KZ?simulated=1&lang=${lang}`, '.outcomes svg');
      const ticks = (await texts('.outcomes svg text.tick')).filter((x) => !/^\d+$/.test(x));
      expect(ticks.length, lang).toBeGreaterThan(0);
      for (const tick of ticks) expect(tick, lang).toMatch(year);
    }
  });
});

describe('the history says what each figure is, and what is missing', () => {
  it('marks the unbundled editions as gaps the line does not cross, and keeps the scales apart', async () => {
    await open('/country/KZ', '.history-legacy svg');
    const legacy = page.locator('.history-legacy');
    expect(
      await legacy.locator('[data-gap]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-gap'))),
    ).toEqual(['2009', '2012', '2017']);
    // Lines join only editions with nothing unbundled between them: 2011 stands alone.
    expect(
      await legacy
        .locator('path.series')
        .evaluateAll((ps) => ps.map((p) => `${p.getAttribute('data-from')}-${p.getAttribute('data-to')}`)),
    ).toEqual(['2013-2016']);
    expect(await legacy.locator('.history-notes').textContent()).toContain('Not bundled');
    expect(await legacy.locator('.history-notes').textContent()).toContain('2012');
    expect(await page.locator('.history-current [data-gap]').count()).toBe(0);
    // The two scales are two charts, each saying which way is freer.
    expect(await page.locator('.history-current figcaption').textContent()).toContain('higher is freer');
    expect(await legacy.locator('figcaption').textContent()).toContain('lower is freer');
  });

  it('says on the compare page and the map that the 2018 figure is a restatement', async () => {
    await open('/compare?edition=2018&countries=KZ', 'table.compare');
    const row = page.locator('table.compare tbody tr', { has: page.locator('a[href^="/country/KZ"]') });
    expect(await row.textContent()).toContain('restated in the 2019 edition');
    await open('/?edition=2018', 'table.data');
    const listed = page.locator('table.data tbody tr', { has: page.locator('a[href^="/country/KZ"]') });
    expect(await listed.textContent()).toContain('restated in the 2019 edition');
  });

  it('says where it is shown that the 2018 figure is the restatement published in 2019', async () => {
    await open('/country/KZ', '.history-current svg');
    const current = page.locator('.history-current');
    expect(await current.locator('[data-edition="2018"]').getAttribute('data-restated')).toBe('2019');
    expect(await current.locator('.history-notes').textContent()).toContain(
      '2018: Freedom House’s restatement of 2018 on the current scale, published in the 2019 edition',
    );
    // Chosen as the edition, the score itself says it.
    await open('/country/KZ?edition=2018', '[data-testid="total"]');
    expect(await page.locator('.score-header').textContent()).toContain('published in the 2019 edition');
  });

  it('marks a figure resting on a secondary source beside the figure, and the sources say what they are', async () => {
    await open('/country/KZ?edition=2025', '[data-testid="total"]');
    expect(await page.getByTestId('total').locator('.badge.source-secondary').textContent()).toBe(
      'rests on a secondary source',
    );
    const sources = (await texts('.score-header + .sources li, ul.sources li')).join('\n');
    expect(sources).toContain('Orda.kz');
    expect(sources).toContain('date accessed unknown');
    expect(sources).toContain('secondary source (a news report)');
    // On the chart: the 2025 figure is marked, and the note says what the mark means.
    const current = page.locator('.history-current');
    expect(await current.locator('[data-edition="2025"]').getAttribute('data-verification')).toBe(
      'secondary',
    );
    expect(await current.locator('.history-notes').textContent()).toContain('secondary source');
    // A primary source says so too.
    await open('/country/KZ?edition=2023', '[data-testid="total"]');
    expect((await texts('ul.sources li')).join('\n')).toContain('primary source (the publisher’s page)');
    expect(await page.getByTestId('total').locator('.badge').count()).toBe(0);
  });
});

/** The uid of the first measurement `query` finds through the API. */
async function uidOf(query: string): Promise<string> {
  const res = await fetch(`${d.url}/api/v1/measurements?${query}&limit=1`);
  const [first] = ((await res.json()) as { items: { measurement_uid: string }[] }).items;
  if (!first) throw new Error(`no measurement for ${query}`);
  return first.measurement_uid;
}

/** Each step of the waterfall: its kind, its label, whether it draws a bar, its time. */
function steps() {
  return page.locator('.waterfall li').evaluateAll((lis) =>
    lis.map((li) => ({
      kind: li.querySelector('.step-kind')?.textContent,
      label: li.querySelector('.step-label')?.textContent,
      bar: li.querySelectorAll('.step-bar').length,
      time: li.querySelector('.step-time')?.textContent,
    })),
  );
}

describe('the measurement page', () => {
  it('lists the 2020 rutor.org steps in the order of the request chain, without timings it does not have', async () => {
    await open(`/m/${await uidOf('domain=rutor.org')}`, '.waterfall li');
    expect(await steps()).toEqual([
      { kind: 'DNS', label: 'rutor.org', bar: 0, time: '–' },
      { kind: 'TCP', label: '5.61.49.61:80', bar: 0, time: '–' },
      { kind: 'HTTP', label: 'http://rutor.org/ → 302', bar: 0, time: '–' },
      { kind: 'HTTP', label: 'http://89.223.47.135/index.html → 200', bar: 0, time: '–' },
    ]);
    expect(await page.locator('main').textContent()).not.toContain('NaN');
  });

  it('shows the probe and the control side by side as a table, the raw JSON collapsed', async () => {
    await open(`/m/${await uidOf('domain=rutor.org')}`, 'table.probe-control');
    const rows = await page
      .locator('table.probe-control tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim())));
    expect(rows).toContainEqual(['DNS answers', '5.61.49.61', '5.61.49.61']);
    expect(rows).toContainEqual(['TCP 5.61.49.61:80', 'connected', 'connected']);
    expect(rows).toContainEqual(['HTTP status', '200', '200']);
    expect(rows.find((r) => r[0] === 'HTTP title')?.[2]).toBe('RUTOR.ORG');
    expect(rows.find((r) => r[0] === 'HTTP body length')?.[2]).toBe('4,864 bytes');
    // The probe's side is the response at the end of its redirects, as OONI compares it.
    expect(await page.locator('.probe-control caption').textContent()).toContain(
      'http://89.223.47.135/index.html',
    );
    expect(await page.locator('.probe-control pre').count()).toBe(0);
    // The blockpage is windows-1251, as its page declares: read as such, not as UTF-8.
    expect(await page.getByTestId('body-text').textContent()).toContain('заблокирован');
    expect(await page.locator('details:has(pre.raw)').getAttribute('open')).toBeNull();
  });

  it('orders the Indonesian archive.org steps by the redirect, the original request first', async () => {
    await open(`/m/${await uidOf('domain=archive.org&probe_cc=ID')}`, '.waterfall li');
    const http = (await steps()).filter((s) => s.kind === 'HTTP').map((s) => s.label);
    expect(http).toEqual(['http://archive.org → 302', 'http://lamanlabuh.aduankonten.id/ → 200']);
    // Ends without starts (t, no t0): each step's duration is unknown, so no bar claims one.
    expect((await steps()).every((s) => s.bar === 0 && s.time === '–')).toBe(true);
  });

  it('shows the neutral-SNI retry as a step after the handshake it repeats', async () => {
    await open(`/m/${await uidOf('domain=meduza.io&probe_cc=KZ&include_simulated=true')}`, '.waterfall li');
    const all = await steps();
    const tls = all.findIndex((s) => s.kind === 'TLS' && s.label === 'meduza.io @ 185.22.64.15:443');
    expect(tls).toBeGreaterThan(-1);
    expect(all[tls + 1]).toMatchObject({ kind: 'TLS', label: 'example.com @ 185.22.64.15:443', bar: 0 });
    expect(
      await page
        .locator('.waterfall li')
        .nth(tls + 1)
        .textContent(),
    ).toContain('retry with a neutral name');
    expect(all[tls + 1]!.time).toMatch(/^\d+ ms$/);
  });

  it('never leaves the technique out of a verdict', async () => {
    for (const q of ['domain=rutor.org', 'domain=archive.org&probe_cc=ID', 'probe_cc=RU&test_name=signal']) {
      const uid = await uidOf(q).catch(() => null);
      if (!uid) continue;
      await open(`/m/${uid}`, '[data-testid="verdict"]');
      const verdict = (await page.getByTestId('verdict').textContent()) ?? '';
      expect(verdict, q).not.toMatch(/\{technique\}|\(\)|: \.|by \./);
    }
  });
});

describe('the explorer', () => {
  it('filters by test and names what a test without a URL tested', async () => {
    await open('/measurements?test_name=signal', 'table.results');
    expect(await page.locator('select[name="test_name"]').inputValue()).toBe('signal');
    const headings = await texts('table.results thead th');
    expect(headings.slice(0, 5)).toEqual(['Time', 'Country', 'Network', 'Test', 'Input']);
    const rows = await page
      .locator('table.results tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim())));
    expect(rows.length).toBe(5);
    for (const row of rows) {
      expect(row[3]).toBe('signal');
      expect(row[4]).toBe('servers of the Signal app');
    }
  });

  it('names countries, in the filter as in the results, and says the times are UTC', async () => {
    await open('/measurements?probe_cc=ID', 'table.results');
    expect(await page.locator('select[name="probe_cc"] option:checked').textContent()).toBe('Indonesia');
    expect((await texts('table.results tbody td:nth-child(2)')).every((c) => c === 'Indonesia')).toBe(true);
    expect((await texts('table.results tbody td:first-child')).every((c) => c.endsWith(' UTC'))).toBe(true);
    expect(await page.locator('label:has(input[name="since"])').textContent()).toContain('UTC');
  });

  it('links OONI’s measurements to OONI Explorer (the API’s ooni_explorer_url), never netfreedom’s own', async () => {
    await open('/measurements?test_name=signal', 'table.results');
    const links = await page
      .locator('table.results tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-uid'),
          tr.querySelector('a.ooni-link')?.getAttribute('href') ?? null,
        ]),
      );
    for (const [uid, link] of links) {
      if (uid!.startsWith('h-')) expect(link, uid!).toBeNull();
      else expect(link, uid!).toBe(`https://explorer.ooni.org/m/${uid}`);
    }
    expect(links.some(([, link]) => link !== null)).toBe(true);
    // On a measurement's page: a legacy uid is OONI's too; an OONI record stored without one (OONI's raw archive
    // gives none) is linked by its report_id and input, which its raw record carries.
    await open('/m/01202003039e13e3e38be1918d3a64c2ec27ea22', '[data-testid="verdict"]');
    expect(await page.locator('a.ooni-link').getAttribute('href')).toBe(
      'https://explorer.ooni.org/m/01202003039e13e3e38be1918d3a64c2ec27ea22',
    );
    await open(`/m/${await uidOf('domain=archive.org&probe_cc=ID')}`, '[data-testid="verdict"]');
    expect(await page.locator('a.ooni-link').getAttribute('href')).toBe(
      'https://explorer.ooni.org/measurement/20250527T233104Z_webconnectivity_ID_23693_n1_Ukv1uRt9GZcoX2jT?input=http%3A%2F%2Farchive.org',
    );
    // netfreedom's own measurements (the simulated demo set) have none.
    await open(
      `/m/${await uidOf('domain=meduza.io&probe_cc=KZ&include_simulated=true')}`,
      '[data-testid="verdict"]',
    );
    expect(await page.locator('a.ooni-link').count()).toBe(0);
  });
});

describe('the network page', () => {
  it('names the network and its country from the bundled registry data, and charts its outcomes', async () => {
    await open('/network/AS42668', '[data-testid="network-registry"]');
    const registry = (await page.getByTestId('network-registry').textContent()) ?? '';
    expect(registry).toContain('Nevalink, LLC');
    expect(registry).toContain('Russia');
    await page.locator('.outcomes svg').waitFor();
    expect(await page.locator('.outcomes a[data-outcome="confirmed"]').count()).toBe(1);
  });

  it('names each network on a country page, and says the demo network is a documentation AS', async () => {
    await open('/country/KZ?simulated=1', 'ul.networks li .network-name');
    expect(await page.locator('ul.networks li').first().textContent()).toContain(
      'documentation AS (RFC 5398)',
    );
    await open('/country/RU', 'ul.networks li .network-name');
    const nevalink = page.locator('ul.networks li', { hasText: 'AS42668' });
    await nevalink.locator('.network-name').waitFor();
    expect(await nevalink.textContent()).toContain('Nevalink, LLC');
  });

  it('says a documentation AS is one, in every language', async () => {
    for (const [lang, words] of [
      ['en', 'documentation AS (RFC 5398)'],
      ['ru', 'AS для документации (RFC 5398)'],
      ['kk', 'құжаттамаға арналған AS (RFC 5398)'],
    ] as const) {
      await open(`/network/AS64496?simulated=1&lang=${lang}`, '[data-testid="network-registry"]');
      expect(await page.getByTestId('network-registry').textContent(), lang).toContain(words);
    }
  });
});

describe('ranks say what they rank among', () => {
  it('on the compare page and the map, in every language: the countries of this dataset, not the world', async () => {
    for (const [lang, kz] of [
      ['en', '14th of the 22 countries in this dataset'],
      ['ru', '14-е место из 22 стран в этом наборе данных'],
      ['kk', 'осы деректер жинағындағы 22 елдің ішінде 14-орын'],
    ] as const) {
      await open(`/compare?edition=2024&countries=KZ,RU&lang=${lang}`, 'table.compare');
      const row = page.locator('table.compare tbody tr', { has: page.locator('a[href^="/country/KZ"]') });
      expect(await row.locator('td').first().textContent(), lang).toBe(kz);
      await open(`/?edition=2024&lang=${lang}`, 'table.data');
      const listed = page.locator('table.data tbody tr', { has: page.locator('a[href^="/country/KZ"]') });
      expect(await listed.locator('td').first().textContent(), lang).toBe(kz);
    }
  });
});

describe('a figure on a secondary source is marked wherever it is shown', () => {
  it('on the compare page and in the map’s list', async () => {
    // KZ 2024 rests on ecoi.net's copy of Freedom House's page.
    await open('/compare?edition=2024&countries=KZ,RU', 'table.compare');
    const kz = page.locator('table.compare tbody tr', { has: page.locator('a[href^="/country/KZ"]') });
    expect(await kz.locator('.badge.source-secondary').textContent()).toBe('rests on a secondary source');
    await open('/?edition=2024', 'table.data');
    const listed = page.locator('table.data tbody tr', { has: page.locator('a[href^="/country/KZ"]') });
    expect(await listed.locator('.badge.source-secondary').count()).toBe(1);
  });
});

describe('no figure says more than its data', () => {
  it('draws no meter for a category score that is not known (an empty meter reads as 0)', async () => {
    // KZ 2018 is bundled as a total only: its categories are unknown.
    await open('/country/KZ?edition=2018', '[data-testid="total"]');
    expect(await page.locator('.category meter').count()).toBe(0);
    expect(await texts('.category > div:last-child')).toEqual(['– of 25', '– of 35', '– of 40']);
    await open('/country/KZ?edition=2024', '[data-testid="total"]');
    expect(await page.locator('.category meter').count()).toBe(3);
  });
});

describe('names where a name is meant', () => {
  it('names Citizen Lab categories in the reader’s language, the code kept in the tooltip', async () => {
    for (const [lang, news] of [
      ['en', 'News Media'],
      ['ru', 'Новостные СМИ'],
      ['kk', 'Жаңалық БАҚ-тары'],
    ] as const) {
      await open(`/country/KZ?simulated=1&lang=${lang}`, 'table.blocked-sites');
      const meduza = page.locator('table.blocked-sites tbody tr', { hasText: 'meduza.io' });
      expect(await meduza.locator('td').nth(1).textContent(), lang).toBe(news);
      expect(await meduza.locator('td').nth(1).locator('[title="NEWS"]').count(), lang).toBe(1);
      expect(
        await page.locator('.filters select').first().locator('option[value="NEWS"]').textContent(),
      ).toBe(news);
    }
  });

  it('gives the A/B/C columns of a comparison their names and maxima', async () => {
    await open('/compare?edition=2024&countries=KZ,RU', 'table.compare');
    const headings = await texts('table.compare thead th');
    expect(headings).toContain('A. Obstacles to Access (of 25)');
    expect(headings).toContain('B. Limits on Content (of 35)');
    expect(headings).toContain('C. Violations of User Rights (of 40)');
  });

  it('says a grey country on the map is not in this dataset, not that no data exists', async () => {
    await open('/?edition=2024', 'svg a[data-cc="KZ"]');
    const legend = (await page.locator('.map .legend').textContent()) ?? '';
    expect(legend).toContain('not in this dataset');
    expect(legend).not.toContain('No data');
    // The map's label of a figure on a secondary source says so too.
    expect(await page.locator('svg a[data-cc="KZ"]').getAttribute('aria-label')).toContain(
      'rests on a secondary source',
    );
  });
});

describe('words, not bare codes and numbers', () => {
  it('says who measured, and what a count of techniques counts', async () => {
    await open('/m/01202003039e13e3e38be1918d3a64c2ec27ea22', '[data-testid="verdict"]');
    expect(await page.locator('.meta').textContent()).toContain('measured by an OONI probe');
    await open('/country/KZ?simulated=1', 'ul.techniques');
    for (const item of await texts('ul.techniques li'))
      expect(item).toMatch(/: \d+ measurements? simulated$/);
  });

  it('links a simulated measurement to the list it belongs to, simulated data included', async () => {
    await open(
      `/m/${await uidOf('domain=meduza.io&probe_cc=KZ&include_simulated=true')}`,
      '[data-testid="verdict"]',
    );
    expect(await page.locator('.measurement-links a').first().getAttribute('href')).toContain('simulated=1');
  });
});

describe('screenshots for a reader to look at', () => {
  it('saves the pages this file checks, in test-output/', async () => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const shots: [string, string, string][] = [
      ['/country/KZ?simulated=1', 'table.blocked-sites', 'country-kz-simulated'],
      [`/m/${await uidOf('domain=archive.org&probe_cc=ID')}`, '.waterfall li', 'measurement-archive-org-id'],
      ['/m/01202003039e13e3e38be1918d3a64c2ec27ea22', '.waterfall li', 'measurement-rutor-ru-2020'],
      [
        `/m/${await uidOf('domain=meduza.io&probe_cc=KZ&include_simulated=true')}`,
        '.waterfall li',
        'measurement-sni-simulated',
      ],
      ['/measurements?simulated=1', 'table.results', 'explorer'],
      ['/network/AS42668', '.outcomes svg', 'network-as42668'],
      ['/network/AS64496?simulated=1', '.outcomes svg', 'network-as64496-simulated'],
      ['/domain/www.facebook.com?simulated=1', '.outcomes svg', 'domain-facebook-simulated'],
      ['/compare?edition=2024&countries=KZ,RU,KG,UZ', 'table.compare', 'compare'],
      ['/?edition=2024', 'svg a[data-cc="KZ"]', 'map'],
    ];
    for (const lang of ['en', 'ru', 'kk'])
      for (const [path, ready, name] of shots) {
        await open(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`, ready);
        await page.screenshot({ path: join(OUTPUT_DIR, `display-${name}-${lang}.png`), fullPage: true });
      }
  }, 240_000);
});

describe('no page error', () => {
  it('was raised by any page above', () => {
    expect(pageErrors).toEqual([]);
  });
});
