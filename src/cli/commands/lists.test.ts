/** `netfreedom lists show`: categories that do not exist, and categories with no entry, through the binary. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import { tempDir } from '../../../test/helpers/temp.js';

const HEADER = 'url,category_code,category_description,date_added,source,notes';

describe('lists show --category', () => {
  it('refuses a category that does not exist, naming it and listing the valid ones (exit 2)', async () => {
    for (const json of [[], ['--json']]) {
      const r = await runCli(['lists', 'show', 'kz', '--category', 'NEWS,FOO', ...json]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /^netfreedom: --category: unknown category FOO; the categories are ALDR, ANON, /,
      );
      expect(r.stderr).toContain(' NEWS, ');
      expect(r.stderr).toContain('00-LEGEND-new_category_codes.csv');
      expect(r.stderr.split('\n')).toHaveLength(2);
    }
  });

  it('says so on stderr when a category exists but no entry of the list has it (exit 0, nothing on stdout)', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'kz.csv'),
      `${HEADER}\nhttps://vlast.kz/,NEWS,News Media,2014-04-15,citizenlab,\n`,
    );
    writeFileSync(
      join(dir, 'global.csv'),
      `${HEADER}\nhttps://www.hrw.org/,HUMR,Human Rights Issues,2014-04-15,citizenlab,\n`,
    );
    const r = await runCli(['lists', 'show', 'kz', '--category', 'LGBT,GMB', '--dir', dir]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toBe(
      `no entry of the categories LGBT, GMB in ${join(dir, 'kz.csv')} or ${join(dir, 'global.csv')}\n`,
    );
    const json = await runCli(['lists', 'show', 'kz', '--category', 'LGBT', '--dir', dir, '--json']);
    expect(json).toMatchObject({ code: 0, stdout: '[]\n', stderr: '' });
    const found = await runCli(['lists', 'show', 'kz', '--category', 'news', '--dir', dir]);
    expect(found).toMatchObject({ code: 0, stdout: 'https://vlast.kz/\tNEWS\tkz\n', stderr: '' });
  });
});
