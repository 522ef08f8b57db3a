/**
 * Editing and review in the dashboard, in real Chromium: an analyst changes a score on the review page with its
 * reason, source and the explanation a change against the previous edition needs (the server's refusal shown beside
 * the field first), and submits; an admin who edited the revision is refused publishing it, with the server's words;
 * a reviewer sees the diff (in en, ru and kk, screenshots saved) and publishes; the public country page then shows the
 * new score; an analyst of another country sees no edit form, and the server refuses their write.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analystSource, setQuestionScore } from '../../src/assessment/analyst-edits.js';
import { loadMethodology } from '../../src/assessment/methodology-loader.js';
import { reviewStep } from '../../src/assessment/revisions.js';
import { addUser } from '../../src/auth/accounts.js';
import { kk } from '../../web/src/i18n/messages-kk.js';
import { ru } from '../../web/src/i18n/messages-ru.js';
import { testActing } from '../helpers/acting.js';
import { type Dashboard, OUTPUT_DIR, startDashboard } from './dashboard-fixture.js';
import { catalogueLeftovers, englishWords, readerTexts } from './untranslated.js';

const PASSWORD = 'correct horse battery staple';
// Text an attacker could put in a reason: it must come out as text, never as markup.
const HOSTILE = '<img src=x onerror="document.title=`pwned`">';
let d: Dashboard;

beforeAll(async () => {
  d = await startDashboard([]);
  const root = testActing('root');
  for (const [name, role, countries] of [
    ['ana', 'analyst', ['KZ']],
    ['rev', 'reviewer', []],
    ['boss', 'admin', []],
    ['ivan', 'analyst', ['RU']],
  ] as const)
    await addUser(d.store, root, { name, role, countries: [...countries], password: PASSWORD });
  // The previous edition's B1, published: a 2024 score other than 4 needs an explanation.
  const methodology = await loadMethodology();
  await setQuestionScore(d.store, methodology, testActing('seed'), {
    country: 'KZ',
    edition: 2023,
    questionId: 'B1',
    score: 4,
    justification: 'blocking of a few news sites',
    source: analystSource('https://ooni.org/post/2023-kazakhstan/', '2024-01-10'),
  });
  await reviewStep(d.store, testActing('seed'), 'KZ', 2023, 'submit', null);
  await reviewStep(d.store, testActing('chief'), 'KZ', 2023, 'publish', null);
  d.wrote();
  mkdirSync(OUTPUT_DIR, { recursive: true });
}, 60_000);

afterAll(async () => d?.stop());

async function signIn(page: Page, name: string, next: string): Promise<void> {
  await page.goto(`${d.url}/login?next=${encodeURIComponent(next)}`);
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('form.login button[type=submit]');
  await page.waitForSelector('[data-testid=signed-in]');
}

/** Opens a question's form on the review page. */
async function openQuestion(page: Page, q: string) {
  await page.goto(`${d.url}/review/KZ/2024`);
  const details = page.locator(`.question-edits details[data-question=${q}]`);
  await details.locator('summary').click();
  return details.locator('form');
}

