/**
 * Writes only from the API's own clients: a browser page of another site must not make a visitor's browser write
 * to a netfreedom server (a form or fetch to a `serve` on localhost, say). Browsers say where a request comes
 * from (`Origin`, `Sec-Fetch-Site`); probes and scripts send neither, and are unaffected.
 */
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError } from '../shared/errors.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses (403) a write whose browser headers show it comes from another origin than this server's: the request's
 * own, or `publicUrl`'s when a proxy in front of the server terminates TLS.
 */
export function refuseCrossOrigin(publicUrl?: string): MiddlewareHandler {
  return async (c, next) => {
    if (READS.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none')
      throw new ForbiddenError(`writes are not accepted from another site's page (Sec-Fetch-Site: ${site})`);
    const origin = c.req.header('origin');
    if (origin !== undefined && !sameOrigin(origin, publicUrl ?? c.req.url))
      throw new ForbiddenError(`writes are not accepted from another origin (${origin.slice(0, 100)})`);
    return next();
  };
}

function sameOrigin(origin: string, url: string): boolean {
  try {
    return new URL(origin).origin === new URL(url).origin;
  } catch {
    return false; // "null" (a sandboxed frame, a file) or garbage
  }
}
