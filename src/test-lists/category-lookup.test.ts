import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCategoryLookup } from './category-lookup.js';

const HEADER = 'url,category_code,category_description,date_added,source,notes';
const row = (url: string, code: string) => `${url},${code},x,2024-01-01,test,`;

describe('category lookup over the bundled lists', async () => {
  const categoryOf = await loadCategoryLookup();

  it('matches a measured URL to the list whatever its scheme (rutor.org is https:// in ru.csv)', () => {
    expect(categoryOf('https://rutor.org/', 'RU')).toBe('FILE');
    expect(categoryOf('http://rutor.org/', 'RU')).toBe('FILE');
    // An empty path is the list's own "no trailing slash" case: the same URL.
    expect(categoryOf('http://rutor.org', 'RU')).toBe('FILE');
    expect(categoryOf('HTTP://RUTOR.ORG/', 'RU')).toBe('FILE');
  });

  it('falls back to global.csv, with the same rules', () => {
    expect(categoryOf('http://archive.org', 'ID')).toBe('HOST');
    expect(categoryOf('https://rus.azattyq.org/', 'KZ')).toBe('NEWS');
  });

  it('keeps www. apart, as the lists do (kz.csv has https://www.kaztag.kz/ only)', () => {
    expect(categoryOf('https://www.kaztag.kz/', 'KZ')).toBe('NEWS');
    expect(categoryOf('https://kaztag.kz/', 'KZ')).toBeNull();
  });
});

describe('category lookup precedence', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netfreedom-lists-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'xx.csv'),
    [
      HEADER,
      row('http://both.example/', 'NEWS'),
      row('https://both.example/', 'HUMR'),
      row('https://a.example/Path', 'GRP'),
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'global.csv'),
    [HEADER, row('http://a.example/', 'FILE'), row('https://g.example/', 'GMB')].join('\n'),
  );
  const categoryOf = await loadCategoryLookup(dir);

  it('prefers the URL as measured to its other-scheme twin', () => {
    expect(categoryOf('http://both.example/', 'XX')).toBe('NEWS');
    expect(categoryOf('https://both.example/', 'XX')).toBe('HUMR');
  });

  it("prefers an exact match in global.csv to another scheme's match in the country list", () => {
    expect(categoryOf('http://a.example/', 'XX')).toBe('FILE');
    expect(categoryOf('http://g.example/', 'XX')).toBe('GMB');
  });

  it('keeps the path as written: only scheme and host are case-insensitive, and only an empty path gains its slash', () => {
    expect(categoryOf('http://A.EXAMPLE/Path', 'XX')).toBe('GRP');
    expect(categoryOf('https://a.example/path', 'XX')).toBeNull();
    expect(categoryOf('https://a.example/Path/', 'XX')).toBeNull();
  });

  it('answers null for what is not a URL', () => {
    expect(categoryOf('not a url', 'XX')).toBeNull();
    expect(categoryOf('ftp://both.example/', 'XX')).toBeNull();
  });
});
