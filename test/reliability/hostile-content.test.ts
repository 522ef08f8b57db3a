/**
 * Hostile content in real Chromium: an XSS corpus planted through the API in measurements (blockpage bodies,
 * titles, headers, host names, failure strings), events, key developments, narratives, surveys, recommendations,
 * evidence links, sources and draft edits, then rendered by the measurement, search, domain, country and review
 * pages and the HTML report. Figures: payloads × places rendered; executions, dialogs, injected markup, CSP
 * refusals and CSP reports received (goal 0 each).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAssessments } from '../../src/assessment/bundled-data.js';
import { loadMethodology } from '../../src/assessment/methodology-loader.js';
import { addUser } from '../../src/auth/accounts.js';
import { createToken } from '../../src/auth/api-tokens.js';
import { CspReports } from '../../src/server/csp-reports.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { WEB_DIST } from '../../src/server/static-files.js';
import { dataPath } from '../../src/shared/paths.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { atLeast, type Figure, none, recordFigures, sized } from '../../testkit/reliability/figures.js';
import { type Planted, plantCorpus } from '../../testkit/reliability/hostile-plant.js';
import { type Payload, payloadIdsIn, xssCorpus } from '../../testkit/reliability/xss-corpus.js';
import { inspectPage, type Sightings, watchContext } from '../../testkit/reliability/xss-watch.js';
import { CHROMIUM } from '../e2e/dashboard-fixture.js';
import { testActing } from '../helpers/acting.js';

const PASSWORD = 'correct horse battery staple';
/** The hook's name: lower case (a host name is), unguessable by the page under test. */
const HOOK = `h${randomBytes(12).toString('hex')}`;
const corpus: Payload[] = xssCorpus(HOOK);
/** Payloads × places the run must show at least, or the zeros below would say little. */
const MIN_CELLS = sized(400, 500);
const SAMPLE = JSON.parse(
  readFileSync(
    dataPath('ooni', 'measurements', 'ooni-spec', 'ts-017-web-connectivity.example-output-sample.json'),
    'utf8',
  ),
) as Record<string, unknown>;

