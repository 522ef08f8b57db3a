/**
 * The review workflow through the API: an analyst edits, submits; a reviewer returns or publishes; nobody
 * publishes their own change; the public sees only published figures, signed-in readers the draft, marked;
 * a published edition changes only through a new revision; every step is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthFixture, startAuthFixture } from './auth-fixture.js';

let f: AuthFixture;
beforeAll(async () => {
  f = await startAuthFixture();
}, 60_000);
afterAll(async () => f?.stop());

const edit = (score: number, justification = 'SNI blocking of news sites') => ({
  score,
  justification,
  source_url: 'https://ooni.org/post/2024-kazakhstan-report/',
});
const json = async <T>(res: Response) => (await res.json()) as T;
type Assessment = { questions: { question_id: string; score: number | null }[]; review_state?: string };
type Revision = {
  revision: number;
  state: string;
  authors: string[];
  history: { action: string; actor: string }[];
};

const publicB1 = async () =>
  (await json<Assessment>(await f.call('GET', '/api/v1/assessments/KZ/2024'))).questions.find(
    (q) => q.question_id === 'B1',
  )?.score ?? null;

describe('review workflow', () => {
  it('goes draft → in review → returned → in review → published, each step by whom it may be', async () => {
    const B1 = '/api/v1/assessments/KZ/2024/questions/B1';
    const first = await f.call('POST', B1, { token: f.tokens.ana, body: edit(2) });
    expect(first.status).toBe(200);
    expect(await json<Revision>(first)).toMatchObject({ revision: 1, state: 'draft', authors: ['ana'] });

    // The public sees the published assessment; a signed-in reader sees the draft in its place, marked.
    expect(await publicB1()).toBeNull();
    const anon = await f.call('GET', '/api/v1/assessments/KZ/2024');
    expect(anon.headers.get('cache-control')).toMatch(/public/);
    expect(await json<Assessment>(anon)).not.toHaveProperty('review_state');
    const seen = await f.call('GET', '/api/v1/assessments/KZ/2024', { token: f.tokens.vic });
    expect(seen.headers.get('cache-control')).toBe('private, no-store');
    expect(await json<Assessment>(seen)).toMatchObject({
      review_state: 'draft',
      questions: [{ question_id: 'B1', score: 2 }],
    });
    // And the public answer, read after the signed-in one, is still the published one (no cache mixes them).
    expect(await publicB1()).toBeNull();
    expect((await f.call('GET', '/api/v1/assessments/KZ/2024/revision')).status).toBe(401);

    const submit = await f.call('POST', '/api/v1/assessments/KZ/2024/submit', {
      token: f.tokens.ana,
      body: {},
    });
    expect(await json<Revision>(submit)).toMatchObject({ state: 'in_review' });
    // In review, nobody edits it.
    const locked = await f.call('POST', B1, { token: f.tokens.ben, body: edit(3) });
    expect(locked.status).toBe(409);
    // A return needs a comment.
    expect(
      (
        await f.call('POST', '/api/v1/assessments/KZ/2024/return', {
          token: f.tokens.rev,
          body: { comment: '' },
        })
      ).status,
    ).toBe(400);
    const back = await f.call('POST', '/api/v1/assessments/KZ/2024/return', {
      token: f.tokens.rev,
      body: { comment: 'B1 needs a second source' },
    });
    expect(await json<Revision>(back)).toMatchObject({ state: 'draft' });

    // The admin edits too, then cannot publish what they changed; another reviewer can.
    await f.call('POST', B1, { token: f.tokens.admin, body: edit(1, 'second source: Access Now') });
    await f.call('POST', '/api/v1/assessments/KZ/2024/submit', { token: f.tokens.ana, body: {} });
    const self = await f.call('POST', '/api/v1/assessments/KZ/2024/publish', {
      token: f.tokens.admin,
      body: {},
    });
    expect(self.status).toBe(403);
    expect(((await self.json()) as { error: { message: string } }).error.message).toMatch(
      /nobody approves their own change: admin edited KZ 2024 revision 1/,
    );
    expect(await publicB1()).toBeNull();
    const published = await f.call('POST', '/api/v1/assessments/KZ/2024/publish', {
      token: f.tokens.rev,
      body: { comment: 'sources checked' },
    });
    expect(published.status).toBe(200);
    const r = await json<Revision>(published);
    expect(r).toMatchObject({ state: 'published', authors: ['ana', 'admin'] });
    expect(r.history.map((h) => [h.action, h.actor.split(' ')[0]])).toEqual([
      ['edit', 'ana'],
      ['submit', 'ana'],
      ['return', 'rev'],
      ['edit', 'admin'],
      ['submit', 'ana'],
      ['publish', 'rev'],
    ]);
    expect(await publicB1()).toBe(1);
  });

  it('keeps a published edition as published: an edit opens revision 2, and the public figure waits for its review', async () => {
    const res = await f.call('POST', '/api/v1/assessments/KZ/2024/questions/B1', {
      token: f.tokens.ben,
      body: edit(4),
    });
    expect(await json<Revision>(res)).toMatchObject({ revision: 2, state: 'draft', authors: ['ben'] });
    expect(await publicB1()).toBe(1);
    // Publishing is for revisions in review only: the published one cannot be "re-published" around review.
    expect(
      (await f.call('POST', '/api/v1/assessments/KZ/2024/publish', { token: f.tokens.rev, body: {} })).status,
    ).toBe(409);
    const reviews = await json<{ items: { country: string; edition: number; state: string }[] }>(
      await f.call('GET', '/api/v1/reviews', { token: f.tokens.vic }),
    );
    expect(reviews.items).toContainEqual(
      expect.objectContaining({ country: 'KZ', edition: 2024, state: 'draft' }),
    );
  });

  it('records every step in the audit log with who, what, before and after, why and the request id', async () => {
    const log = await json<{
      items: {
        action: string;
        actor: string;
        entity: string;
        reason: string | null;
        request_id: string | null;
        before: unknown;
        after: unknown;
      }[];
    }>(await f.call('GET', '/api/v1/audit?entity=assessment:KZ:2024', { token: f.tokens.vic }));
    const actions = log.items.map((e) => e.action).reverse();
    expect(actions).toEqual([
      'assessment.import',
      'assessment.edit_question',
      'review.submit',
      'review.return',
      'assessment.edit_question',
      'review.submit',
      'review.publish',
      'assessment.edit_question',
    ]);
    const ret = log.items.find((e) => e.action === 'review.return')!;
    expect(ret.reason).toBe('B1 needs a second source');
    expect(ret.request_id).toMatch(/^req-/);
    const firstEdit = log.items.filter((e) => e.action === 'assessment.edit_question').at(-1)!;
    expect(firstEdit.before).toBeNull();
    expect(firstEdit.after).toMatchObject({ revision: 1, question: { questionId: 'B1', score: 2 } });
    const publish = log.items.find((e) => e.action === 'review.publish')!;
    expect(publish.actor).toMatch(/^rev \(token tok_/);
    // The audit log is for signed-in users only.
    expect((await f.call('GET', '/api/v1/audit')).status).toBe(401);
  });
});
