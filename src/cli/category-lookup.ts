/** The Citizen Lab category of a tested URL, from the bundled test lists: the country's list first, then global. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readList } from '../test-lists/read-list.js';
import { DEFAULT_LISTS_DIR } from '../test-lists/test-lists.js';

/** Normalised lookup key: lower-case, no trailing slash, scheme kept (lists distinguish http and https). */
function key(url: string): string {
  return url.trim().toLowerCase().replace(/\/+$/, '');
}

/** Loads every list once; the returned function is synchronous (ingest calls it per record). */
export async function loadCategoryLookup(
  dir = DEFAULT_LISTS_DIR,
): Promise<(input: string, cc: string) => string | null> {
  const byList = new Map<string, Map<string, string>>();
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => /^[a-z]{2}\.csv$|^global\.csv$/.test(f));
  } catch {
    return () => null;
  }
  for (const f of files) {
    const m = new Map<string, string>();
    for (const e of await readList(join(dir, f))) m.set(key(e.url), e.categoryCode);
    byList.set(f.replace(/\.csv$/, ''), m);
  }
  return (input, cc) => {
    const k = key(input);
    return byList.get(cc.toLowerCase())?.get(k) ?? byList.get('global')?.get(k) ?? null;
  };
}
