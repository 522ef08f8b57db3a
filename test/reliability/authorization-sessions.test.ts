/**
 * Sessions and CSRF against a server with accounts: every write carrying the session cookie from another origin
 * (or from no page at all) refused, a session planted before sign-in never becoming the signed-in one, a token
 * revoked through the API stopped at once, and the sign-in lockout. Figures: cells checked, failures (goal 0).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN } from '../../src/auth/auth-policy.js';
import { atLeast, none, recordFigures } from '../../testkit/reliability/figures.js';
import { type AuthFixture, ORIGIN, PASSWORD, startAuthFixture } from '../server/auth-fixture.js';
import { type ApiRoute, apiRoutes, fillPath } from '../server/openapi-routes.js';

let f: AuthFixture;
let routes: ApiRoute[];
const values = { name: 'nobody-here', edition: '2023' };
const failures: string[] = [];
const cells = { csrf: 0, sessions: 0 };

function check(kind: keyof typeof cells, ok: boolean, what: string): void {
  cells[kind] += 1;
  if (!ok) failures.push(`${kind}: ${what}`);
}

beforeAll(async () => {
  f = await startAuthFixture();
  routes = await apiRoutes((path) => f.call('GET', path));
}, 60_000);

afterAll(async () => {
  await recordFigures('authorization-sessions', [
    atLeast('CSRF cells (a write with the cookie, foreign or no origin)', cells.csrf, 100),
    atLeast('session fixation, revocation, lockout cells', cells.sessions, 10),
    none('sessions and CSRF: failures', failures.length),
  ]);
  await f?.stop();
});

describe('sessions and CSRF', () => {
  it('refuses every write that carries the session cookie from another origin, or from no page at all', async () => {
    const cookie = await f.signIn('admin');
    const before = (await f.store.audit.list()).length;
    const variants: Record<string, Record<string, string>> = {
      'another origin': { origin: 'http://evil.test' },
      'a sandboxed frame': { origin: 'null' },
      'same host, other port': { origin: 'http://nf.test:8081' },
      'no Origin, cross-site fetch': { 'sec-fetch-site': 'cross-site' },
      'no browser header at all': {},
    };
    for (const route of routes.filter((r) => r.method === 'POST'))
      for (const [name, headers] of Object.entries(variants)) {
        const res = await f.call('POST', fillPath(route, values), { cookie, body: {}, headers });
        check('csrf', res.status === 403, `${route.key} with the cookie from ${name}: ${res.status}`);
      }
    check('csrf', (await f.store.audit.list()).length === before, 'a refused write reached the audit log');
  });

  it('gives a new session at sign-in, never the one planted before it', async () => {
    f.advance(61_000);
    const planted = 'nf_session=attacker-chosen-session-id';
    const res = await f.call('POST', '/api/v1/auth/login', {
      cookie: planted,
      body: { name: 'ana', password: PASSWORD },
      origin: ORIGIN,
    });
    const given = res.headers.get('set-cookie')?.split(';')[0];
    check(
      'sessions',
      res.status === 200 && given !== undefined && given !== planted,
      `sign-in with a planted id: ${res.status} ${given}`,
    );
    check(
      'sessions',
      (await f.call('GET', '/api/v1/auth/me', { cookie: planted })).status === 401,
      'the planted id acts as someone',
    );
    // An attacker plants their own valid session; the victim signs in over it and gets another; the planted one
    // stays the attacker's and never becomes the victim's.
    const attackers = await f.signIn('vic');
    const victim = await f.call('POST', '/api/v1/auth/login', {
      cookie: attackers,
      body: { name: 'admin', password: PASSWORD },
      origin: ORIGIN,
    });
    const victims = victim.headers.get('set-cookie')?.split(';')[0];
    check('sessions', victims !== undefined && victims !== attackers, 'sign-in kept the planted session');
    const who = (c: string) =>
      f.call('GET', '/api/v1/auth/me', { cookie: c }).then((r) => r.json()) as Promise<{ name?: string }>;
    check('sessions', (await who(attackers)).name === 'vic', "the planted session became the victim's");
    check('sessions', (await who(victims!)).name === 'admin', "the victim's new session is not theirs");
    await f.call('POST', '/api/v1/auth/logout', { cookie: victims!, origin: ORIGIN });
    check(
      'sessions',
      (await f.call('GET', '/api/v1/auth/me', { cookie: victims! })).status === 401,
      'a session outlives logout',
    );
  });

  it('stops a token at once when it is revoked through the API', async () => {
    const made = await f.call('POST', '/api/v1/tokens', { token: f.tokens.ana!, body: { label: 'script' } });
    const { token: t, id } = (await made.json()) as { token: string; id: string };
    check(
      'sessions',
      (await f.call('GET', '/api/v1/reviews', { token: t })).status === 200,
      'a new token does not work',
    );
    const revoke = await f.call('POST', `/api/v1/tokens/${id}/revoke`, { token: f.tokens.ana! });
    check('sessions', revoke.status === 200, `revoking: ${revoke.status}`);
    for (const [method, path] of [
      ['GET', '/api/v1/reviews'],
      ['GET', '/api/v1/countries'],
      ['POST', '/api/v1/tokens'],
    ] as const)
      check(
        'sessions',
        (await f.call(method, path, { token: t, body: method === 'POST' ? { label: 'x' } : undefined }))
          .status === 401,
        `revoked token on ${method} ${path}`,
      );
  });

  it('locks a name after five failures, whatever its case or spaces, even against the right password', async () => {
    f.advance(61_000);
    const login = (name: string, password: string) =>
      f.call('POST', '/api/v1/auth/login', { body: { name, password }, origin: ORIGIN });
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN.failuresBeforeLockout; i++)
      statuses.push((await login('ben', 'wrong password')).status);
    check('sessions', statuses.join() === '401,401,401,401,429', `failures answered ${statuses.join()}`);
    check(
      'sessions',
      (await login(' BEN ', PASSWORD)).status === 429,
      'the lockout is passed by another spelling',
    );
    f.advance(LOGIN.lockoutMs + 1_000);
    check('sessions', (await login('ben', PASSWORD)).status === 200, 'the lockout does not end');
  });

  it('has no failure in any cell', () => {
    expect(failures).toEqual([]);
  });
});
