/** A fixed-window rate limit per client, kept in memory only (client addresses are hashed and never stored). */
import type { MiddlewareHandler } from 'hono';
import { ClientWindows } from '../shared/client-windows.js';
import { NetfreedomError } from '../shared/errors.js';
import { toHttpError } from './errors.js';
import { peerAddress } from './peer-address.js';

export class RateLimitedError extends NetfreedomError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', `too many requests; retry in ${retryAfterSeconds} s`);
  }
}

export interface RateLimitOptions {
  /** Requests allowed per window and client. */
  max: number;
  windowMs: number;
  now?: () => number;
}

/** Limits requests per client (ClientWindows: a salted hash of the peer address is the key, no address is kept). */
export function rateLimit({ max, windowMs, now = Date.now }: RateLimitOptions): MiddlewareHandler {
  const windows = new ClientWindows(max, windowMs, now);
  return async (c, next) => {
    const retry = windows.hit(peerAddress(c) ?? 'local');
    if (retry !== null) {
      const { status, body } = toHttpError(new RateLimitedError(retry));
      return c.json(body, status, { 'Retry-After': String(retry) });
    }
    await next();
  };
}
