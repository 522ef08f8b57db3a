/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (no other site's form or fetch carries it),
 * Path=/, and Secure with the `__Host-` prefix when the server is reached over TLS.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION } from '../../auth/auth-policy.js';

/** Whether the browser reaches this server over TLS: the public URL says so, or the request came over https. */
export function servedOverTls(c: Context, publicUrl: string | undefined): boolean {
  return (publicUrl ?? c.req.url).startsWith('https:');
}

function cookieName(secure: boolean): string {
  return secure ? `__Host-${SESSION.cookie}` : SESSION.cookie;
}

/** The session secret the request carries, if any (either name: a server may have moved behind TLS). */
export function sessionSecret(c: Context): string | undefined {
  return getCookie(c, `__Host-${SESSION.cookie}`) ?? getCookie(c, SESSION.cookie);
}

export function setSessionCookie(c: Context, secret: string, maxAgeMs: number, secure: boolean): void {
  setCookie(c, cookieName(secure), secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, cookieName(secure), { path: '/', secure, httpOnly: true, sameSite: 'Lax' });
}