let dir: string;
let store: Store;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let planted: Planted;
const reports = new CspReports();
const seen: Sightings = { executions: [], dialogs: [], cspRefusals: [] };
/** The context that renders blockpages in the sandboxed viewer, watched with the same hook. */
const viewerSeen: Sightings = { executions: [], dialogs: [], cspRefusals: [] };
let viewerContext: BrowserContext;
/** Place → the corpus ids it showed. */
const rendered = new Map<string, Set<string>>();
const injected: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error(`the dashboard is not built (${WEB_DIST}): npm run build`);
  dir = mkdtempSync(join(tmpdir(), 'nf-hostile-'));
  store = await openStore(join(dir, 'hostile.duckdb'));
  const methodology = await loadMethodology();
  await seedAssessments(store, methodology, testActing('seed'));
  await addUser(store, testActing('root'), {
    name: 'ana',
    role: 'analyst',
    countries: ['KZ'],
    password: PASSWORD,
  });
  const { token } = await createToken(store, testActing('root'), {
    label: 'xss',
    user: 'ana',
    probe: null,
    role: 'analyst',
    countries: ['KZ'],
  });
  server = await startServer({ store, methodology, cspReports: reports, submissionsPerMinute: 10_000 }, 0);
  planted = await plantCorpus(
    (path, body, bearer) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
        body: JSON.stringify(body),
      }),
    token,
    corpus,
    SAMPLE,
    // The short run plants every payload everywhere, twelve to a record; the full one a record per payload.
    sized(12, 1),
  );
  // Narratives, events and key developments wait in the draft revision: a reviewer publishes it, so that the
  // public pages, the report and the feed render the corpus too.
  await addUser(store, testActing('root'), {
    name: 'rev',
    role: 'reviewer',
    countries: ['KZ'],
    password: PASSWORD,
  });
  const reviewer = await createToken(store, testActing('root'), {
    label: 'xss-review',
    user: 'rev',
    probe: null,
    role: 'reviewer',
    countries: ['KZ'],
  });
  for (const [step, bearer] of [
    ['submit', token],
    ['publish', reviewer.token],
  ] as const) {
    const res = await fetch(`${server.url}/api/v1/assessments/KZ/2024/${step}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: '{}',
    });
    if (!res.ok) throw new Error(`${step} of the planted revision: ${res.status} ${await res.text()}`);
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  context = await browser.newContext();
  await watchContext(context, HOOK, seen);
  viewerContext = await browser.newContext();
  await watchContext(viewerContext, HOOK, viewerSeen);
  // Payloads name hosts outside (images, styles, frames): nothing leaves the machine, so that a request the policy
  // lets through cannot hang on a network the test does not control and keep the page from going idle.
  for (const c of [context, viewerContext])
    await c.route(
      (url) => url.origin !== server.url,
      (route) => route.abort('blockedbyclient'),
    );
}, 120_000);

/** The figures, taken before the last test plants a violation of its own on purpose. */
let figures: Figure[] = [];

function takeFigures(): void {
  const cells = [...rendered.values()].reduce((n, ids) => n + ids.size, 0);
  figures = [
    { name: 'XSS payloads in the corpus', value: corpus.length, goal: '≥ 60', ok: corpus.length >= 60 },
    atLeast('XSS payloads × places rendered', cells, MIN_CELLS),
    ...[...rendered].map(([place, ids]) => ({
      name: `XSS payloads rendered: ${place}`,
      value: ids.size,
      goal: '> 0',
      ok: ids.size > 0,
    })),
    none('XSS executions (hook calls)', seen.executions.length + viewerSeen.executions.length),
    none('XSS dialogs opened', seen.dialogs.length + viewerSeen.dialogs.length),
    none('XSS injected markup (handlers, script URLs)', injected.length),
    none("CSP refusals in the dashboard's own documents", seen.cspRefusals.length),
    {
      name: 'hostile sources refused at input (not http(s))',
      value: planted.refused.length,
      goal: '—',
      ok: true,
    },
    {
      name: 'CSP refusals inside the sandboxed blockpage viewer',
      value: viewerSeen.cspRefusals.length,
      goal: '—',
      ok: true,
    },
    none('CSP reports received by the server', reports.total),
  ];
}

afterAll(async () => {
  await recordFigures('hostile-content', figures);
  await browser?.close();
  await server?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens `path` and records what it shows as `place`. */
async function visit(page: Page, place: string, path: string): Promise<void> {
  const res = await page.goto(`${server.url}${path}`);
  expect(res?.status(), place).toBe(200);
  await record(page, place);
}

async function record(page: Page, place: string, settled = true): Promise<void> {
  const { ids, injected: found } = await inspectPage(page, settled);
  rendered.set(place, new Set([...(rendered.get(place) ?? []), ...ids]));
  injected.push(...found.map((x) => `${place}: ${x}`));
}

describe('hostile content, rendered in Chromium', () => {
  it('is planted in every kind of record', () => {
    expect(planted.measurementUids.length).toBe(Math.ceil(corpus.length / 12) + planted.hostDomains.length);
    // Some routes refuse a source URL that is not http(s): a defence at input, counted, never a lost record.
    for (const refusal of planted.refused) expect(refusal).toMatch(/is not an http\(s\) URL/);
  });

  it('runs nothing on the measurement pages, as text or as the sandboxed blockpage', async () => {
    const page = await context.newPage();
    // The short run opens a few of them (every payload is in the search page's list); the full one all.
    for (const uid of planted.measurementUids.slice(0, sized(3, planted.measurementUids.length))) {
      const path = `/m/${encodeURIComponent(uid)}`;
      await visit(page, 'measurement page', path);
      // The blockpage rendered, in a context of its own: a refusal there is the CSP behind the sandbox, and the
      // page around it was just checked here.
      const viewer = await viewerContext.newPage();
      await visit(viewer, 'measurement page', path);
      await viewer.locator('.tabs button').nth(1).click();
      await viewer.waitForSelector('iframe.body-frame');
      await record(viewer, 'blockpage (sandboxed)', false);
      await viewer.close();
    }
    await visit(page, 'measurement search', '/measurements?probe_cc=KZ');
    await page.close();
    // Every host name's domain page, each in a page of its own.
    for (const domain of planted.hostDomains) {
      const own = await context.newPage();
      await visit(own, 'domain page', `/domain/${encodeURIComponent(domain)}`);
      await own.close();
    }
  }, 120_000);

  it('runs nothing on the country page (evidence, timeline, sources) nor in the HTML report; feed and Markdown inert', async () => {
    const page = await context.newPage();
    await visit(page, 'country page', '/country/KZ?edition=2024');
    await visit(page, 'HTML report', '/api/v1/countries/KZ/report?edition=2024&format=html');
    // The country's Atom feed, parsed by Chromium as feed readers parse it: well-formed, the corpus as text.
    const feed = await (await fetch(`${server.url}/feeds/KZ.atom`)).text();
    const parsed = (await page.evaluate(
      `(() => { const d = new DOMParser().parseFromString(${JSON.stringify(feed)}, 'application/xml');
        return { error: d.getElementsByTagName('parsererror').length, text: d.documentElement.textContent,
          elements: [...new Set([...d.getElementsByTagName('*')].map((e) => e.localName))] }; })()`,
    )) as { error: number; text: string; elements: string[] };
    expect(parsed.error).toBe(0);
    expect(parsed.elements.filter((e) => /^(script|img|svg|iframe|style|a|body|math)$/i.test(e))).toEqual([]);
    rendered.set('Atom feed', payloadIdsIn(parsed.text));
    // The Markdown report is rendered by others (a forge, an editor): no tag and no link of another scheme in it.
    const md = await (await fetch(`${server.url}/api/v1/countries/KZ/report?edition=2024&format=md`)).text();
    // The report's own markup is anchors, line breaks and autolinks; none of the corpus's tags may appear as tags.
    const tags =
      /<\s*(script|img|svg|iframe|style|body|math|details|input|video|source|form|object|embed|meta|base|link|noscript|template|xmp|listing|button|table|animate|set|foreignobject)\b|<[^>]*\son\w+\s*=/gi;
    expect(md.match(tags) ?? []).toEqual([]);
    expect(md.match(/\]\(\s*<?\s*(?!https?:)[a-z][a-z0-9+.-]*:/gi) ?? []).toEqual([]);
    rendered.set('Markdown report', payloadIdsIn(md));
    await page.close();
  }, 60_000);

  it('runs nothing on the review page of a signed-in analyst', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/login?next=${encodeURIComponent('/review/KZ/2024')}`);
    await page.fill('input[name=name]', 'ana');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form.login button[type=submit]');
    await page.waitForSelector('[data-testid=signed-in]');
    await visit(page, 'review page', '/review/KZ/2024');
    await page.close();
  }, 60_000);

  it('saw no execution, dialog, injected markup or CSP refusal, and the report endpoint received nothing', () => {
    takeFigures();
    expect([...seen.executions, ...viewerSeen.executions]).toEqual([]);
    expect([...seen.dialogs, ...viewerSeen.dialogs]).toEqual([]);
    expect(injected).toEqual([]);
    expect(seen.cspRefusals).toEqual([]);
    expect(reports.total).toBe(0);
    for (const [place, ids] of rendered) expect(ids.size, `${place} shows the corpus`).toBeGreaterThan(0);
    expect([...rendered.values()].reduce((n, ids) => n + ids.size, 0)).toBeGreaterThanOrEqual(MIN_CELLS);
  });

  it('would have seen one: a hook call, injected markup, and a CSP refusal reported to the endpoint', async () => {
    // The analyst signed in above in this context: a report from a signed-in page must arrive too (the cookie
    // goes with it, and a cookie-bearing POST must pass the CSRF check).
    expect((await context.cookies()).some((c) => c.name.endsWith('nf_session'))).toBe(true);
    const page = await context.newPage();
    await page.goto(`${server.url}/methodology`);
    await page.evaluate(`window.${HOOK}('control')`);
    await page.evaluate(
      `document.body.insertAdjacentHTML('beforeend', '<img src="/none.png" onerror="alert(1)">')`,
    );
    await expect.poll(() => reports.total, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(seen.executions.some((e) => e.startsWith('control'))).toBe(true);
    expect(seen.cspRefusals.length).toBeGreaterThan(0);
    expect((await inspectPage(page)).injected).toEqual(['<img onerror>']);
    await page.close();
  });
});
