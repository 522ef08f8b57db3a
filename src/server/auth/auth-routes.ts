/** Signing in and out, who am I, changing one's password: the routes of sessions. */
import { z } from 'zod';
import { changeOwnPassword } from '../../auth/accounts.js';
import { actingAs } from '../../auth/acting.js';
import { LOGIN, SESSION } from '../../auth/auth-policy.js';
import type { LoginThrottle } from '../../auth/login-throttle.js';
import { createSession, endSession } from '../../auth/sessions.js';
import { signIn } from '../../auth/sign-in.js';
import type { Store } from '../../store/store.js';
import type { ApiRouter } from '../api-router.js';
import { doneJson, principalJson, signInJson, toPrincipalJson } from '../contract/account-json.js';
import { principalOf } from './route-access.js';
import { clearSessionCookie, servedOverTls, sessionSecret, setSessionCookie } from './session-cookie.js';

const TAG = 'accounts';

export interface AuthRouteOptions {
  store: Store;
  throttle: LoginThrottle;
  publicUrl?: string;
  now: () => Date;
}

/** Registers the session routes (the login route's per-client limit is mounted by the app). */
export function authRoutes(router: ApiRouter, { store, throttle, publicUrl, now }: AuthRouteOptions): void {
  router.route(
    {
      method: 'post',
      path: '/auth/login',
      summary: 'Sign in with a user name and password; sets the session cookie',
      tag: TAG,
      auth: 'public',
      requestBody: z.strictObject({ name: z.string().max(100), password: z.string().max(1024) }),
      response: signInJson,
      responses: {
        '401': 'wrong user name or password (the same answer whatever was wrong)',
        '429': `too many attempts from this client (${LOGIN.attemptsPerClientPerMinute} a minute), or the account is locked after ${LOGIN.failuresBeforeLockout} failures; see Retry-After`,
      },
    },
    async (c, { body }) => {
      const t = now();
      const user = await signIn(store, throttle, body.name, body.password, t);
      const { secret, expiresAt } = await createSession(store, user, t);
      setSessionCookie(c, secret, SESSION.absoluteMs, servedOverTls(c, publicUrl));
      const principal = {
        kind: 'session' as const,
        name: user.name,
        role: user.role,
        countries: user.countries,
      };
      return c.json({ user: toPrincipalJson(principal), expires_at: expiresAt.toISOString() });
    },
  );

  router.route(
    {
      method: 'post',
      path: '/auth/logout',
      summary: 'Sign out: the session ends on the server and the cookie is cleared',
      tag: TAG,
      auth: 'person',
      response: doneJson,
    },
    async (c) => {
      const secret = sessionSecret(c);
      const ended =
        principalOf(c)?.kind === 'session' && secret ? await endSession(store, secret, now()) : false;
      clearSessionCookie(c, servedOverTls(c, publicUrl));
      return c.json({
        done: ended ? 'session ended' : 'no session to end (an API token stays valid until revoked)',
      });
    },
  );

  router.route(
    {
      method: 'get',
      path: '/auth/me',
      summary: 'Who this request acts as (401 when anonymous)',
      tag: TAG,
      auth: 'person',
      response: principalJson,
    },
    (c) => c.json(toPrincipalJson(principalOf(c)!)),
  );

  router.route(
    {
      method: 'post',
      path: '/auth/password',
      summary: "Change one's own password; every session of the user ends (sign in again)",
      tag: TAG,
      auth: 'person',
      requestBody: z.strictObject({
        current_password: z.string().max(1024),
        new_password: z.string().max(1024),
      }),
      response: doneJson,
      responses: { '401': 'the current password is wrong' },
    },
    async (c, { body }) => {
      const p = principalOf(c)!;
      await changeOwnPassword(
        store,
        actingAs(p, c.get('requestId'), now),
        p.name,
        body.current_password,
        body.new_password,
      );
      clearSessionCookie(c, servedOverTls(c, publicUrl));
      return c.json({ done: 'password changed; every session of this user has ended' });
    },
  );
}
