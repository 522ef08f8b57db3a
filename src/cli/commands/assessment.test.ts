/** `netfreedom assessment compare` through the binary: which edition each row is, and who has none. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';

const SCORES = join(import.meta.dirname, '..', '..', '..', 'data', 'fotn', 'fotn-scores.csv');

describe('assessment compare', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nf-compare-'));
    db = join(dir, 'compare.duckdb');
    expect((await runCli(['assessment', 'import', SCORES, '--db', db])).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("compares each country's latest edition without --edition, saying which edition each row is (exit 0)", async () => {
    const r = await runCli(['assessment', 'compare', 'KZ', 'KG', 'UZ', 'RU', '--db', db]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^rank +country +edition +total +A +B +C +status$/);
    expect(lines.slice(2, 6).map((l) => l.split(/ {2,}/).slice(0, 4))).toEqual([
      ['7 of 12', 'KZ', '2025', '37'],
      ['9 of 12', 'UZ', '2025', '29'],
      ['10 of 12', 'RU', '2025', '17'],
      ['13 of 22', 'KG', '2024', '48'],
    ]);
    expect(r.stdout).toContain(
      "\neach country's latest edition; a rank is among the countries of this dataset with a total for that edition, " +
        'not among every country Freedom House assessed (--edition YEAR compares one edition)\n',
    );
    const json = JSON.parse(
      (await runCli(['assessment', 'compare', 'KZ', 'KG', '--json', '--db', db])).stdout,
    );
    expect(json).toMatchObject({ edition: null, missing: [] });
    expect(json.countries.map((c: { country: string; edition: number }) => [c.country, c.edition])).toEqual([
      ['KZ', 2025],
      ['KG', 2024],
    ]);
  });

  it('with --edition prints the countries that have it and names those that do not (exit 0)', async () => {
    const r = await runCli([
      'assessment',
      'compare',
      'KZ',
      'KG',
      'UZ',
      'RU',
      '--edition',
      '2025',
      '--db',
      db,
    ]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/\n7 of 12 +KZ +2025 +37 /);
    expect(r.stdout).not.toMatch(/\n\S+ +KG /);
    expect(r.stdout).toMatch(/\nno 2025 assessment for KG\n/);
    expect(r.stdout).toMatch(
      /\nranks are among the 12 countries of this dataset with a 2025 total, not among every country Freedom House assessed\n$/,
    );
    const json = await runCli([
      'assessment',
      'compare',
      'KZ',
      'KG',
      '--edition',
      '2025',
      '--json',
      '--db',
      db,
    ]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      edition: 2025,
      countries: [{ country: 'KZ' }],
      missing: ['KG'],
    });
  });

  it('exits 1 only when nothing could be compared, and 2 for a code that is not a country', async () => {
    for (const [args, message] of [
      [['LV', 'FI'], 'netfreedom: no assessment for LV, FI\n'],
      [['KG', 'LV', '--edition', '2025'], 'netfreedom: no 2025 assessment for KG, LV\n'],
    ] as const) {
      const r = await runCli(['assessment', 'compare', ...args, '--db', db]);
      expect(r).toMatchObject({ code: 1, stdout: '', stderr: message });
    }
    const bad = await runCli(['assessment', 'compare', 'KZ', 'Kazakhstan', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"Kazakhstan" is not a two-letter country code such as KZ');
    expect(bad.stderr).not.toContain('internal error');
  });
});

describe('assessment export', () => {
  it('names the file it cannot write (exit 1), and says so when the store holds no assessment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nf-export-'));
    try {
      const db = join(dir, 'export.duckdb');
      const header = join(dir, 'header.csv');
      writeFileSync(header, `${readFileSync(SCORES, 'utf8').split('\n')[0]}\n`);
      expect((await runCli(['assessment', 'import', header, '--db', db])).code).toBe(0); // an empty store
      const empty = await runCli(['assessment', 'export', '--format', 'json', '--db', db]);
      expect(empty).toMatchObject({ code: 0, stdout: '[]\n' });
      expect(empty.stderr).toBe(`no assessment in ${db} (\`netfreedom assessment import FILE\` adds some)\n`);
      const unwritable = join(dir, 'no-such-folder', 'scores.csv');
      const r = await runCli(['assessment', 'export', '--output', unwritable, '--db', db]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`netfreedom: ${unwritable}: cannot write the file \\(ENOENT`));
      expect(r.stderr).not.toContain('internal error');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
