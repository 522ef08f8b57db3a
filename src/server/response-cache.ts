/**
 * An in-memory cache of GET answers, keyed by URL, cleared on every write. The server owns the store file
 * while it runs, so its own writes are the only ones: a cleared cache is never stale. An answer computed while
 * a write committed is not kept (it may predate the write).
 */
import type { MiddlewareHandler } from 'hono';

interface Entry {
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
}

export interface ResponseCache {
  middleware: MiddlewareHandler;
  /** Forgets everything (call after a write). */
  clear(): void;
  readonly size: number;
}

/** Least-recently-used cache bounded by entries and bytes; only 200 answers are kept. */
export function responseCache({ maxEntries = 1000, maxBytes = 64 * 1024 * 1024 } = {}): ResponseCache {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  /** Counts clears: an answer is kept only if no clear happened while it was computed. */
  let generation = 0;
  const clear = () => {
    entries.clear();
    bytes = 0;
    generation++;
  };
  const middleware: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const key = c.req.url;
    const hit = entries.get(key);
    if (hit) {
      entries.delete(key);
      entries.set(key, hit); // most recently used goes last
      const tag = hit.headers.find(([k]) => k === 'etag')?.[1];
      const wanted = c.req.header('if-none-match');
      if (tag && wanted?.split(/,\s*/).includes(tag)) {
        c.res = new Response(null, { status: 304, headers: [['etag', tag]] });
        return;
      }
      c.res = new Response(hit.body, { status: hit.status, headers: hit.headers });
      return;
    }
    const startedAt = generation;
    await next();
    if (c.res.status !== 200 || generation !== startedAt) return;
    const body = await c.res.clone().arrayBuffer();
    if (body.byteLength > maxBytes / 8) return;
    entries.set(key, { status: 200, headers: [...c.res.headers.entries()], body });
    bytes += body.byteLength;
    for (const [k, e] of entries) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      entries.delete(k);
      bytes -= e.body.byteLength;
    }
  };
  return {
    middleware,
    clear,
    get size() {
      return entries.size;
    },
  };
}
