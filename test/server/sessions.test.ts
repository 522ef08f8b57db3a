/**
 * Sign-in and sessions through the API: lockout that the person is told about, no user enumeration by message
 * or time, the cookie's flags, idle and absolute expiry, logout and password change ending sessions, CSRF from
 * another origin, token revocation.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN, SESSION } from '../../src/auth/auth-policy.js';
import { type AuthFixture, ORIGIN, PASSWORD, startAuthFixture } from './auth-fixture.js';

let f: AuthFixture;
beforeAll(async () => {
  f = await startAuthFixture();
}, 60_000);
afterAll(async () => f?.stop());
// Every test starts a new minute of the per-client sign-in limit (all test requests come from one client).
beforeEach(() => f.advance(61_000));

const login = (name: string, password: string) =>
  f.call('POST', '/api/v1/auth/login', { body: { name, password }, origin: ORIGIN });
const messageOf = async (res: Response) =>
  ((await res.json()) as { error: { message: string } }).error.message;

describe('sign-in', () => {
  it('answers the same to a wrong password, an unknown name and a disabled account', async () => {
    const wrong = await login('vic', 'not the password at all');
    const unknown = await login('nobody-here', 'not the password at all');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await messageOf(wrong)).toBe('wrong user name or password');
    expect(await messageOf(unknown)).toBe('wrong user name or password');
  });

  it('locks an account after repeated failures, tells the person until when, and refuses even the right password', async () => {
    const answers: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < LOGIN.failuresBeforeLockout; i++) {
      last = await login('ben', `wrong password number ${i}`);
      answers.push(last.status);
    }
    expect(answers).toEqual([...Array(LOGIN.failuresBeforeLockout - 1).fill(401), 429]);
    expect(await messageOf(last!)).toMatch(
      /too many failed sign-ins for this account: sign-in is locked until .* UTC/,
    );
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(60);
    const right = await login('ben', PASSWORD);
    expect(right.status).toBe(429);
    expect(right.headers.get('set-cookie')).toBeNull();
    // An unknown name locks the same way: a lockout says nothing about whether an account exists.
    f.advance(61_000);
    for (let i = 0; i < LOGIN.failuresBeforeLockout; i++) await login('ghost', 'wrong password here');
    expect((await login('ghost', 'wrong password here')).status).toBe(429);
    // Once the lockout has run out, the right password works again.
    f.advance(LOGIN.lockoutMs);
    expect((await login('ben', PASSWORD)).status).toBe(200);
  });

  it('takes as long for an unknown name as for a known one with a wrong password (a decoy argon2id check)', async () => {
    const time = async (name: string) => {
      const t = process.hrtime.bigint();
      await login(name, 'a wrong password for timing');
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    await time('rev2');
    await time('unknown-user'); // both paths warmed up
    const known: number[] = [];
    const unknown: number[] = [];
    // Alternating, so that load on the machine falls on both alike; nine of each, since another test file beside
    // this one can stretch any single sign-in. rev2 stays under the lockout's count (its right password clears
    // its failures) and the client under its per-minute limit (the clock moves on a minute between rounds).
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 3; i++) {
        known.push(await time('rev2'));
        unknown.push(await time(`unknown-${round}-${i}`));
      }
      expect((await login('rev2', PASSWORD)).status).toBe(200);
      f.advance(61_000);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknown) / median(known);
    // An unknown name without the decoy would answer in well under a millisecond, a tiny fraction of a check.
    expect(median(known)).toBeGreaterThan(5);
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });

  it('limits sign-in attempts per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN.attemptsPerClientPerMinute; i++)
      statuses.push((await login(`someone-${i}`, 'wrong password here')).status);
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    const refused = await login('vic', PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).not.toBeNull();
  });
});

describe('sessions', () => {
  it('live in an HttpOnly, SameSite=Lax cookie with Path=/ and no Secure flag over plain HTTP', async () => {
    const res = await login('vic', PASSWORD);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^nf_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(new RegExp(`; Max-Age=${SESSION.absoluteMs / 1000}`));
    expect(cookie).not.toMatch(/Secure/);
    // The store keeps only the secret's SHA-256.
    const secret = cookie.split(';')[0]!.split('=')[1]!;
    const stored = JSON.stringify(await f.store.documents.list('session'));
    expect(stored).not.toContain(secret);
  });

  it('are Secure, under the __Host- prefix, behind TLS', async () => {
    const tls = await startAuthFixture({ publicUrl: 'https://netfreedom.example' });
    try {
      const res = await tls.call('POST', '/api/v1/auth/login', {
        body: { name: 'vic', password: PASSWORD },
        origin: 'https://netfreedom.example',
      });
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^__Host-nf_session=/);
      expect(cookie).toMatch(/; Secure/);
      // Behind the proxy, the browser's origin is the public URL: a write naming the proxy's inside is refused.
      const cookieValue = cookie.split(';')[0]!;
      const me = await tls.call('POST', '/api/v1/tokens', {
        cookie: cookieValue,
        body: { label: 'x' },
        origin: 'https://netfreedom.example',
      });
      expect(me.status).toBe(200);
      const inside = await tls.call('POST', '/api/v1/tokens', {
        cookie: cookieValue,
        body: { label: 'x' },
        origin: ORIGIN,
      });
      expect(inside.status).toBe(403);
    } finally {
      await tls.stop();
    }
  });

  it('end after an idle hour, and twelve hours after sign-in however busy', async () => {
    const cookie = await f.signIn('vic');
    const me = () => f.call('GET', '/api/v1/auth/me', { cookie });
    expect((await me()).status).toBe(200);
    f.advance(SESSION.idleMs - 60_000);
    expect((await me()).status).toBe(200); // used: its idle time starts again
    f.advance(SESSION.idleMs + 1000);
    expect((await me()).status).toBe(401);

    const busy = await f.signIn('vic');
    for (let spent = 0; spent < SESSION.absoluteMs - SESSION.idleMs / 2; spent += SESSION.idleMs / 2) {
      f.advance(SESSION.idleMs / 2);
      expect((await f.call('GET', '/api/v1/auth/me', { cookie: busy })).status).toBe(200);
    }
    f.advance(SESSION.idleMs / 2 + 1000);
    expect((await f.call('GET', '/api/v1/auth/me', { cookie: busy })).status).toBe(401);
  });

  it('end at logout: the same cookie is refused afterwards', async () => {
    const cookie = await f.signIn('vic');
    const out = await f.call('POST', '/api/v1/auth/logout', { cookie, origin: ORIGIN });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/nf_session=;.*Max-Age=0/);
    expect((await f.call('GET', '/api/v1/auth/me', { cookie })).status).toBe(401);
  });

  it('all end when the password changes, and the old password stops working', async () => {
    const first = await f.signIn('rev2');
    const second = await f.signIn('rev2');
    const changed = await f.call('POST', '/api/v1/auth/password', {
      cookie: first,
      origin: ORIGIN,
      body: { current_password: PASSWORD, new_password: 'a brand new long passphrase' },
    });
    expect(changed.status).toBe(200);
    for (const cookie of [first, second])
      expect((await f.call('GET', '/api/v1/auth/me', { cookie })).status).toBe(401);
    expect((await login('rev2', PASSWORD)).status).toBe(401);
    expect((await login('rev2', 'a brand new long passphrase')).status).toBe(200);
    // A weak new password is refused with the rule it breaks.
    const weak = await f.call('POST', '/api/v1/auth/password', {
      cookie: await f.signIn('vic'),
      origin: ORIGIN,
      body: { current_password: PASSWORD, new_password: 'qwerty123456' },
    });
    expect(weak.status).toBe(400);
    expect(await messageOf(weak)).toMatch(/common passwords/);
  });
});

describe('CSRF', () => {
  it('refuses a signed-in write from another origin, or one without Origin nor Sec-Fetch-Site', async () => {
    const cookie = await f.signIn('ana');
    const body = { score: 1, justification: 'x', source_url: 'https://example.org/' };
    const path = '/api/v1/assessments/KZ/2024/questions/B3';
    const evil = await f.call('POST', path, { cookie, body, origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    const bare = await f.call('POST', path, { cookie, body });
    expect(bare.status).toBe(403);
    expect(await messageOf(bare)).toMatch(/no Origin header/);
    const sameSite = await f.call('POST', path, { cookie, body, headers: { 'sec-fetch-site': 'same-site' } });
    expect(sameSite.status).toBe(403);
    expect(await f.store.documents.get('review', 'KZ:2024')).toBeNull();
    const own = await f.call('POST', path, { cookie, body, origin: ORIGIN });
    expect(own.status).toBe(200);
    const fetchOwn = await f.call('POST', path, {
      cookie,
      body,
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(fetchOwn.status).toBe(200);
  });
});

describe('API tokens', () => {
  it('work until revoked, then every request with one is refused', async () => {
    const made = await f.call('POST', '/api/v1/tokens', {
      token: f.tokens.ana,
      body: { label: 'ci', role: 'viewer' },
    });
    const { token, id } = (await made.json()) as { token: string; id: string };
    expect(token).toMatch(/^nft_tok_/);
    expect((await f.call('GET', '/api/v1/reviews', { token })).status).toBe(200);
    // Scoped: a viewer token of an analyst may not edit.
    const edit = await f.call('POST', '/api/v1/assessments/KZ/2024/controls/KIC1', {
      token,
      body: { answer: 'no', evidence: 'x', source_url: 'https://example.org/' },
    });
    expect(edit.status).toBe(403);
    const listed = (await (await f.call('GET', '/api/v1/tokens', { token })).json()) as {
      items: { id: string; last_used_at: string | null }[];
    };
    expect(listed.items.find((t) => t.id === id)?.last_used_at).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(token.split('.')[1]);
    expect(
      (await f.call('POST', `/api/v1/tokens/${id}/revoke`, { token: f.tokens.ana, body: {} })).status,
    ).toBe(200);
    const after = await f.call('GET', '/api/v1/reviews', { token });
    expect(after.status).toBe(401);
    // Revoked by someone else: only its owner or an admin may.
    const other = (await (
      await f.call('POST', '/api/v1/tokens', { token: f.tokens.vic, body: { label: 'mine' } })
    ).json()) as { id: string };
    expect(
      (await f.call('POST', `/api/v1/tokens/${other.id}/revoke`, { token: f.tokens.ana, body: {} })).status,
    ).toBe(403);
  });

  it("stop working when their user is disabled, and never grant more than the user's role", async () => {
    const res = await f.call('POST', '/api/v1/tokens', {
      token: f.tokens.vic,
      body: { label: 'up', role: 'admin' },
    });
    expect(res.status).toBe(403);
    await f.call('POST', '/api/v1/users', {
      token: f.tokens.admin,
      body: { name: 'tess', role: 'analyst', countries: ['KZ'], password: 'temporary long passphrase' },
    });
    const cookie = await f.signIn('tess', 'temporary long passphrase');
    const { token } = (await (
      await f.call('POST', '/api/v1/tokens', { cookie, origin: ORIGIN, body: { label: 'x' } })
    ).json()) as { token: string };
    expect((await f.call('GET', '/api/v1/auth/me', { token })).status).toBe(200);
    await f.call('POST', '/api/v1/users/tess/disable', { token: f.tokens.admin, body: {} });
    expect((await f.call('GET', '/api/v1/auth/me', { token })).status).toBe(401);
    expect((await f.call('GET', '/api/v1/auth/me', { cookie })).status).toBe(401);
  });
});
