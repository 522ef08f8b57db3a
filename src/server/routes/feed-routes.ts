/** Atom feeds: /feeds/all.atom, /feeds/{CC}.atom (a country), /feeds/domains/{domain}.atom (a site). */
import type { Context, Hono } from 'hono';
import { atomFeed, type FeedScope, feedEntries } from '../../report/atom-feeds.js';
import { NotFoundError } from '../../shared/errors.js';
import type { Store } from '../../store/store.js';

const DOMAIN = /^[a-z0-9]([a-z0-9-]{0,62}\.)+[a-z0-9-]{1,63}$/i;

/** Registers the feed routes on the app (outside /api/v1: feed readers want plain addresses). */
export function feedRoutes(app: Hono, store: Store, now: () => Date = () => new Date()): void {
  const answer = async (c: Context, scope: FeedScope) => {
    const xml = atomFeed(await feedEntries(store, scope), scope, new URL(c.req.url).origin, now());
    c.header('Content-Type', 'application/atom+xml; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(xml);
  };
  app.get('/feeds/domains/:file', (c) => {
    const domain = c.req.param('file').replace(/\.atom$/, '');
    if (!c.req.param('file').endsWith('.atom') || !DOMAIN.test(domain))
      throw new NotFoundError('expected /feeds/domains/{domain}.atom');
    return answer(c, { kind: 'domain', domain: domain.toLowerCase() });
  });
  app.get('/feeds/:file', (c) => {
    const file = c.req.param('file');
    if (file === 'all.atom') return answer(c, { kind: 'all' });
    const m = /^([A-Za-z]{2})\.atom$/.exec(file);
    if (!m)
      throw new NotFoundError('expected /feeds/all.atom, /feeds/{CC}.atom or /feeds/domains/{domain}.atom');
    return answer(c, { kind: 'country', country: m[1]!.toUpperCase() });
  });
}
