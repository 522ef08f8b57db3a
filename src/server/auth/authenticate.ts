/**
 * Who a request acts as: an API token (`Authorization: Bearer nft_…`) or a session cookie, else nobody. A write
 * that comes with the session cookie must come from this server's own pages: its `Origin` must be this server's
 * (or, without one, `Sec-Fetch-Site: same-origin`), which is the CSRF defence (README "Sessions and CSRF").
 */
import type { MiddlewareHandler } from 'hono';
import { resolveToken } from '../../auth/api-tokens.js';
import { randomSecret } from '../../auth/secret-token.js';
import { resolveSession } from '../../auth/sessions.js';
import type { Principal } from '../../model/account.js';
import { ForbiddenError, UnauthorizedError } from '../../shared/errors.js';
import type { Store } from '../../store/store.js';
import { sessionSecret } from './session-cookie.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthenticateOptions {
  store: Store;
  /** The origin browsers see (`--public-url`), when the server sits behind a proxy; else the request's own. */
  publicUrl?: string;
  now: () => Date;
}

export function authenticate({ store, publicUrl, now }: AuthenticateOptions): MiddlewareHandler {
  return async (c, next) => {
    const requestId = `req-${randomSecret().slice(0, 16)}`;
    c.set('requestId', requestId);
    let principal: Principal | null = null;
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      principal = m ? await resolveToken(store, m[1]!, now()) : null;
      // A probe whose token was revoked must hear so, not be stored as anonymous without knowing.
      if (!principal)
        throw new UnauthorizedError('the API token is not valid (malformed, unknown, or revoked)');
    } else {
      const secret = sessionSecret(c);
      if (secret !== undefined) {
        const found = await resolveSession(store, secret, now());
        if (found) {
          if (!READS.has(c.req.method))
            checkOwnOrigin(c.req.header('origin'), c.req.header('sec-fetch-site'), publicUrl ?? c.req.url);
          const { user } = found;
          principal = { kind: 'session', name: user.name, role: user.role, countries: user.countries };
        }
      }
    }
    c.set('principal', principal);
    await next();
    c.header('X-Request-Id', requestId);
  };
}

/**
 * A cookie-authenticated write must name this server's origin. Browsers send `Origin` with every POST (and
 * `Sec-Fetch-Site`); a script that uses a session cookie must send `Origin` too.
 */
export function checkOwnOrigin(
  origin: string | undefined,
  fetchSite: string | undefined,
  ownUrl: string,
): void {
  if (origin !== undefined) {
    let same = false;
    try {
      same = new URL(origin).origin === new URL(ownUrl).origin;
    } catch {
      same = false;
    }
    if (!same)
      throw new ForbiddenError(
        `a signed-in write must come from this site's pages, not ${origin.slice(0, 100)}`,
      );
    return;
  }
  if (fetchSite !== 'same-origin')
    throw new ForbiddenError(
      "a signed-in write must come from this site's pages (no Origin header was sent)",
    );
}
