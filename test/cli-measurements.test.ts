/** The pipeline commands end to end, in process: ingest, aggregate, blocked, changes, reanalyze, exit codes. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { Io } from '../src/cli/run-command.js';
import { runCli } from './helpers/cli.js';

const FIX = join(import.meta.dirname, 'fixtures', 'pipeline');

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => (out += t), err: (t) => (err += t), isTty: false };
  const code = await main(['node', 'netfreedom', ...args], io);
  return { code, out, err };
}

describe('pipeline CLI', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nf-cli-m-'));
    db = join(dir, 'm.duckdb');
    // 30 days of real samples relabelled KZ AS9198: collegehumor.com reachable every day (report1.json), and from
    // day 11 on fa.wikipedia.org blocked by DNS (bug_352.json, judged by our rules from the raw data).
    const ok = JSON.parse(readFileSync(join(FIX, 'ooni', 'report1.json'), 'utf8'));
    const dns = JSON.parse(readFileSync(join(FIX, 'ooni', 'bug_352.json'), 'utf8'));
    const lines: string[] = [];
    for (let day = 1; day <= 30; day++) {
      for (let k = 0; k < 3; k++) {
        for (const m of day > 10 ? [ok, dns] : [ok]) {
          lines.push(
            JSON.stringify({
              ...m,
              probe_cc: 'KZ',
              probe_asn: 'AS9198',
              report_id: `r-${day}-${k}-${m.input}`,
              measurement_start_time: `2024-03-${String(day).padStart(2, '0')} 0${k}:00:00`,
            }),
          );
        }
      }
    }
    lines.push('{"broken": ');
    writeFileSync(join(dir, 'kz.jsonl'), lines.join('\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ingests, reports the bad line with exit 4 (1 with --strict), and prints a JSON summary', async () => {
    const strict = await run('ingest', join(dir, 'kz.jsonl'), '--db', join(dir, 'strict.duckdb'), '--strict');
    expect(strict.code).toBe(1);
    expect(strict.out).toMatch(/150 added, 0 duplicate\(s\), 1 rejected/);
    const r = await run('ingest', join(dir, 'kz.jsonl'), '--db', db, '--json');
    expect(r.code).toBe(4);
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({ read: 151, added: 150, rejected: 1, rejectedByReason: { 'invalid JSON': 1 } });
    expect(s.errors[0]).toMatch(/kz\.jsonl:151: invalid JSON/);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'README.txt'), 'not a measurement');
    const none = await run('ingest', empty, '--db', db);
    expect(none.code).toBe(0);
    expect(none.err).toContain(
      `netfreedom: no measurement file (.json, .jsonl or .jsonc, gzipped or not) in ${empty}`,
    );
    const again = await run('ingest', join(dir, 'kz.jsonl'), '--store', `duckdb:${db}`);
    expect(again.out).toMatch(/0 added, 150 duplicate\(s\), 1 rejected \(invalid JSON 1\)/);
  });

  it('refuses a deeply nested line, prints the summary and reads the next file, the same with a worker', async () => {
    const good = readFileSync(join(FIX, 'ooni', 'report1.json'), 'utf8').trim();
    const m = JSON.parse(good);
    const line = (id: string) => JSON.stringify({ ...m, report_id: id });
    const nested = join(dir, 'nested.jsonl');
    writeFileSync(nested, [line('n1'), '['.repeat(3000) + ']'.repeat(3000), line('n2')].join('\n'));
    writeFileSync(join(dir, 'next.jsonl'), line('n3'));
    const summaries = [];
    for (const workers of ['0', '1']) {
      const store = join(dir, `nested-${workers}.duckdb`);
      const args = ['ingest', nested, join(dir, 'next.jsonl'), '--db', store, '--workers', workers];
      const r = await run(...args);
      expect(r.code).toBe(4);
      expect(r.out).toBe('2 file(s), 4 record(s) read: 3 added, 0 duplicate(s), 1 rejected (too deep 1)\n');
      expect(r.err).toContain(`${nested}:2: JSON nested deeper than`);
      expect(r.err).not.toMatch(/internal error/);
      summaries.push(JSON.parse((await run(...args, '--json')).out));
    }
    expect(summaries[1]).toEqual(summaries[0]);
    expect(summaries[0]).toMatchObject({ read: 4, added: 0, duplicates: 3, rejected: 1 });
  });

  it('aggregates per day as JSON and CSV', async () => {
    const r = await run(
      'aggregate',
      '--db',
      db,
      '--probe-cc',
      'KZ',
      '--axis-x',
      'measurement_start_day',
      '--since',
      '2024-03-10',
      '--until',
      '2024-03-12',
      '--json',
    );
    expect(r.code).toBe(0);
    // The API's own answer: same serializer, same envelope.
    expect(JSON.parse(r.out)).toMatchObject({ v: 0, dimension_count: 1 });
    const days = JSON.parse(r.out).result;
    expect(
      days.map((d: Record<string, unknown>) => [
        d.measurement_start_day,
        d.measurement_count,
        d.ok_count,
        d.failure_count,
      ]),
    ).toEqual([
      ['2024-03-10', 3, 3, 0],
      ['2024-03-11', 6, 3, 0],
    ]);
    expect(days[1].anomaly_count + days[1].confirmed_count).toBe(3);
    const csv = await run('aggregate', '--db', db, '--axis-x', 'probe_asn', '--format', 'csv');
    expect(csv.code).toBe(0); // the CSV path once returned the print call's value as the exit code
    // Categories come from the bundled test lists: collegehumor.com is CULTR in global.csv.
    const cultr = await run('aggregate', '--db', db, '--category', 'cultr', '--axis-x', 'domain', '--json');
    expect(JSON.parse(cultr.out).result).toMatchObject([
      { domain: 'www.collegehumor.com', measurement_count: 90 },
    ]);
    const [header, row, ...rest] = csv.out.trim().split('\n');
    expect(header).toBe(
      'probe_asn,measurement_count,ok_count,anomaly_count,confirmed_count,failure_count,tls_confirmed_count,' +
        'unverified_confirmed_count,unverified_tls_confirmed_count,simulated_count',
    );
    expect(rest).toEqual([]);
    const [asn, n, okCount, anomaly, confirmed, failure] = row!.split(',');
    expect([asn, n, okCount, failure]).toEqual(['AS9198', '150', '90', '0']);
    expect(Number(anomaly) + Number(confirmed)).toBe(60);
  });

  it('lists blocked sites and detects when blocking started', async () => {
    const b = await run('blocked', 'kz', '--db', db, '--json');
    expect(JSON.parse(b.out)).toMatchObject([
      {
        domain: 'fa.wikipedia.org',
        techniques: ['dns'],
        networks: ['AS9198'],
        first_seen: '2024-03-11T00:00:00Z',
        measurement_count: 60,
        anomaly_share: 1,
      },
    ]);
    expect(Object.keys(JSON.parse(b.out)[0])).toEqual([
      'domain',
      'category_code',
      'techniques',
      'networks',
      'first_seen',
      'last_seen',
      'measurement_count',
      'blocked_count',
      'anomaly_count',
      'confirmed_count',
      'tls_confirmed_count',
      'unverified_confirmed_count',
      'unverified_tls_confirmed_count',
      'simulated_count',
      'anomaly_share',
      'confirmed',
      'tls_confirmed',
      'unverified',
    ]);
    const c = await run('changes', '--probe-cc', 'KZ', '--db', db, '--json');
    const events = JSON.parse(c.out);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'blocking_started',
      at: '2024-03-11T00:00:00Z',
      probe_cc: 'KZ',
      probe_asn: 'AS9198',
      domain: 'fa.wikipedia.org',
    });
    expect(events[0].measurement_uids.length).toBeGreaterThanOrEqual(3);
    const later = await run(
      'changes',
      '--probe-cc',
      'KZ',
      '--since',
      '2024-03-12',
      '--no-detect',
      '--db',
      db,
      '--json',
    );
    expect(JSON.parse(later.out)).toEqual([]);
  });

  it('optimizes the store, as text or JSON, and every count stays the same', async () => {
    const before = JSON.parse((await run('aggregate', '--db', db, '--axis-x', 'domain', '--json')).out);
    const r = await run('optimize', '--db', db, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ optimized: true, seconds: expect.any(Number) });
    expect((await run('optimize', '--db', db)).out).toMatch(/^optimized in \d+\.\d s\n$/);
    const after = JSON.parse((await run('aggregate', '--db', db, '--axis-x', 'domain', '--json')).out);
    expect(after).toEqual(before);
  });

  it('says so when nothing is found, rather than printing a bare table header', async () => {
    const b = await run('blocked', 'ru', '--db', db);
    expect(b.code).toBe(0);
    expect(b.out).toBe(
      'no blocked site found in RU (simulated measurements are left out: --include-simulated adds them)\n',
    );
    const bs = await run('blocked', 'ru', '--db', db, '--include-simulated');
    expect(bs.out).toBe('no blocked site found in RU\n');
    const a = await run('aggregate', '--db', db, '--probe-cc', 'UZ', '--axis-x', 'domain');
    expect(a.out).toMatch(/^no measurement matches these filters \(simulated measurements are left out/);
    // Without an axis the store answers one row of zeros: it is the same sentence, not a table of zeros.
    for (const args of [
      ['--probe-cc', 'UZ'],
      ['--probe-cc', 'KZ', '--since', '2030-01-01'],
    ]) {
      const total = await runCli(['aggregate', '--db', db, ...args]);
      expect({ args, code: total.code, stdout: total.stdout }).toEqual({
        args,
        code: 0,
        stdout:
          'no measurement matches these filters (simulated measurements are left out: --include-simulated adds them)\n',
      });
    }
    const zeros = JSON.parse((await runCli(['aggregate', '--db', db, '--probe-cc', 'UZ', '--json'])).stdout);
    expect(zeros.result).toEqual([expect.objectContaining({ measurement_count: 0 })]); // scripts keep the data
    expect((await runCli(['aggregate', '--db', db, '--probe-cc', 'KZ'])).stdout).toMatch(
      /^measurement_count +ok_count[^\n]*\n-+[ -]+\n150 +90 /,
    );
    const c = await run('changes', '--probe-cc', 'UZ', '--db', db);
    expect(c.out).toBe('no change of blocking found in UZ\n');
    // Found rows still print as a table.
    expect((await run('blocked', 'kz', '--db', db)).out).toMatch(/^domain +category +techniques/);
  });

  it('re-analyses nothing when all records carry the current rules, and refuses bad arguments with exit 2', async () => {
    const r = await run('reanalyze', '--db', db, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ examined: 0, updated: 0 });
    expect((await run('aggregate', '--db', db, '--since', '2024-02-30')).code).toBe(2);
    expect((await run('aggregate', '--db', db, '--axis-x', 'colour')).code).toBe(2);
    expect((await run('blocked', 'Kazakhstan', '--db', db)).code).toBe(2);
    const missing = await run('ingest', join(dir, 'missing.jsonl'), '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/missing\.jsonl: no such file or directory/);
  });
});

describe('ingest of the bundled OONI samples', () => {
  let dir: string;
  let db: string;
  const SAMPLES = join(import.meta.dirname, '..', 'data', 'ooni', 'measurements');
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nf-cli-samples-'));
    db = join(dir, 's.duckdb');
    // Some of OONI's own samples are malformed on purpose: ingest reports them and exits 1.
    await run('ingest', SAMPLES, '--db', db, '--json');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const italy = async (...more: string[]) =>
    JSON.parse((await run('aggregate', '--db', db, '--probe-cc', 'IT', '--json', ...more)).out).result[0];

  it("counts OONI's 50 synthetic QA runs as simulated, never as real Italian measurements", async () => {
    const real = await italy();
    const all = await italy('--include-simulated');
    expect(all.measurement_count - real.measurement_count).toBe(50);
    // 18 real ones from Italy, meek2.json (a legacy list input) among them.
    expect(real.measurement_count).toBe(18);
  });

  it('gives rutor.org its category although the list has it under https:// and OONI measured http://', async () => {
    const sites = JSON.parse((await run('blocked', 'ru', '--db', db, '--json')).out) as {
      domain: string;
      category_code: string | null;
    }[];
    expect(sites.find((s) => s.domain === 'rutor.org')).toMatchObject({ category_code: 'FILE' });
  });
});
