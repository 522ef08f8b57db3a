/** The pipeline commands end to end, in process: ingest, aggregate, blocked, changes, reanalyze, exit codes. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { Io } from '../src/cli/run-command.js';

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
    // 30 days of KZ AS9198 measurements of meduza.io: reachable for 10 days, then blocked (blocking "http-failure").
    const m = JSON.parse(readFileSync(join(FIX, 'ooni', 'report1.json'), 'utf8'));
    const lines: string[] = [];
    for (let day = 1; day <= 30; day++) {
      for (let k = 0; k < 3; k++) {
        const blocked = day > 10;
        lines.push(
          JSON.stringify({
            ...m,
            probe_cc: 'KZ',
            probe_asn: 'AS9198',
            input: 'https://meduza.io/',
            report_id: `r-${day}-${k}`,
            measurement_start_time: `2024-03-${String(day).padStart(2, '0')} 0${k}:00:00`,
            test_keys: { ...m.test_keys, blocking: blocked ? 'http-failure' : false, accessible: !blocked },
          }),
        );
      }
    }
    lines.push('{"broken": ');
    writeFileSync(join(dir, 'kz.jsonl'), lines.join('\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ingests, reports the bad line with exit 1, and prints a JSON summary', async () => {
    const r = await run('ingest', join(dir, 'kz.jsonl'), '--db', db, '--json');
    expect(r.code).toBe(1);
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({ read: 91, added: 90, rejected: 1, rejectedByReason: { 'invalid JSON': 1 } });
    expect(s.errors[0]).toMatch(/kz\.jsonl:91: invalid JSON/);
    const again = await run('ingest', join(dir, 'kz.jsonl'), '--store', `duckdb:${db}`);
    expect(again.out).toMatch(/0 added, 90 duplicate\(s\), 1 rejected \(invalid JSON 1\)/);
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
    expect(JSON.parse(r.out).result).toEqual([
      {
        measurement_start_day: '2024-03-10',
        measurement_count: 3,
        ok_count: 3,
        anomaly_count: 0,
        confirmed_count: 0,
        failure_count: 0,
      },
      {
        measurement_start_day: '2024-03-11',
        measurement_count: 3,
        ok_count: 0,
        anomaly_count: 3,
        confirmed_count: 0,
        failure_count: 0,
      },
    ]);
    const csv = await run('aggregate', '--db', db, '--axis-x', 'probe_asn', '--format', 'csv');
    expect(csv.out.trim().split('\n')).toEqual([
      'probe_asn,measurement_count,ok_count,anomaly_count,confirmed_count,failure_count',
      'AS9198,90,30,60,0,0',
    ]);
  });

  it('lists blocked sites and detects when blocking started', async () => {
    const b = await run('blocked', 'kz', '--db', db, '--json');
    expect(JSON.parse(b.out)).toMatchObject([
      {
        domain: 'meduza.io',
        networks: ['AS9198'],
        firstSeen: '2024-03-11T00:00:00Z',
        measurementCount: 90,
        confirmed: false,
      },
    ]);
    const c = await run('changes', '--probe-cc', 'KZ', '--db', db, '--json');
    const events = JSON.parse(c.out);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'blocking_started',
      at: '2024-03-11T00:00:00Z',
      probeAsn: 'AS9198',
      domain: 'meduza.io',
    });
    expect(events[0].measurementUids.length).toBeGreaterThanOrEqual(3);
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
