/** The Citizen Lab category of a tested URL, from the bundled test lists: the country's list first, then global. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readList } from './read-list.js';
import { DEFAULT_LISTS_DIR } from './test-lists.js';

/**
 * A URL as the lists compare it, without its scheme: lower-case host (and port), the path and query as
 * written. WHATWG parsing gives an empty path its "/", the lists' own rule (lint-lists.py refuses
 * `https://example.com` for its missing slash and `--fix-slash` appends it). `www.` is kept: the lists hold
 * `https://example.com/` and `https://www.example.com/` as two URLs, which may carry different categories.
 */
function parts(url: string): { scheme: string; rest: string } | null {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return { scheme: u.protocol, rest: `${u.host}${u.pathname}${u.search}` };
}

/** One list: categories by the URL as listed, and by the URL whatever its scheme (the first row wins). */
interface ListIndex {
  exact: Map<string, string>;
  anyScheme: Map<string, string>;
}

/**
 * Loads every list once; the returned function is synchronous (ingest calls it per record). A measured URL
 * takes the category of the same URL (country list, then global.csv); failing that, of the same URL under the
 * other scheme (OONI probes measured `http://rutor.org/` while ru.csv now lists `https://rutor.org/`).
 */
export async function loadCategoryLookup(
  dir = DEFAULT_LISTS_DIR,
): Promise<(input: string, cc: string) => string | null> {
  const byList = new Map<string, ListIndex>();
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => /^[a-z]{2}\.csv$|^global\.csv$/.test(f));
  } catch {
    return () => null;
  }
  for (const f of files) {
    const index: ListIndex = { exact: new Map(), anyScheme: new Map() };
    for (const e of await readList(join(dir, f))) {
      const p = parts(e.url);
      if (!p) continue;
      if (!index.exact.has(p.scheme + p.rest)) index.exact.set(p.scheme + p.rest, e.categoryCode);
      if (!index.anyScheme.has(p.rest)) index.anyScheme.set(p.rest, e.categoryCode);
    }
    byList.set(f.replace(/\.csv$/, ''), index);
  }
  return (input, cc) => {
    const p = parts(input);
    if (!p) return null;
    const lists = [byList.get(cc.toLowerCase()), byList.get('global')];
    for (const list of lists) {
      const hit = list?.exact.get(p.scheme + p.rest);
      if (hit !== undefined) return hit;
    }
    for (const list of lists) {
      const hit = list?.anyScheme.get(p.rest);
      if (hit !== undefined) return hit;
    }
    return null;
  };
}
