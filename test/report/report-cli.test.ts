/** `netfreedom report` through the built binary: help, formats, files written, JSON, and exit codes. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { runCli } from '../helpers/cli.js';

const SCORES = join(import.meta.dirname, '..', '..', 'data', 'fotn', 'fotn-scores.csv');
let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nf-report-cli-'));
  db = join(dir, 'r.duckdb');
  expect((await runCli(['assessment', 'import', SCORES, '--db', db])).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('netfreedom report', () => {
  it('--help names the formats, the languages and an example', async () => {
    const r = await runCli(['report', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--edition <year>');
    expect(r.stdout).toMatch(/--format <format>.*\n?.*md, html or pdf/);
    expect(r.stdout).toContain('--lang <lang>');
    expect(r.stdout).toContain('netfreedom report KZ --edition 2024 --format pdf');
  });

  it('writes Markdown with its charts beside it, and HTML, from the --output extension', async () => {
    const md = join(dir, 'out', 'kz.md');
    const r = await runCli(['report', 'KZ', '--edition', '2024', '--output', md, '--db', db]);
    expect(r.code).toBe(0);
    expect(readFileSync(md, 'utf8')).toContain('# Internet freedom in Kazakhstan, `2024`');
    expect(existsSync(join(dir, 'out', 'KZ-2024-en-history.svg'))).toBe(true);
    const html = await runCli([
      'report',
      'kz',
      '--edition',
      '2024',
      '--format',
      'html',
      '--lang',
      'ru',
      '--db',
      db,
    ]);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain('Несвободная');
  });

  it('--compare and --editions write one document; --editions with --edition is a usage error', async () => {
    const cmp = await runCli([
      'report',
      'KZ',
      '--edition',
      '2024',
      '--compare',
      'uz,KG',
      '--format',
      'html',
      '--db',
      db,
    ]);
    expect(cmp.code).toBe(0);
    expect(cmp.stdout).toContain(
      'Internet freedom compared: Kazakhstan, Uzbekistan, Kyrgyzstan, <code>2024</code>',
    );
    const trend = await runCli(['report', 'KZ', '--editions', '2022-2024', '--json', '--db', db]);
    expect(JSON.parse(trend.stdout).parts.map((p: { edition: number }) => p.edition)).toEqual([
      2022, 2023, 2024,
    ]);
    expect(
      (await runCli(['report', 'KZ', '--editions', '2022-2024', '--edition', '2024', '--db', db])).code,
    ).toBe(2);
    expect((await runCli(['report', 'KZ', '--editions', '2024-2022', '--db', db])).code).toBe(2);
  });

  it('--json prints the model: every figure with its references', async () => {
    const r = await runCli(['report', 'KZ', '--edition', '2024', '--json', '--db', db]);
    expect(r.code).toBe(0);
    const model = JSON.parse(r.stdout);
    expect(model.status.total).toEqual({ value: 34, refs: [{ kind: 'source', n: 1 }] });
    expect(model.categories.map((c: { score: { value: number } }) => c.score.value)).toEqual([12, 12, 10]);
  });

  it('exit 1 naming the editions for an unknown edition or country; exit 2 for a bad option', async () => {
    const edition = await runCli(['report', 'KZ', '--edition', '1999', '--db', db]);
    expect(edition.code).toBe(1);
    expect(edition.stderr).toMatch(/no 1999 assessment of KZ; editions: 2011, 2013/);
    const country = await runCli(['report', 'ZZ', '--edition', '2024', '--db', db]);
    expect(country.code).toBe(1);
    expect(country.stderr).toContain('no assessment of ZZ');
    expect((await runCli(['report', 'KZ', '--edition', '2024', '--lang', 'de', '--db', db])).code).toBe(2);
    expect((await runCli(['report', 'KZ', '--db', db])).code).toBe(2);
    const ext = await runCli([
      'report',
      'KZ',
      '--edition',
      '2024',
      '--output',
      join(dir, 'x.txt'),
      '--db',
      db,
    ]);
    expect(ext.code).toBe(2);
    expect(ext.stderr).toContain('say --format md, html or pdf');
  });
});

describe('netfreedom changes watch', () => {
  it('prints the changes since a day as JSON Lines, and says so on stderr when there is none', async () => {
    const store = await openStore(db);
    await store.measurements.putChanges('KZ', [
      {
        id: 'watch-1',
        probeCc: 'KZ',
        probeAsn: 'AS64496',
        domain: 'meduza.io',
        kind: 'blocking_started',
        at: '2026-12-01T08:00:00Z',
        score: 3,
        method: 'cusum',
        measurementUids: ['u1', 'u2'],
      },
      {
        id: 'watch-0',
        probeCc: 'KZ',
        probeAsn: 'AS64496',
        domain: 'meduza.io',
        kind: 'blocking_stopped',
        at: '2026-11-01T08:00:00Z',
        score: 3,
        method: 'cusum',
        measurementUids: ['u0'],
      },
    ]);
    await store.close();
    const r = await runCli([
      'changes',
      'watch',
      'KZ',
      '--since',
      '2026-11-15',
      '--no-detect',
      '--json',
      '--db',
      db,
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({
        id: 'watch-1',
        probe_cc: 'KZ',
        domain: 'meduza.io',
        kind: 'blocking_started',
      }),
    ]);
    const none = await runCli(['changes', 'watch', 'KZ', '--since', '2026-12-02', '--no-detect', '--db', db]);
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: 'no new change of blocking\n' });
    expect((await runCli(['changes', 'watch', 'KZ', '--since', 'yesterday', '--db', db])).code).toBe(2);
  });
});
