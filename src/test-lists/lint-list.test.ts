import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp.js';
import { urlProblems } from './lint-list.js';
import { DEFAULT_LISTS_DIR, selectUrls, validateLists } from './test-lists.js';

const HEADER = 'url,category_code,category_description,date_added,source,notes';

/** A country list `xx.csv` beside the bundled legend and global.csv, with the given rows. */
function listWith(rows: string[], name = 'xx.csv'): string {
  const dir = tempDir('nf-lists-');
  for (const f of ['00-LEGEND-new_category_codes.csv', 'global.csv'])
    copyFileSync(join(DEFAULT_LISTS_DIR, f), join(dir, f));
  const file = join(dir, name);
  writeFileSync(file, `${[HEADER, ...rows].join('\n')}\n`);
  return file;
}

const reasons = async (rows: string[]) =>
  (await validateLists([listWith(rows)])).map((p) => `${p.line}: ${p.reason}`);

describe('test-list lint rules', () => {
  it('passes the bundled lists', async () => {
    const files = ['kz.csv', 'ru.csv', 'cis.csv', 'global.csv'].map((f) => join(DEFAULT_LISTS_DIR, f));
    expect(await validateLists(files)).toEqual([]);
  });

  it('accepts a valid row', async () => {
    expect(await reasons(['https://vlast.kz/,NEWS,News Media,2019-03-01,ifkz,"blocked, sometimes"'])).toEqual(
      [],
    );
  });

  it('requires the exact header', async () => {
    const file = listWith([]);
    writeFileSync(file, 'url,category,category_description,date_added,source,notes\n');
    expect((await validateLists([file]))[0]).toMatchObject({
      file,
      line: 1,
      reason: expect.stringContaining('header must be exactly'),
    });
  });

  it('requires exactly 6 columns', async () => {
    expect(await reasons(['https://vlast.kz/,NEWS,News Media,2019-03-01,ifkz'])).toEqual([
      '2: expected 6 columns, found 5',
    ]);
  });

  it('requires an http(s) URL with a non-empty path', async () => {
    expect(
      await reasons([
        'ftp://vlast.kz/,NEWS,News Media,2019-03-01,,',
        'https://vlast.kz,NEWS,News Media,2019-03-01,,',
      ]),
    ).toEqual([
      '2: "ftp://vlast.kz/" is not a valid http(s) URL',
      '3: URL https://vlast.kz has an empty path (no trailing slash)',
    ]);
    expect(urlProblems(' https://a.kz/')).toEqual(['URL has leading or trailing spaces']);
    expect(urlProblems('https://a.kz/\\x')).toEqual(['URL contains a tab, newline or backslash']);
    expect(urlProblems('http://10.0.0.1:8080/x?y=1')).toEqual([]);
    expect(urlProblems('https://xn--80ak6aa92e.xn--p1ai/')).toEqual([]);
  });

  it('requires a known category code with its exact description', async () => {
    expect(
      await reasons(['https://a.kz/,NOPE,News Media,2019-03-01,,', 'https://b.kz/,NEWS,News,2019-03-01,,']),
    ).toEqual([
      '2: unknown category code "NOPE"',
      '3: category description "News" does not match "News Media" for NEWS',
    ]);
  });

  it('requires a strict YYYY-MM-DD date', async () => {
    expect(
      await reasons([
        'https://a.kz/,NEWS,News Media,2019-3-01,,',
        'https://b.kz/,NEWS,News Media,2019-02-30,,',
      ]),
    ).toEqual([
      '2: date_added "2019-3-01" is not a YYYY-MM-DD date',
      '3: date_added "2019-02-30" is not a YYYY-MM-DD date',
    ]);
  });

  it('refuses tabs, newlines and backslashes in source and notes', async () => {
    expect(
      await reasons([
        'https://a.kz/,NEWS,News Media,2019-03-01,if\tkz,',
        'https://b.kz/,NEWS,News Media,2019-03-01,,"two\nlines"',
        'https://c.kz/,NEWS,News Media,2019-03-01,,back\\slash',
      ]),
    ).toEqual([
      '2: source contains a tab, newline or backslash',
      '3: notes contain a tab, newline or backslash',
      '5: notes contain a tab, newline or backslash',
    ]);
  });

  it('refuses a duplicate URL in one file', async () => {
    expect(
      await reasons([
        'https://a.kz/,NEWS,News Media,2019-03-01,,',
        'https://a.kz/,NEWS,News Media,2020-03-01,,',
      ]),
    ).toEqual(['3: duplicate URL https://a.kz/ (first on line 2)']);
  });

  it('refuses a country-list URL that is already in global.csv', async () => {
    expect(await reasons(['https://4genderjustice.org/,HUMR,Human Rights Issues,2019-03-01,,'])).toEqual([
      '2: URL https://4genderjustice.org/ is already in global.csv',
    ]);
  });
});

describe('selectUrls', () => {
  it('joins the country list and global.csv, de-duplicated, filtered by category', async () => {
    const all = await selectUrls('kz');
    expect(all.length).toBe(553 + 1722);
    expect(new Set(all.map((e) => e.url)).size).toBe(all.length);
    const news = await selectUrls('KZ', { categories: ['news', 'HUMR'] });
    expect(news.length).toBeGreaterThan(100);
    expect(news.every((e) => ['NEWS', 'HUMR'].includes(e.categoryCode))).toBe(true);
    expect(news.some((e) => e.list === 'kz') && news.some((e) => e.list === 'global')).toBe(true);
  });

  it('refuses an unknown country', async () => {
    await expect(selectUrls('zz')).rejects.toThrow('there is no test list for ZZ');
    await expect(selectUrls('kaz')).rejects.toThrow('not a two-letter country code');
  });
});
