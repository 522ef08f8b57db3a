/**
 * The country report on the bundled data: Kazakhstan 2024 as the issue states it, provenance of every number in the
 * HTML and the Markdown (en, ru, kk), hostile strings kept as text, the simulated demo set marked, the legacy scale
 * converted and marked, error bars for a survey with a sample size, and a short honest report for a score alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../src/model/language.js';
import {
  buildReport,
  type CountryReport,
  compareCountries,
  compareEditions,
  NoReportError,
  renderComparisonHtml,
  renderComparisonMarkdown,
  renderHtml,
  renderMarkdown,
} from '../../src/report/index.js';
import { unreferencedNumbersHtml, unreferencedNumbersMarkdown } from './provenance.js';
import {
  HOSTILE_EVENT_TITLE,
  HOSTILE_SUMMARY,
  HOSTILE_TITLE_SHOWN,
  type ReportFixture,
  reportStore,
} from './report-fixture.js';

const NOW = () => new Date('2026-12-06T12:00:00Z');
let dir: string;
let fx: ReportFixture;
const reports = new Map<Lang, CountryReport>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nf-report-'));
  fx = await reportStore(dir);
  for (const lang of ['en', 'ru', 'kk'] as const)
    reports.set(lang, await buildReport(fx.store, fx.methodology, 'KZ', 2024, { lang, now: NOW }));
}, 60_000);
afterAll(async () => {
  await fx?.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const text = (html: string) => {
  const w = new Window();
  w.document.write(html);
  const doc = w.document;
  return { doc, text: doc.body.textContent ?? '', close: () => w.close() };
};

describe('the Kazakhstan 2024 report', () => {
  it('says 34/100, Not Free, A/B/C 12/12/10, with the key developments and the events of June 2023 – May 2024', () => {
    const r = reports.get('en')!;
    expect(r.status.total?.value).toBe(34);
    expect(r.status.status).toBe('Not Free');
    expect(r.categories.map((c) => [c.id, c.score?.value])).toEqual([
      ['A', 12],
      ['B', 12],
      ['C', 10],
    ]);
    expect(r.status.change?.previousEdition).toBe(2023);
    expect(r.status.change?.value.value).toBe(0);
    expect(r.keyDevelopments).toHaveLength(4);
    expect(r.keyDevelopments[0]?.text).toContain('online platforms');
    expect(r.events.length).toBeGreaterThanOrEqual(8);
    for (const e of r.events) expect(e.refs.length, e.id).toBeGreaterThan(0);
    expect(r.events.some((e) => e.id === 'kz-2022-01-shutdown')).toBe(false);
    const html = text(renderHtml(r));
    expect(html.text).toMatch(/34\s*\[1\]\s*\/\s*100/);
    expect(html.text).toContain('Not Free');
    expect(html.doc.querySelectorAll('section').length).toBe(11);
    html.close();
    const { markdown, files } = renderMarkdown(r);
    expect(markdown).toContain('| `A` Obstacles to Access | 12 [1] |');
    expect(markdown).toContain('| `C` Violations of User Rights | 10 [1] |');
    expect(files.map((f) => f.name)).toContain('KZ-2024-en-history.svg');
  });

  it('has a reference for every number in the HTML and the Markdown, in en, ru and kk', () => {
    for (const [lang, r] of reports) {
      expect(unreferencedNumbersHtml(renderHtml(r)), lang).toEqual([]);
      expect(unreferencedNumbersMarkdown(renderMarkdown(r).markdown), lang).toEqual([]);
    }
    const r = reports.get('en')!;
    // Every snapshot the body cites is printed with its time and figures.
    expect(r.snapshots.length).toBeGreaterThanOrEqual(5);
    for (const q of r.snapshots) {
      expect(q.computedAt).toBe('2026-12-06T12:00:00.000Z');
      expect(q.api).toMatch(/^\/api\/v1\//);
    }
    expect(r.snapshots[0]?.figures.find((f) => f.label === 'measurements')?.value).toBe(11);
  });

  it('the check fails on a bare number', () => {
    const html = renderHtml(reports.get('en')!).replace('</header>', '<p>42 sites blocked</p></header>');
    expect(unreferencedNumbersHtml(html)).toEqual(['42 sites blocked (in <p>)']);
    const md = renderMarkdown(reports.get('en')!).markdown.replace(
      '## Contents',
      'Blocked: 42 sites\n\n## Contents',
    );
    expect(unreferencedNumbersMarkdown(md)).toEqual(['Blocked: 42 sites']);
  });

  it('shows a hostile event summary, event title and blockpage title as text, running nothing', () => {
    const r = reports.get('en')!;
    expect(r.measured?.sites.find((s) => s.domain === 'hostile.demo.test')?.example?.pageTitle).toBe(
      HOSTILE_TITLE_SHOWN,
    );
    const html = renderHtml(r);
    const page = text(html);
    expect(page.doc.querySelectorAll('script, img, iframe, object, embed').length).toBe(0);
    expect(
      [...page.doc.querySelectorAll('*')].some((e) => [...e.attributes].some((a) => a.name.startsWith('on'))),
    ).toBe(false);
    expect(page.text).toContain(HOSTILE_SUMMARY);
    expect(page.text).toContain(HOSTILE_EVENT_TITLE);
    expect(page.text).toContain(HOSTILE_TITLE_SHOWN);
    page.close();
    expect([...html.matchAll(/<a [^>]*href="([^"]*)"/g)].every((m) => !/^javascript:/i.test(m[1]!))).toBe(
      true,
    );
    const { markdown } = renderMarkdown(r);
    expect(markdown).not.toMatch(/<script|<img|<\/td>/i);
    expect(markdown).toContain('&lt;script&gt;alert("summary")&lt;/script&gt;');
  });

  it('marks the simulated demo set wherever it is used, and says it lies outside the coverage period', () => {
    const r = reports.get('en')!;
    expect(r.measured?.simulated.value).toBe(11);
    expect(r.measured?.outsideCoverage).toBe(true);
    expect(r.snapshots.every((q) => q.includesSimulated)).toBe(true);
    const html = renderHtml(r);
    expect(html).toContain('class="simulated"');
    expect(html).toMatch(/SIMULATED DATA: <span class="fig">11<\/span>/);
    expect(renderHtml(reports.get('ru')!)).toContain('СИМУЛЯЦИЯ');
    expect(renderHtml(reports.get('kk')!)).toContain('СИМУЛЯЦИЯ');
    // The interception issuers of the demo set, and the measurement behind each blocked site.
    expect(r.measured?.issuers.map((i) => i.issuer)).toEqual([
      'Information Security Certification Authority (KZ)',
      'Qaznet Trust Network (2019 interception)',
    ]);
    expect(r.measured?.sites.find((s) => s.domain === 'meduza.io')?.techniques).toEqual(['tls_sni']);
  });

  it('converts the legacy scale in the chart and marks it; the table keeps the published figure', () => {
    const r = reports.get('en')!;
    const e2011 = r.history.find((h) => h.edition === 2011)!;
    expect([e2011.published.value, e2011.current.value, e2011.converted]).toEqual([55, 45, true]);
    expect(r.history.find((h) => h.edition === 2024)?.converted).toBe(false);
    const html = renderHtml(r);
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain('legacy scale, converted (100 − published)');
    expect(html).toMatch(/<td><span class="fig">55<\/span><sup class="ref">.*?<\/sup> ◇<\/td>/);
  });

  it('draws error bars for a survey with a sample size and says why there are none without one', () => {
    const r = reports.get('en')!;
    const vpn = r.surveys.find((s) => s.question.startsWith('Have you used a VPN'))!;
    expect(vpn.answers[0]?.low?.value).toBeCloseTo(0.3894, 3);
    expect(vpn.answers[0]?.high?.value).toBeCloseTo(0.4506, 3);
    const html = renderHtml(r);
    expect(html).toContain('<g stroke="#222" stroke-width="1.5">');
    expect(html).toContain('The source gives no sample size: no margin of error can be given.');
  });

  it('speaks Russian and Kazakh in its headings and fixed sentences', () => {
    const ru = renderHtml(reports.get('ru')!);
    const kk = renderHtml(reports.get('kk')!);
    expect(ru).toContain('<html lang="ru">');
    expect(ru).toContain('Свобода интернета: Казахстан');
    expect(ru).toContain('Данные измерений');
    expect(ru).toContain('Несвободная');
    expect(kk).toContain('Интернет еркіндігі: Қазақстан');
    expect(kk).toContain('Өлшем деректері');
    expect(kk).toContain('Еркін емес');
  });
});

describe('other reports', () => {
  it('is short and honest for a country with only a score', async () => {
    const r = await buildReport(fx.store, fx.methodology, 'AM', 2024, { now: NOW });
    expect(r.status.total?.value).toBe(74);
    expect(r.status.change).toBeNull();
    expect([r.keyDevelopments, r.keyControls, r.events, r.surveys, r.recommendations, r.snapshots]).toEqual([
      [],
      [],
      [],
      [],
      [],
      [],
    ]);
    expect(r.measured).toBeNull();
    const html = renderHtml(r);
    for (const line of [
      'No key developments are stored for this edition.',
      'No reported events are stored for the coverage period.',
      'No measurements of this country are stored for the coverage period.',
      'No surveys are stored for this edition.',
      'No recommendations are stored for this country.',
      'No measurement query was run for this report.',
    ])
      expect(html).toContain(line);
    expect(unreferencedNumbersHtml(html)).toEqual([]);
    const { markdown } = renderMarkdown(r);
    expect(unreferencedNumbersMarkdown(markdown)).toEqual([]);
    expect(markdown.split('\n').length).toBeLessThan(125);
    expect(markdown).not.toContain('legacy scale');
  });

  it('refuses an unknown edition or country, naming the editions there are', async () => {
    await expect(buildReport(fx.store, fx.methodology, 'KZ', 1999)).rejects.toThrow(NoReportError);
    await expect(buildReport(fx.store, fx.methodology, 'KZ', 1999)).rejects.toThrow(/editions: 2011, 2013/);
    await expect(buildReport(fx.store, fx.methodology, 'ZZ', 2024)).rejects.toThrow('no assessment of ZZ');
  });
});

describe('comparison reports', () => {
  it('--compare: countries side by side, one numbering of sources and snapshots, every number referenced', async () => {
    const c = await compareCountries(fx.store, fx.methodology, ['KZ', 'UZ', 'KG'], 2024, { now: NOW });
    expect(c.parts.map((p) => [p.country, p.status.total?.value])).toEqual([
      ['KZ', 34],
      ['UZ', 27],
      ['KG', 48],
    ]);
    const numbers = c.sources.map((s) => s.n);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(new Set(c.sources.map((s) => s.source.id)).size).toBe(c.sources.length);
    const html = renderComparisonHtml(c);
    expect(unreferencedNumbersHtml(html)).toEqual([]);
    expect(html.match(/<section id="sources">/g)).toHaveLength(1);
    expect(html).toContain('id="part-UZ-2024-breakdown"');
    const { markdown, files } = renderComparisonMarkdown(c);
    expect(unreferencedNumbersMarkdown(markdown)).toEqual([]);
    expect(files.map((f) => f.name)).toContain('KG-2024-en-history.svg');
  });

  it('--editions: the trend over a range, saying which editions have no assessment', async () => {
    const c = await compareEditions(fx.store, fx.methodology, 'KZ', 2016, 2019, { now: NOW, lang: 'ru' });
    expect(c.parts.map((p) => p.edition)).toEqual([2016, 2018, 2019]);
    expect(c.missing).toEqual([2017]);
    const html = renderComparisonHtml(c);
    expect(html).toContain('Оценки за эти выпуски не сохранены: <code>2017</code>.');
    expect(unreferencedNumbersHtml(html)).toEqual([]);
    await expect(compareEditions(fx.store, fx.methodology, 'KZ', 1990, 1995)).rejects.toThrow(NoReportError);
  });
});
