/** `aggregate`, `blocked` and `changes` refuse what would only find nothing, through the binary. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import { tempDir } from '../../../test/helpers/temp.js';

describe('measurement queries', () => {
  it('refuse an unknown category, listing the valid ones, before opening the store (exit 2)', async () => {
    const db = join(tempDir(), 'missing.duckdb');
    for (const args of [
      ['aggregate', '--category', 'news,NEWZ'],
      ['blocked', 'kz', '--category', 'NEWZ'],
    ]) {
      const r = await runCli([...args, '--db', db]);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(/^netfreedom: --category: unknown category NEWZ; the categories are ALDR, /);
    }
    expect(existsSync(db)).toBe(false);
  });

  it('say that there is no database rather than creating an empty one and finding nothing (exit 1)', async () => {
    const dir = tempDir();
    const db = join(dir, 'typo.duckdb');
    for (const args of [
      ['aggregate'],
      ['blocked', 'KZ'],
      ['changes', '--probe-cc', 'KZ'],
      ['reanalyze'],
      ['optimize'],
      ['assessment', 'show', 'KZ'],
      ['assessment', 'history', 'KZ'],
      ['assessment', 'compare', 'KZ', 'RU'],
      ['assessment', 'export'],
    ]) {
      const r = await runCli([...args, '--db', db]);
      expect({ args, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
        args,
        code: 1,
        stdout: '',
        stderr: `netfreedom: no database at ${db} (--db): \`netfreedom ingest\`, \`assessment import\` or \`serve\` creates one\n`,
      });
    }
    const fromEnv = await runCli(['blocked', 'KZ'], { env: { NETFREEDOM_DB: db, NETFREEDOM_STORE: '' } });
    expect(fromEnv.stderr).toContain(`no database at ${db} (NETFREEDOM_DB)`);
    expect(existsSync(db)).toBe(false);
  });
});