describe('editing and review in the dashboard', () => {
  it('edits with reason and explanation, submits, is reviewed in the diff and published', async () => {
    const contexts = await Promise.all([1, 2, 3, 4].map(() => d.browser.newContext()));
    try {
      const [analyst, admin, reviewer, other] = await Promise.all(contexts.map((c) => c.newPage()));
      const errors: string[] = [];
      for (const p of [analyst, admin, reviewer, other]) p!.on('pageerror', (e) => errors.push(e.message));

      // The admin edits B2 first: an author of the revision, who may then not publish it.
      await signIn(admin!, 'boss', '/review/KZ/2024');
      const b2 = await openQuestion(admin!, 'B2');
      await b2.locator('input[name=score]').fill('3');
      await b2.locator('textarea[name=reason]').fill('throttling of messaging apps');
      await b2.locator('input[name=source_url]').fill('https://example.org/b2');
      await b2.locator('button[type=submit]').click();
      await admin!.waitForSelector('[data-testid=review-state][data-state=draft]');

      await signIn(analyst!, 'ana', '/review/KZ/2024');
      const form = await openQuestion(analyst!, 'B1');
      expect(await form.locator('input[name=score]').getAttribute('max')).toBe('6');
      // A score beyond the question's maximum, then a change with no reason: refused on the page.
      await form.locator('input[name=score]').fill('7');
      await form.locator('button[type=submit]').click();
      expect(await form.locator('[data-field=score]').textContent()).toContain('from 0 to 6');
      await form.locator('input[name=score]').fill('2');
      await form.locator('button[type=submit]').click();
      expect(await form.locator('[data-field=reason]').textContent()).toBe('Required.');
      expect(await form.locator('[data-field=explanation]').textContent()).toBe('Required.');
      expect(await form.textContent()).toContain('Previous edition (2023): 4');
      // The server's refusal, beside the score: a source that is not http(s).
      await form.locator('textarea[name=reason]').fill(`SNI blocking of news sites ${HOSTILE}`);
      await form.locator('input[name=source_url]').fill('ftp://example.org/report');
      await form
        .locator('textarea[name=explanation]')
        .fill('More news sites were blocked by SNI than in 2023.');
      await form.locator('textarea[name=narrative]').fill('Authorities blocked independent news sites.');
      await form.locator('button[type=submit]').click();
      expect(await (await form.locator('[data-field=score]').elementHandle())!.textContent()).toContain(
        'is not an http(s) URL',
      );
      await analyst!.screenshot({ path: join(OUTPUT_DIR, 'review-edit-refused-en.png'), fullPage: true });
      await form.locator('input[name=source_url]').fill('https://ooni.org/post/2024-kazakhstan-report/');
      await form.locator('button[type=submit]').click();
      await analyst!.waitForSelector('[data-testid=review-diff] tr[data-question=B1]');
      expect(await analyst!.textContent('[data-testid=draft-banner]')).toContain('Draft: not published.');

      await analyst!.click('.review-actions button[name=submit]');
      await analyst!.waitForSelector('[data-testid=review-state][data-state=in_review]');
      // In review, nothing is editable and the analyst has no step left.
      expect(await analyst!.locator('.question-edits').count()).toBe(0);
      expect(await analyst!.locator('.review-actions button').count()).toBe(0);

      // The admin edited it: publishing is refused, with the server's words.
      await admin!.goto(`${d.url}/review/KZ/2024`);
      await admin!.click('.review-actions button[name=publish]');
      expect(await admin!.textContent('[data-field=step]')).toMatch(/^Refused: .*edited/);

      await signIn(reviewer!, 'rev', '/review/KZ/2024');
      await reviewer!.waitForSelector('[data-testid=review-diff]');
      const row = reviewer!.locator('[data-testid=review-diff] tr[data-question=B1]');
      expect(await row.locator('td').allTextContents()).toEqual([
        '4',
        'unknown',
        '→ 2',
        `SNI blocking of news sites ${HOSTILE}`,
        'More news sites were blocked by SNI than in 2023.',
      ]);
      expect(
        await reviewer!.locator('[data-testid=review-diff] tr[data-question=B2] td').nth(2).textContent(),
      ).toBe('→ 3');
      // The narrative the analyst wrote waits in the revision: the reviewer reads it in the diff.
      expect(
        await reviewer!
          .locator('[data-testid=held-evidence] tr[data-kind=narrative][data-id=kz-2024-b1]')
          .textContent(),
      ).toContain('Authorities blocked independent news sites.');
      expect(await reviewer!.locator('main img').count()).toBe(0);
      expect(await reviewer!.title()).not.toBe('pwned');
      expect(await reviewer!.textContent('.review-diff details summary')).toMatch(
        /^\d+ questions unchanged$/,
      );
      expect(await reviewer!.locator('.question-edits').count()).toBe(0);
      expect(await reviewer!.textContent('[data-testid=audit-history]')).toContain(
        'assessment.edit_question',
      );
      await reviewer!.screenshot({ path: join(OUTPUT_DIR, 'review-diff-en.png'), fullPage: true });
      for (const [lang, catalogue] of [
        ['ru', ru],
        ['kk', kk],
      ] as const) {
        await reviewer!.goto(`${d.url}/review/KZ/2024?lang=${lang}`);
        await reviewer!.waitForSelector('[data-testid=review-diff] tr[data-question=B1]');
        const texts = await readerTexts(reviewer!);
        const problems = texts.flatMap((text) => englishWords(text).map((w) => `${w} in "${text}"`));
        expect(problems, lang).toEqual([]);
        expect(catalogueLeftovers(texts, catalogue), lang).toEqual([]);
        await reviewer!.screenshot({ path: join(OUTPUT_DIR, `review-diff-${lang}.png`), fullPage: true });
      }

      await reviewer!.goto(`${d.url}/review/KZ/2024`);
      await reviewer!.fill('#review-comment', 'sources checked');
      await reviewer!.click('.review-actions button[name=publish]');
      await reviewer!.waitForSelector('[data-testid=review-state][data-state=published]');
      expect(await reviewer!.textContent('[data-testid=review-history]')).toContain('sources checked');

      // The public country page shows the new score.
      const reader = await contexts[3]!.browser()!.newContext();
      const pub = await reader.newPage();
      await pub.goto(`${d.url}/country/KZ?edition=2024`);
      const b1 = await (await pub.waitForSelector('article#q-B1')).textContent();
      expect(b1).toContain('2 of 6');
      // Its narrative went public with the revision.
      expect(b1).toContain('Authorities blocked independent news sites.');
      await pub.screenshot({ path: join(OUTPUT_DIR, 'review-published-country-en.png'), fullPage: true });
      await reader.close();

      // An analyst of another country: no edit form, no step, and the server refuses the write.
      await signIn(other!, 'ivan', '/review/KZ/2024');
      await other!.goto(`${d.url}/review/KZ/2024`);
      await other!.waitForSelector('[data-testid=no-edit]');
      expect(await other!.locator('.question-edits, .event-form, .control-edits').count()).toBe(0);
      const refused = await other!.evaluate(async () => {
        const res = await fetch('/api/v1/assessments/KZ/2024/questions/B1', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ score: 6, justification: 'x', source_url: 'https://example.org/' }),
        });
        return res.status;
      });
      expect(refused).toBe(403);
      expect(errors).toEqual([]);
    } finally {
      for (const c of contexts) await c.close();
    }
  }, 120_000);

  it('answers a key internet control, adds an event, rejects a suggestion, is returned with a comment; in ru and kk', async () => {
    const context = await d.browser.newContext();
    try {
      const page = await context.newPage();
      await signIn(page, 'ana', '/review/KZ/2024');
      // An edition whose coverage period is not known (the rules suggest nothing there) still opens.
      await page.goto(`${d.url}/review/KZ/2014`);
      await page.waitForSelector('[data-testid=review-diff]');
      await page.goto(`${d.url}/review/KZ/2024`);
      const kic = page.locator('.control-edits details').filter({ hasText: 'KIC3' });
      await kic.locator('summary').click();
      await kic.locator('select').selectOption('yes');
      await kic.locator('button[type=submit]').click();
      expect(await kic.locator('[role=alert]').textContent()).toBe('Required.');
      await kic.locator('textarea').fill('Nationwide shutdown in January 2022');
      await kic.locator('input[type=url]').fill('https://example.org/shutdown');
      await kic.locator('button[type=submit]').click();
      await page.waitForSelector('[data-testid=review-state][data-state=draft]');
      expect(await page.textContent('.control-edits')).toMatch(/KIC3[^:]*: yes/);
      expect(
        await page.locator('[data-testid=control-diff] tr[data-control=KIC3] td').allTextContents(),
      ).toEqual(['unknown', '→ yes', 'Nationwide shutdown in January 2022']);

      const event = page.locator('form.event-form');
      await event.locator('select[name=type]').selectOption('shutdown');
      await event.locator('input[name=start]').fill('2024-01-05');
      await event.locator('input[name=title]').fill('Mobile internet shut down in Almaty');
      await event.locator('textarea[name=summary]').fill('Mobile data was off for a day.');
      await event.locator('input[name=source_url]').fill('https://example.org/almaty');
      await event.locator('button[type=submit]').click();
      expect(await (await page.waitForSelector('form.event-form [role=status]')).textContent()).toBe(
        'Event saved in the draft: 2024-01-05-mobile-internet-shut-down-in-almaty',
      );
      // The event waits in the draft: not public, in the diff the reviewer reads, marked for signed-in readers.
      const timeline = (await (await fetch(`${d.url}/api/v1/countries/KZ/events`)).json()) as {
        items: { title: string }[];
      };
      expect(timeline.items.map((e) => e.title)).not.toContain('Mobile internet shut down in Almaty');
      expect(
        await page
          .locator('[data-testid=held-evidence] tr[data-kind=event]', {
            hasText: 'Mobile internet shut down',
          })
          .textContent(),
      ).toContain('Mobile data was off for a day.');
      const seen = (await page.evaluate(() =>
        fetch('/api/v1/countries/KZ/events?origin=reported').then((r) => r.json()),
      )) as { items: { title: string; review_state?: string }[] };
      expect(seen.items.find((e) => e.title === 'Mobile internet shut down in Almaty')?.review_state).toBe(
        'draft',
      );
      // The shutdown in the coverage period makes the rules suggest KIC3: the analyst rejects the suggestion.
      const suggestion = page.locator('[data-testid=suggestions] li[data-control=KIC3]');
      await suggestion.locator('button[name=reject]').click();
      await page
        .locator('[data-testid=suggestions] li[data-control=KIC3]', { hasText: 'rejected' })
        .waitFor();

      await page.click('.review-actions button[name=submit]');
      await page.waitForSelector('[data-testid=review-state][data-state=in_review]');
      const rev = await context.browser()!.newContext();
      try {
        const reviewer = await rev.newPage();
        await signIn(reviewer, 'rev', '/review/KZ/2024');
        await reviewer.goto(`${d.url}/review/KZ/2024`);
        await reviewer.click('.review-actions button[name=return]');
        expect(await reviewer.textContent('[data-field=step]')).toBe(
          'Returning needs a comment saying what to change.',
        );
        await reviewer.fill('#review-comment', 'cite the operator’s statement');
        await reviewer.click('.review-actions button[name=return]');
        await reviewer.waitForSelector('[data-testid=review-state][data-state=draft]');
        expect(await reviewer.textContent('[data-testid=review-history]')).toContain(
          'cite the operator’s statement',
        );
      } finally {
        await rev.close();
      }
      // The analyst's page with its forms, in every language: nothing left in English outside data.
      for (const [lang, catalogue] of [
        ['en', null],
        ['ru', ru],
        ['kk', kk],
      ] as const) {
        await page.goto(`${d.url}/review/KZ/2024?lang=${lang}`);
        await page.locator('.question-edits details[data-question=B1] summary').click();
        await page.locator('.control-edits details').first().locator('summary').click();
        if (catalogue) {
          const texts = await readerTexts(page);
          const problems = texts.flatMap((text) => englishWords(text).map((w) => `${w} in "${text}"`));
          expect(problems, lang).toEqual([]);
          expect(catalogueLeftovers(texts, catalogue), lang).toEqual([]);
        }
        await page.screenshot({ path: join(OUTPUT_DIR, `review-edit-${lang}.png`), fullPage: true });
      }
    } finally {
      await context.close();
    }
  }, 90_000);
});
