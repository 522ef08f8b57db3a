/** The apps demo (npm run demo:apps) end to end: every app test's records, written as JSONL, ingest cleanly and are judged as their scenarios expect. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/run-command.js';
import type { Measurement } from '../../src/model/measurement.js';
import { measurementHash } from '../../src/probe/measurement-file.js';
import { openStore } from '../../src/store/open-store.js';
import { APPS_DEMO_SCENARIOS, generateAppsDemo } from './apps-demo.js';

let dir: string;
let lines: string[];
let records: Measurement[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netfreedom-apps-demo-test-'));
  records = await generateAppsDemo();
  lines = records.map((m) => JSON.stringify(m));
  writeFileSync(join(dir, 'apps.jsonl'), `${lines.join('\n')}\n`);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run demo:apps', () => {
  it('measures every app test, each record marked simulated and claiming only the documentation AS', () => {
    const tests = new Set(records.map((m) => m.test_name));
    expect([...tests].sort()).toEqual(
      ['dnscheck', 'facebook_messenger', 'signal', 'stunreachability', 'telegram', 'tor', 'whatsapp'].sort(),
    );
    expect(records.map((m) => m.annotations?.scenario)).toEqual(APPS_DEMO_SCENARIOS.map((s) => s.name));
    for (const m of records) {
      expect(m.annotations?.simulated).toBe('true');
      expect(m.probe_asn).toBe('AS64496');
    }
  });

  it('ingests cleanly, and the pipeline judges each record as its scenario expects: anomaly where blocked, ok where not', async () => {
    const db = join(dir, 'apps.duckdb');
    let out = '';
    let err = '';
    const io: Io = { out: (t) => (out += t), err: (t) => (err += t), isTty: false };
    const code = await main(
      ['node', 'netfreedom', 'ingest', join(dir, 'apps.jsonl'), '--db', db, '--json'],
      io,
    );
    expect(code, err).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ errors: [] });
    const store = await openStore(db, { readOnly: true });
    try {
      const page = await store.measurements.search({ includeSimulated: true, limit: 1000 });
      const byUid = new Map(page.items.map((i) => [i.uid, i]));
      expect(byUid.size).toBe(lines.length);
      const seen = lines.map((line, i) => {
        const stored = byUid.get(`h-${measurementHash(line).slice(0, 32)}`);
        return {
          scenario: APPS_DEMO_SCENARIOS[i]!.name,
          outcome: stored?.outcome,
          technique: stored?.technique,
        };
      });
      const expected = APPS_DEMO_SCENARIOS.map((s) => ({
        scenario: s.name,
        outcome: s.expect.outcome,
        technique: s.expect.technique,
      }));
      expect(seen).toEqual(expected);
      // Both verdicts are there for every test: a blocked and an unblocked case.
      for (const test of new Set(APPS_DEMO_SCENARIOS.map((s) => s.test))) {
        const outcomes = new Set(
          seen.filter((_, i) => APPS_DEMO_SCENARIOS[i]!.test === test).map((s) => s.outcome),
        );
        expect([...outcomes].sort(), test).toEqual(['anomaly', 'ok']);
      }
    } finally {
      await store.close();
    }
  });
});
