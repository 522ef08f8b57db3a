/** The evidence commands through the built binary: output, exit codes, refusals, idempotent imports. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const SCORES = join(import.meta.dirname, '..', 'data', 'fotn', 'fotn-scores.csv');
let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nf-evidence-cli-'));
  db = join(dir, 'e.duckdb');
  expect((await runCli(['assessment', 'import', SCORES, '--db', db])).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evidence commands', () => {
  it('events list KZ --json: at least 12 sourced events, the January 2022 shutdown and the July 2019 interception among them', async () => {
    const r = await runCli(['events', 'list', 'KZ', '--json', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('loaded the bundled set');
    const events = JSON.parse(r.stdout) as {
      id: string;
      start: string;
      type: string;
      sources: { url: string }[];
      indicators: string[];
    }[];
    expect(events.length).toBeGreaterThanOrEqual(12);
    for (const e of events) {
      expect(e.start, e.id).toMatch(/^\d{4}/);
      expect(e.type, e.id).toBeTruthy();
      expect(e.sources[0]?.url, e.id).toMatch(/^https?:\/\//);
    }
    const shutdown = events.find((e) => e.type === 'shutdown' && e.start.startsWith('2022-01'));
    expect(shutdown?.indicators).toEqual(['A3']);
    expect(events.some((e) => e.type === 'interception' && e.start.startsWith('2019-07'))).toBe(true);
    // The second run finds the evidence there and says nothing about loading it.
    const again = await runCli(['events', 'list', 'KZ', '--type', 'shutdown', '--db', db]);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toContain('Nationwide internet shutdown');
  });

  it('assessment suggest: the shutdown for 2022 with the January 2022 event, not for 2024', async () => {
    const r = await runCli(['assessment', 'suggest', 'KZ', '--edition', '2022', '--json', '--db', db]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      suggestions: { control_id: string; control_label: string; evidence: { event_id: string }[] }[];
    };
    const kic3 = out.suggestions.find((s) => s.control_label === 'Localized or nationwide ICT shutdown');
    expect(kic3?.evidence.map((e) => e.event_id)).toContain('kz-2022-01-shutdown');
    const r2024 = JSON.parse(
      (await runCli(['assessment', 'suggest', 'KZ', '--edition', '2024', '--json', '--db', db])).stdout,
    );
    expect(r2024.suggestions.map((s: { control_id: string }) => s.control_id)).not.toContain('KIC3');
  });

  it('assessment accept answers yes in the draft; accepting what nothing suggests fails with exit 1', async () => {
    const ok = await runCli(['assessment', 'accept', 'KZ', '2022', 'KIC3', '--db', db]);
    expect(ok).toMatchObject({
      code: 0,
      stdout:
        'KIC3 accepted for KZ 2022: answered yes in the draft (published answer: unknown until the draft is ' +
        'reviewed and published)\n',
    });
    const revision = JSON.parse(
      (await runCli(['assessment', 'revision', 'KZ', '2022', '--json', '--db', db])).stdout,
    );
    expect(revision.state).toBe('draft');
    expect(JSON.stringify(revision)).toMatch(/KIC3/);
    const no = await runCli(['assessment', 'accept', 'KZ', '2024', 'KIC3', '--db', db]);
    expect(no.code).toBe(1);
    expect(no.stderr).toMatch(/^netfreedom: nothing suggests KIC3 for KZ 2024/);
  });

  it('survey import: bad rows as file:line (exit 1), the rest kept, re-import unchanged; survey show gives ±2.8 pp for 58 % of 1,200', async () => {
    const file = join(dir, 'survey.csv');
    writeFileSync(
      file,
      'country,edition,survey_id,question,answer,share,sample_size,fieldwork_start,fieldwork_end,method,source_url\n' +
        'KZ,2024,kz-test-poll,Advocate free speech?,yes,58%,1200,2024-03-01,2024-03-20,phone,https://example.org/poll\n' +
        'KZ,2024,kz-test-poll,Advocate free speech?,no,42,1200,2024-03-01,2024-03-20,phone,https://example.org/poll\n',
    );
    const first = await runCli(['survey', 'import', file, '--db', db]);
    expect(first.code).toBe(1);
    expect(first.stderr).toBe(
      `${file}:3: share "42" is above 1: write a fraction (0.58) or a percentage (58%)\n`,
    );
    expect(first.stdout).toBe('1 survey(s) read: 1 added, 0 updated, 0 unchanged, 1 rejected\n');
    const again = await runCli(['survey', 'import', file, '--json', '--db', db]);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, unchanged: 1 });
    const show = await runCli(['survey', 'show', 'KZ', '--json', '--db', db]);
    const poll = (
      JSON.parse(show.stdout) as { id: string; questions: { answers: { margin_of_error: number }[] }[] }[]
    ).find((s) => s.id === 'kz-test-poll');
    expect(Math.abs(poll!.questions[0]!.answers[0]!.margin_of_error - 2.8)).toBeLessThanOrEqual(0.05);
    const text = await runCli(['survey', 'show', 'KZ', '--db', db]);
    expect(text.stdout).toContain('±2.8 pp');
    expect(text.stdout).toContain('no sample size given: no margin of error can be computed');
  });

  it('evidence link refuses a wrong target or two kinds of evidence as usage of the command', async () => {
    const two = await runCli([
      'evidence',
      'link',
      'KZ',
      '2024',
      'B1',
      '--event',
      'x',
      '--source',
      'https://a.example/',
      '--db',
      db,
    ]);
    expect(two.code).toBe(1);
    expect(two.stderr).toMatch(/exactly one of --event/);
    const linked = await runCli([
      'evidence',
      'link',
      'KZ',
      '2024',
      'kic9',
      '--event',
      'kz-2024-02-apt41-revealed',
      '--db',
      db,
    ]);
    expect(linked.code).toBe(0);
    expect(linked.stdout).toMatch(/^linked: kz-2024-kic9-[0-9a-f]{12}\n$/);
  });

  it('recommendations list KZ names the addressees and says unverified', async () => {
    const r = await runCli(['recommendations', 'list', 'KZ', '--json', '--db', db]);
    const recs = JSON.parse(r.stdout) as { addressees: string[]; verification: string }[];
    expect(recs).toHaveLength(7);
    expect(recs.every((x) => x.verification === 'unverified' && x.addressees.includes('government'))).toBe(
      true,
    );
  });
});
