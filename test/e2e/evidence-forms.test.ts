/**
 * The review page's forms for the other evidence kinds, in real Chromium: an analyst adds a key development (held in
 * the draft: in the reviewer's diff, not in the public API, its history an audit entry) and a recommendation (public
 * at once, its history too), searches measurements and links the query; each record's history opens on the page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/auth/accounts.js';
import { testActing } from '../helpers/acting.js';
import { type Dashboard, startDashboard } from './dashboard-fixture.js';

const PASSWORD = 'correct horse battery staple';
let d: Dashboard;

beforeAll(async () => {
  d = await startDashboard([], true);
  await addUser(d.store, testActing('root'), {
    name: 'ana',
    role: 'analyst',
    countries: ['KZ'],
    password: PASSWORD,
  });
}, 120_000);
afterAll(async () => d?.stop());

async function signIn(page: Page): Promise<void> {
  await page.goto(`${d.url}/login?next=${encodeURIComponent('/review/KZ/2024')}`);
  await page.fill('input[name=name]', 'ana');
  await page.fill('input[name=password]', PASSWORD);
  await page.click('form.login button[type=submit]');
  await page.waitForSelector('[data-testid=signed-in]');
}

/** The id a form says it saved (its refusal fails the test with the server's words). */
async function savedId(page: Page, form: string): Promise<string> {
  // Wait for the answer to this submit: an earlier "Required." may still be shown until it comes.
  const answer = page.locator(`form.${form} p.saved, form.${form} p.field-error`);
  await expect
    .poll(async () => ((await answer.count()) ? await answer.textContent() : ''), { timeout: 15_000 })
    .toMatch(/^(Saved|Refused)/);
  const text = (await answer.textContent())!;
  expect(text).toMatch(/^Saved: /);
  return text.slice('Saved: '.length);
}

/** Opens a record's history on the page and answers its text. */
async function historyOf(page: Page, entity: string): Promise<string> {
  const details = page.locator(`details.entity-history[data-entity="${entity}"]`);
  await details.locator('summary').click();
  await details.locator('table, p').first().waitFor();
  return (await details.textContent()) ?? '';
}

describe('evidence forms on the review page', () => {
  it('adds a key development into the draft, a recommendation in public, links a measurement query', async () => {
    const context = await d.browser.newContext();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await signIn(page);
      await page.goto(`${d.url}/review/KZ/2024`);

      const kd = page.locator('form.kd-form');
      await kd.locator('button[type=submit]').click();
      expect(await kd.locator('[role=alert]').textContent()).toBe('Required.');
      await kd.locator('textarea[name=text]').fill('Telegram was throttled for a week in March 2024.');
      await kd.locator('input[name=indicators]').fill('A3, B1');
      await kd.locator('input[name=source_url]').fill('https://example.org/telegram-throttled');
      await kd.locator('button[type=submit]').click();
      const id = await savedId(page, 'kd-form');
      expect(id).toMatch(/^kz-2024-kd-telegram-was-throttled/);

      // In the draft: the reviewer's diff shows it, the public does not see it, the analyst's list marks it.
      await page.waitForSelector(
        `[data-testid=held-evidence] tr[data-kind=key_development][data-id="${id}"]`,
      );
      const publicKds = (await (
        await fetch(`${d.url}/api/v1/assessments/KZ/2024/key-developments`)
      ).json()) as {
        items: { id: string }[];
      };
      expect(publicKds.items.map((k) => k.id)).not.toContain(id);
      const row = page.locator(`[data-kind=key_development] li[data-id="${id}"]`);
      expect(await row.locator('[data-testid=draft-mark]').textContent()).toBe('Draft');
      expect(await historyOf(page, `key_development:${id}`)).toMatch(/ana.*evidence\.key_development/s);
      expect(await page.textContent('[data-testid=review-history]')).toContain(`key development ${id}`);

      const rec = page.locator('form.rec-form');
      await rec.locator('input[name=addressee][value=government]').check();
      await rec.locator('textarea[name=text]').fill('Stop throttling messaging apps.');
      await rec.locator('input[name=source_url]').fill('https://example.org/recommendation');
      await rec.locator('button[type=submit]').click();
      const recId = await savedId(page, 'rec-form');
      const publicRecs = (await (await fetch(`${d.url}/api/v1/countries/KZ/recommendations`)).json()) as {
        items: { id: string }[];
      };
      expect(publicRecs.items.map((r) => r.id)).toContain(recId);
      await page.waitForSelector(`[data-kind=recommendation] li[data-id="${recId}"]`);
      expect(await historyOf(page, `recommendation:${recId}`)).toMatch(/ana.*evidence\.recommendation/s);

      const link = page.locator('form.link-form');
      await link.locator('select[name=target]').selectOption('B1');
      await link.locator('input[name=domain]').fill('rus.azattyq.org');
      await link.locator('button[name=search]').click();
      expect(await page.textContent('[data-testid=link-found]')).toMatch(
        /^\d+ measurements in the coverage period/,
      );
      await link.locator('button[type=submit]').click();
      const linkId = await savedId(page, 'link-form');
      await page.waitForSelector(`[data-kind=evidence_link] li[data-id="${linkId}"]`);
      expect(await historyOf(page, `evidence_link:${linkId}`)).toContain('evidence.evidence_link');
      // A bundled event's history: none written through the audit log (the package's own data).
      expect(await historyOf(page, 'event:kz-2022-01-shutdown')).toContain('No audit entry for this record.');
      // The revision's steps in the reader's language, not the English note.
      await page.goto(`${d.url}/review/KZ/2024?lang=ru`);
      expect(await (await page.waitForSelector('[data-testid=review-history]')).textContent()).toContain(
        `ключевое событие ${id}`,
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
