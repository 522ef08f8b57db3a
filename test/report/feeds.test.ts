/**
 * The Atom feeds, parsed by Chromium's XML parser and held to the rules of RFC 4287 that readers rely on: one id,
 * title and updated (RFC 3339) per feed and entry, unique ids, absolute links, a self link, an author; escaped
 * content read back as the original text; a change event created here appears in the country's feed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { HOSTILE_EVENT_TITLE, HOSTILE_SUMMARY, type ReportFixture, reportStore } from './report-fixture.js';

interface ParsedEntry {
  ids: string[];
  titles: string[];
  titleType: string | null;
  updated: string[];
  links: string[];
  summaryType: string | null;
  /** The title and summary as a reader shows them: the html decoded, its text. */
  titleText: string;
  summaryText: string;
  /** Elements a reader would build from the html (none for text). */
  markup: number;
}
interface ParsedFeed {
  error: string | null;
  ids: string[];
  titles: number;
  updated: string[];
  self: string | null;
  authors: number;
  entries: ParsedEntry[];
}

let dir: string;
let fx: ReportFixture;
let app: ReturnType<typeof createApp>;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nf-feeds-'));
  fx = await reportStore(dir);
  app = createApp({ store: fx.store, methodology: fx.methodology, webRoot: dir });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await fx?.store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Fetches a feed from the app and parses it in Chromium (the page's script is text: it runs in the browser). */
async function feed(path: string): Promise<ParsedFeed> {
  const res = await app.request(`http://observatory.test${path}`);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  const xml = await res.text();
  const page = await browser.newPage();
  try {
    return (await page.evaluate(`((text) => {
      const NS = 'http://www.w3.org/2005/Atom';
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const err = doc.getElementsByTagName('parsererror')[0];
      const kids = (el, name) =>
        [...el.children].filter((c) => c.namespaceURI === NS && c.localName === name);
      const shown = (html) => {
        const d = new DOMParser().parseFromString(\`<body>\${html}</body>\`, 'text/html');
        return { text: d.body.textContent ?? '', markup: d.body.querySelectorAll('*').length };
      };
      const root = doc.documentElement;
      return {
        error: err
          ? (err.textContent ?? 'parse error')
          : root.namespaceURI === NS && root.localName === 'feed'
            ? null
            : 'not an Atom feed',
        ids: kids(root, 'id').map((e) => e.textContent ?? ''),
        titles: kids(root, 'title').length,
        updated: kids(root, 'updated').map((e) => e.textContent ?? ''),
        self:
          kids(root, 'link')
            .find((l) => l.getAttribute('rel') === 'self')
            ?.getAttribute('href') ?? null,
        authors: kids(root, 'author').length,
        entries: kids(root, 'entry').map((entry) => {
          const title = kids(entry, 'title')[0];
          const summary = kids(entry, 'summary')[0];
          const t = shown(title?.textContent ?? '');
          const s = shown(summary?.textContent ?? '');
          return {
            ids: kids(entry, 'id').map((e) => e.textContent ?? ''),
            titles: kids(entry, 'title').map((e) => e.textContent ?? ''),
            titleType: title?.getAttribute('type') ?? null,
            updated: kids(entry, 'updated').map((e) => e.textContent ?? ''),
            links: kids(entry, 'link').map((l) => l.getAttribute('href') ?? ''),
            summaryType: summary?.getAttribute('type') ?? null,
            titleText: t.text,
            summaryText: s.text,
            markup: t.markup + s.markup,
          };
        }),
      };
    })(${JSON.stringify(xml)})`)) as ParsedFeed;
  } finally {
    await page.close();
  }
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function expectValid(f: ParsedFeed, self: string): void {
  expect(f.error).toBeNull();
  expect(f.ids).toHaveLength(1);
  expect(f.ids[0]).toMatch(/^urn:netfreedom:feed:/);
  expect(f.titles).toBe(1);
  expect(f.updated).toHaveLength(1);
  expect(f.updated[0]).toMatch(RFC3339);
  expect(f.self).toBe(`http://observatory.test${self}`);
  expect(f.authors).toBe(1);
  const ids = f.entries.map((e) => e.ids[0]);
  expect(new Set(ids).size).toBe(ids.length);
  for (const e of f.entries) {
    expect(e.ids, e.titleText).toHaveLength(1);
    expect(e.ids[0]).toMatch(/^urn:netfreedom:(change|assessment|event):/);
    expect(e.titles).toHaveLength(1);
    expect(e.updated).toHaveLength(1);
    expect(e.updated[0]).toMatch(RFC3339);
    expect(e.links.length).toBeGreaterThan(0);
    for (const l of e.links) expect(l).toMatch(/^http:\/\/observatory\.test\//);
    expect(e.markup, e.titleText).toBe(0);
  }
  // Newest first, and never newer than the feed.
  const times = f.entries.map((e) => e.updated[0]!);
  expect([...times].sort().reverse()).toEqual(times);
  if (times[0]) expect(f.updated[0]).toBe(times[0]);
}

describe('Atom feeds', () => {
  it('the country feed validates, carries a change event created here, and shows hostile text as text', async () => {
    await fx.store.measurements.putChanges('KZ', [
      {
        id: 'test-change-1',
        probeCc: 'KZ',
        probeAsn: 'AS64496',
        domain: 'meduza.io',
        kind: 'blocking_started',
        at: '2026-12-05T10:00:00Z',
        score: 4.2,
        method: 'cusum',
        measurementUids: ['a', 'b', 'c'],
      },
    ]);
    const f = await feed('/feeds/KZ.atom');
    expectValid(f, '/feeds/KZ.atom');
    const change = f.entries.find((e) => e.ids[0] === 'urn:netfreedom:change:test-change-1');
    expect(change?.titleText).toBe('KZ: blocking of meduza.io on AS64496 started (detected in measurements)');
    expect(change?.links[0]).toBe(
      'http://observatory.test/measurements?probe_cc=KZ&probe_asn=AS64496&domain=meduza.io&since=2026-12-05',
    );
    expect(f.entries[0]?.ids[0]).toBe('urn:netfreedom:change:test-change-1');
    const assessment = f.entries.find((e) => e.ids[0] === 'urn:netfreedom:assessment:KZ:2024');
    expect(assessment?.titleText).toBe('KZ 2024: 34/100, Not Free');
    expect(assessment?.links[0]).toBe('http://observatory.test/country/KZ?edition=2024');
    const hostile = f.entries.find((e) => e.ids[0] === 'urn:netfreedom:event:kz-test-hostile');
    expect(hostile?.titleType).toBe('html');
    expect(hostile?.titleText).toBe(`KZ 2024-03-01: ${HOSTILE_EVENT_TITLE}`);
    expect(hostile?.summaryText).toBe(HOSTILE_SUMMARY);
  }, 30_000);

  it('the domain feed has the domain changes only; the global feed every country; unknown feeds are 404', async () => {
    const d = await feed('/feeds/domains/meduza.io.atom');
    expectValid(d, '/feeds/domains/meduza.io.atom');
    expect(d.entries.map((e) => e.ids[0])).toEqual(['urn:netfreedom:change:test-change-1']);
    const all = await feed('/feeds/all.atom');
    expectValid(all, '/feeds/all.atom');
    expect(all.entries.length).toBeGreaterThan(60);
    expect(all.entries.some((e) => e.ids[0] === 'urn:netfreedom:assessment:AM:2024')).toBe(true);
    expect((await app.request('/feeds/KZX.atom')).status).toBe(404);
    expect((await app.request('/feeds/domains/%3Cscript%3E.atom')).status).toBe(404);
  }, 30_000);

  it('the HTML report announces its country feed', async () => {
    const res = await app.request(
      'http://observatory.test/api/v1/countries/KZ/report?edition=2024&format=html',
    );
    expect(await res.text()).toContain(
      '<link rel="alternate" type="application/atom+xml" title="netfreedom: KZ" href="http://observatory.test/feeds/KZ.atom">',
    );
  });
});
