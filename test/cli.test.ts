import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli, stopCli } from './helpers/cli.js';
import { tempDir } from './helpers/temp.js';

const DATA = join(import.meta.dirname, '..', 'data');

describe('netfreedom CLI', () => {
  it('lists every command in --help, and every command has --help', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['methodology', 'assessment', 'lists', 'serve'])
      expect(help.stdout).toContain(command);
    for (const args of [
      ['assessment', 'import'],
      ['assessment', 'show'],
      ['assessment', 'history'],
      ['assessment', 'compare'],
      ['assessment', 'set'],
      ['assessment', 'control'],
      ['assessment', 'export'],
      ['lists', 'validate'],
      ['lists', 'show'],
      ['methodology', 'show'],
      ['serve'],
    ]) {
      const r = await runCli([...args, '--help']);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^Usage: netfreedom /);
    }
  });

  it("prints the methodology as JSON in the API's names", async () => {
    const r = await runCli(['methodology', 'show', '--json']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m).toMatchObject({ max_total: 100, current_scale_from_edition: 2019 });
    expect(m.categories[0].questions[0]).toHaveProperty('max_points');
    expect(m.status_bands).toHaveLength(3);
  });

  it('exits 2 on usage errors with a message', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const badYear = await runCli(['assessment', 'show', 'KZ', '--edition', '24']);
    expect(badYear.code).toBe(2);
    expect(badYear.stderr).toContain('"24" is not a year');
    const missing = await runCli([
      'assessment',
      'set',
      'KZ',
      '2024',
      '--justification',
      'x',
      '--source',
      'https://example.org/',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'question'");
  });

  it('imports the bundled scores and shows KZ 2024, the history and a comparison', async () => {
    const db = join(tempDir(), 'cli.duckdb');
    const imported = await runCli([
      'assessment',
      'import',
      join(DATA, 'fotn', 'fotn-scores.csv'),
      '--db',
      db,
      '--json',
    ]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: 53, rejected: [] });

    const show = await runCli(['assessment', 'show', 'KZ', '--edition', '2024', '--json', '--db', db]);
    expect(show.code).toBe(0);
    const kz = JSON.parse(show.stdout);
    expect(kz.total).toBe(34);
    expect(
      Object.fromEntries(
        kz.categories.map((c: { category_id: string; score: number }) => [c.category_id, c.score]),
      ),
    ).toEqual({ A: 12, B: 12, C: 10 });
    expect(kz.status).toBe('Not Free');
    expect(kz.total_sources[0].url).toBe('https://www.ecoi.net/de/dokument/2116561.html');
    expect(kz).toMatchObject({ coverage_start: '2023-06-01', key_controls: [], previous_edition_total: 34 });

    const hist = await runCli(['assessment', 'history', 'KZ', '--db', db, '--json'], {
      env: { NETFREEDOM_DB: '/nonexistent/ignored.duckdb' },
    });
    const points = JSON.parse(hist.stdout).history as { edition: number; scale: string }[];
    expect(points.filter((p) => p.edition >= 2019).every((p) => p.scale === 'current')).toBe(true);
    expect(points.filter((p) => p.edition >= 2019).map((p) => p.edition)).toEqual([
      2019, 2020, 2021, 2022, 2023, 2024, 2025,
    ]);
    expect(points.filter((p) => p.scale === 'legacy').map((p) => p.edition)).toEqual([
      2011, 2013, 2014, 2015, 2016,
    ]);
    const text = await runCli(['assessment', 'history', 'KZ'], { env: { NETFREEDOM_DB: db } });
    expect(text.stdout).toMatch(/2015\s+legacy \(0 = most free\)\s+61/);
    // DuckDB's memory limit from the environment: a size is used, anything else is a usage error naming it.
    const limited = await runCli(['assessment', 'history', 'KZ'], {
      env: { NETFREEDOM_DB: db, NETFREEDOM_DUCKDB_MEMORY_LIMIT: '1GB' },
    });
    expect(limited.stdout).toMatch(/2015\s+legacy/);
    const unlimited = await runCli(['assessment', 'history', 'KZ'], {
      env: { NETFREEDOM_DB: db, NETFREEDOM_DUCKDB_MEMORY_LIMIT: 'plenty' },
    });
    expect([unlimited.code, unlimited.stderr]).toEqual([
      2,
      expect.stringContaining('"plenty" is not a size'),
    ]);

    // Without --edition: the country's latest, and for a comparison each country's latest.
    const latest = JSON.parse((await runCli(['assessment', 'show', 'KZ', '--json', '--db', db])).stdout);
    expect([latest.edition, latest.total]).toEqual([2025, 37]);
    const cmpLatest = JSON.parse(
      (await runCli(['assessment', 'compare', 'KZ', 'RU', '--json', '--db', db])).stdout,
    );
    expect(cmpLatest.edition).toBeNull();
    expect(cmpLatest.countries.map((c: { edition: number }) => c.edition)).toEqual([2025, 2025]);
    expect(cmpLatest.countries[0]).toHaveProperty('ranked_among');
    expect((await runCli(['assessment', 'compare', 'LV', '--db', db])).stderr).toContain(
      'no assessment for LV',
    );

    const cmp = await runCli(['assessment', 'compare', 'kz', 'KG', 'RU', '--edition', '2024', '--db', db]);
    expect(cmp.code).toBe(0);
    expect(cmp.stdout.indexOf('KG')).toBeLessThan(cmp.stdout.indexOf('KZ'));
    const cmpMissing = await runCli(['assessment', 'compare', 'KZ', 'LV', '--edition', '2024', '--db', db]);
    expect(cmpMissing.code).toBe(0); // a comparison was printed; the table names who has no data
    expect(cmpMissing.stdout).toContain('no 2024 assessment for LV');

    const set = await runCli([
      'assessment',
      'set',
      'KZ',
      '2024',
      'B1',
      '1',
      '--justification',
      'SNI blocking',
      '--source',
      'https://ooni.org/post/2024-kazakhstan-report/',
      '--json',
      '--db',
      db,
    ]);
    expect(set.code).toBe(0);
    // The edit is in the draft revision (published only after review: test/cli-accounts.test.ts).
    const revision = JSON.parse(set.stdout);
    expect(revision).toMatchObject({ revision: 1, state: 'draft' });
    expect(revision.draft.questions[0]).toMatchObject({ question_id: 'B1', score: 1 });
    const tooHigh = await runCli([
      'assessment',
      'set',
      'KZ',
      '2024',
      'A2',
      '5',
      '--justification',
      'x',
      '--source',
      'https://e.org/',
      '--db',
      db,
    ]);
    expect(tooHigh.code).toBe(1);
    expect(tooHigh.stderr).toBe('netfreedom: KZ 2024: question A2 must be an integer from 0 to 3, got 5\n');

    const csv = await runCli(['assessment', 'export', '--format', 'csv', '--db', db]);
    expect(csv.stdout.split('\n')[0]).toBe(
      readFileSync(join(DATA, 'fotn', 'fotn-scores.csv'), 'utf8').split(/\r?\n/)[0],
    );
    const json = await runCli(['assessment', 'export', '--format', 'json', '--db', db]);
    expect(JSON.parse(json.stdout)).toHaveLength(53);
    const badFormat = await runCli(['assessment', 'export', '--format', 'xml', '--db', db]);
    expect(badFormat.code).toBe(2);
  });

  it('reports bad score rows with file:line and exits 1, importing the rest', async () => {
    const dir = tempDir();
    const file = join(dir, 'scores.csv');
    const lines = readFileSync(join(DATA, 'fotn', 'fotn-scores.csv'), 'utf8').split('\n');
    lines[2] = lines[2]!.replace(',27,10,11,6,', ',27,10,11,x,');
    writeFileSync(file, lines.join('\n'));
    const r = await runCli(['assessment', 'import', file, '--db', join(dir, 'x.duckdb')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:3: c_violations_of_user_rights "x" is not an integer`);
    expect(r.stdout).toContain('53 row(s) read: 52 added');
  });

  it('validates test lists: the bundled kz.csv passes, a corrupted copy fails with line numbers', async () => {
    const ok = await runCli(['lists', 'validate', join(DATA, 'test-lists', 'kz.csv')]);
    expect(ok.code).toBe(0);
    const dir = tempDir();
    const bad = join(dir, 'kz.csv');
    const lines = readFileSync(join(DATA, 'test-lists', 'kz.csv'), 'utf8').split('\n');
    lines[4] = lines[4]!.replace(/^http:\/\/blogos\.kz\//, 'http://blogos.kz');
    lines[9] = lines[9]!.replace(/,\d{4}-\d{2}-\d{2},/, ',15.04.2014,');
    writeFileSync(bad, lines.join('\n'));
    copyFileSync(join(DATA, 'test-lists', 'global.csv'), join(dir, 'global.csv'));
    const r = await runCli(['lists', 'validate', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${bad}:5: URL http://blogos.kz has an empty path (no trailing slash)`);
    expect(r.stdout).toContain(`${bad}:10: date_added "15.04.2014" is not a YYYY-MM-DD date`);
    const json = await runCli(['lists', 'validate', bad, '--json']);
    expect(JSON.parse(json.stdout).problems).toHaveLength(2);
  });

  it('shows the URLs to test in Kazakhstan for some categories', async () => {
    const r = await runCli(['lists', 'show', 'kz', '--category', 'NEWS,HUMR', '--json']);
    expect(r.code).toBe(0);
    const entries = JSON.parse(r.stdout) as { url: string; categoryCode: string }[];
    expect(entries.some((e) => e.url === 'https://vlast.kz/')).toBe(true);
    expect(entries.every((e) => e.categoryCode === 'NEWS' || e.categoryCode === 'HUMR')).toBe(true);
  });

  it('says clearly that another process owns the database, without a stack trace or a hang', async () => {
    const db = join(tempDir(), 'locked.duckdb');
    const server = await startCli(
      ['serve', '--port', '0', '--db', db],
      /netfreedom serving http:\/\/127\.0\.0\.1:\d+/,
    );
    try {
      // First start seeds the bundled data and says what it refused and why.
      expect(server.stderr()).toMatch(
        /seeded \d+ real OONI measurements and 10 simulated KZ demo measurements\n/,
      );
      expect(server.stderr()).toMatch(
        /bundled OONI samples: \d+ rejected \((wrong type|missing field|unknown format) \d+[^)]*\)\n/,
      );
      const started = Date.now();
      const r = await runCli(['assessment', 'show', 'KZ', '--edition', '2024', '--db', db]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(`^netfreedom: the database ${db} is in use by another process \\(PID \\d+\\)`),
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await stopCli(server.child);
    }
    const after = await runCli(['assessment', 'show', 'KZ', '--edition', '2024', '--db', db, '--json']);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout).total).toBe(34);
  });

  it('serve takes the submissions allowed per minute and client from --submissions-per-minute', async () => {
    const bad = await runCli(['serve', '--submissions-per-minute', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"0" is not a positive integer');
    const server = await startCli(
      ['serve', '--port', '0', '--db', join(tempDir(), 'limit.duckdb'), '--submissions-per-minute', '2'],
      /netfreedom serving (http:\/\/127\.0\.0\.1:\d+)/,
    );
    try {
      const url = /netfreedom serving (http:\/\/127\.0\.0\.1:\d+)/.exec(server.stderr())![1];
      const sample = readFileSync(
        join(DATA, 'ooni', 'measurements', 'ooni-spec', 'ts-017-web-connectivity.example-output-sample.json'),
        'utf8',
      );
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await fetch(`${url}/api/v1/measurements`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: sample,
        });
        statuses.push(r.status);
      }
      // The default (60) would have taken all three.
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await stopCli(server.child);
    }
  });
});
