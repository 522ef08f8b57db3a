/**
 * The real measurements of OONI's fastpath test data (data/ooni/measurements/ooni-backend/fastpath-tests-data/),
 * legacy shapes included, go in whole; a file that is not a measurement among them is reported and the folder
 * still goes in (exit 4, or 1 with --strict).
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/run-command.js';
import { openStore } from '../../src/store/open-store.js';

const SAMPLES = join(
  import.meta.dirname,
  '..',
  '..',
  'data',
  'ooni',
  'measurements',
  'ooni-backend',
  'fastpath-tests-data',
);

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => (out += t), err: (t) => (err += t), isTty: false };
  const code = await main(['node', 'netfreedom', ...args], io);
  return { code, out, err };
}

describe('ingest of the fastpath samples', () => {
  let dir: string;
  let folder: string;
  const samples = readdirSync(SAMPLES).filter((f) => f.endsWith('.json'));
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nf-fastpath-'));
    folder = join(dir, 'samples');
    cpSync(SAMPLES, folder, { recursive: true });
    // The shape of OONI's detector_query_ww_BR_2018.json: rows of an API listing, not measurements.
    const row = {
      anomaly: null,
      confirmed: null,
      input: 'https://www.womenonwaves.org/',
      measurement_start_time: '2018-11-01 01:13:15',
      probe_cc: 'BR',
      scores: '',
      test_name: 'web_connectivity',
      tid: '',
    };
    writeFileSync(join(folder, 'detector_query.json'), JSON.stringify([row, row]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every real measurement, reports the listing with file and item, exits 4', async () => {
    const db = join(dir, 'all.duckdb');
    const r = await run('ingest', folder, '--source', 'ooni', '--db', db, '--json');
    expect(r.code).toBe(4);
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({ added: samples.length, rejected: 2, rejectedByReason: { 'missing field': 2 } });
    expect(s.errors).toEqual([
      `${join(folder, 'detector_query.json')}:1 (item 1): missing field "test_keys"`,
      `${join(folder, 'detector_query.json')}:1 (item 2): missing field "test_keys"`,
    ]);
    const again = await run('ingest', folder, '--source', 'ooni', '--db', db, '--strict');
    expect(again.code).toBe(1);
    expect(again.out).toMatch(new RegExp(`0 added, ${samples.length} duplicate\\(s\\), 2 rejected`));
  });

  it('reads a list input, a missing country and network, and null test keys as OONI does', async () => {
    const db = join(dir, 'legacy.duckdb');
    const files = ['meek.json', 'meek2.json', 'meek3.json', 'test_keys_none.json'].map((f) =>
      join(SAMPLES, f),
    );
    const r = await run('ingest', ...files, '--source', 'ooni', '--db', db, '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ added: 4, rejected: 0 });
    const store = await openStore(db);
    try {
      const { items } = await store.measurements.search({ limit: 10 });
      const meek = items.filter((m) => m.testName === 'meek_fronted_requests_test');
      expect(meek.map((m) => m.input).sort()).toEqual([
        'a0.awsstatic.com d2cly7j4zqgua7.cloudfront.net',
        'ajax.aspnetcdn.com az668014.vo.msecnd.net',
        'ajax.aspnetcdn.com meek.azureedge.net',
      ]);
      // Two host names are not one domain.
      expect(meek.every((m) => m.domain === null)).toBe(true);
      const noCountry = meek.find((m) => m.input?.includes('az668014'));
      expect(noCountry).toMatchObject({ probeCc: 'ZZ', probeAsn: 'AS0' });
      const stored = await store.measurements.get(noCountry!.uid);
      expect((stored!.raw as { input: unknown }).input).toEqual([
        'ajax.aspnetcdn.com',
        'az668014.vo.msecnd.net',
      ]);
      const nullKeys = items.find((m) => m.testName === 'web_connectivity');
      expect(nullKeys).toMatchObject({ input: 'http://mail.google.com', outcome: 'failure', blocking: null });
    } finally {
      await store.close();
    }
  });

  it('still refuses a list input of anything but strings and a country of another type', async () => {
    const base = JSON.parse(
      JSON.stringify({
        test_name: 'meek_fronted_requests_test',
        test_keys: {},
        probe_asn: 'AS1',
        measurement_start_time: '2016-01-01 00:00:00',
      }),
    );
    const file = join(dir, 'odd.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ ...base, probe_cc: 'US', input: ['a.example', 3] }),
        JSON.stringify({ ...base, probe_cc: 7, input: 'a.example' }),
      ].join('\n'),
    );
    const r = await run('ingest', file, '--source', 'ooni', '--db', join(dir, 'odd.duckdb'), '--json');
    expect(r.code).toBe(4);
    expect(JSON.parse(r.out).errors).toEqual([
      `${file}:1: field "input" should be a string, a list of strings or null`,
      `${file}:2: field "probe_cc" should be a string`,
    ]);
  });
});
