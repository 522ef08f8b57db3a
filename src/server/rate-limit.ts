/** A fixed-window rate limit per client, kept in memory only (client addresses are hashed and never stored). */
import { createHash, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
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

/** Limits requests per client; the key is a salted hash of the peer address so no address is kept. */
export function rateLimit({ max, windowMs, now = Date.now }: RateLimitOptions): MiddlewareHandler {
  const salt = randomBytes(16);
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const t = now();
    const key = createHash('sha256').update(salt).update(clientAddress(c)).digest('base64url');
    let w = windows.get(key);
    if (!w || t - w.start >= windowMs) {
      w = { start: t, count: 0 };
      windows.set(key, w);
      if (windows.size > 10_000) prune(windows, t, windowMs);
    }
    w.count += 1;
    if (w.count > max) {
      const retry = Math.max(1, Math.ceil((w.start + windowMs - t) / 1000));
      const { status, body } = toHttpError(new RateLimitedError(retry));
      return c.json(body, status, { 'Retry-After': String(retry) });
    }
    await next();
  };
}

function prune(windows: Map<string, { start: number }>, t: number, windowMs: number): void {
  for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
}

function clientAddress(c: Context): string {
  return peerAddress(c) ?? 'local';
}
