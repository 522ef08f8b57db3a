/**
 * The login, edit, review and history flow in real Chromium: an analyst signs in on the login page, edits a score
 * through the API from the signed-in page (the editing forms are tested in review-editing.test.ts), submits it; the
 * review page shows the draft and then "in review"; a reviewer signs in and publishes; the public assessment changes
 * only then; the history lists every step; signing out ends the session.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/auth/accounts.js';
import { testActing } from '../helpers/acting.js';
import { type Dashboard, OUTPUT_DIR, startDashboard } from './dashboard-fixture.js';

const PASSWORD = 'correct horse battery staple';
let d: Dashboard;

beforeAll(async () => {
  d = await startDashboard([]);
  await addUser(d.store, testActing('root'), {
    name: 'ana',
    role: 'analyst',
    countries: ['KZ'],
    password: PASSWORD,
  });
  await addUser(d.store, testActing('root'), {
    name: 'rev',
    role: 'reviewer',
    countries: [],
    password: PASSWORD,
  });
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

/** A write from the signed-in page, as the dashboard's editing UI will make it (same origin, the session cookie). */
function post(page: Page, path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ([p, b]) => {
      const res = await fetch(p as string, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(b),
      });
      return { status: res.status, json: await res.json() };
    },
    [path, body] as const,
  );
}

const publicB1 = async () => {
  const a = (await (await fetch(`${d.url}/api/v1/assessments/KZ/2024`)).json()) as {
    questions: { question_id: string; score: number | null }[];
  };
  return a.questions.find((q) => q.question_id === 'B1')?.score ?? null;
};

describe('accounts and review in the browser', () => {
  it('signs in, edits, submits, publishes by another reviewer, and shows the state and history', async () => {
    const analyst = await d.browser.newContext();
    const reviewer = await d.browser.newContext();
    try {
      const page = await analyst.newPage();
      // Signed out, the review page asks to sign in and the header offers it.
      await page.goto(`${d.url}/review/KZ/2024`);
      await page.getByText('Drafts and their review are for signed-in users.').waitFor();

      // A wrong password is refused on the page, with the server's words.
      await page.goto(`${d.url}/login`);
      await page.fill('input[name=name]', 'ana');
      await page.fill('input[name=password]', 'not the right password');
      await page.click('form.login button[type=submit]');
      expect(await (await page.waitForSelector('[role=alert]')).textContent()).toContain(
        'wrong user name or password',
      );

      await signIn(page, 'ana', '/review/KZ/2024');
      expect(await page.textContent('[data-testid=signed-in]')).toContain('ana (analyst)');
      const cookies = await analyst.cookies();
      expect(cookies.find((c) => c.name === 'nf_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      expect(await page.evaluate('document.cookie')).toBe(''); // no script can read the session

      const edit = await post(page, '/api/v1/assessments/KZ/2024/questions/B1', {
        score: 1,
        justification: 'SNI blocking of news sites',
        source_url: 'https://ooni.org/post/2024-kazakhstan-report/',
      });
      expect(edit.status).toBe(200);
      await page.goto(`${d.url}/review/KZ/2024`);
      expect(await page.getAttribute('[data-testid=review-state]', 'data-state')).toBe('draft');
      expect(await page.textContent('main')).toContain('SNI blocking of news sites');
      expect(await publicB1()).toBeNull();

      expect((await post(page, '/api/v1/assessments/KZ/2024/submit', {})).status).toBe(200);
      // The analyst may not publish (a reviewer's step).
      expect((await post(page, '/api/v1/assessments/KZ/2024/publish', {})).status).toBe(403);
      await page.reload();
      expect(await page.getAttribute('[data-testid=review-state]', 'data-state')).toBe('in_review');

      const other = await reviewer.newPage();
      await signIn(other, 'rev', '/review/KZ/2024');
      expect(
        (await post(other, '/api/v1/assessments/KZ/2024/publish', { comment: 'sources checked' })).status,
      ).toBe(200);
      await other.goto(`${d.url}/review/KZ/2024`);
      expect(await other.getAttribute('[data-testid=review-state]', 'data-state')).toBe('published');
      const history = await other.textContent('[data-testid=review-history]');
      for (const step of [
        'edited',
        'submitted for review',
        'published',
        'B1: unknown → 1',
        'sources checked',
      ])
        expect(history).toContain(step);
      await other.screenshot({ path: join(OUTPUT_DIR, 'review-published.png'), fullPage: true });
      expect(await publicB1()).toBe(1);

      // Signing out ends the session: the review page asks to sign in again.
      await page.goto(`${d.url}/`);
      await page.click('header .account button');
      await page.waitForSelector('header a.account');
      await page.goto(`${d.url}/review/KZ/2024`);
      // The page loads, then asks who is signed in: wait for its answer rather than read "Loading…".
      await page.getByText('Drafts and their review are for signed-in users.').waitFor();
    } finally {
      await analyst.close();
      await reviewer.close();
    }
  }, 90_000);
});
