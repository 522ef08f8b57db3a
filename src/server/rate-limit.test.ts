import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { rateLimit } from './rate-limit.js';

describe('rateLimit', () => {
  it('allows max requests per window, then answers 429 with Retry-After, then allows again', async () => {
    let now = 1_000_000;
    const app = new Hono();
    app.post('/x', rateLimit({ max: 3, windowMs: 60_000, now: () => now }), (c) => c.json({ ok: true }));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await app.request('/x', { method: 'POST' })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await app.request('/x', { method: 'POST' });
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    now += 60_000;
    expect((await app.request('/x', { method: 'POST' })).status).toBe(200);
  });
});
