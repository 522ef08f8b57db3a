/**
 * The command line's evidence imports are audited: `events import`, `survey import` and `evidence link`, through the
 * built binary, each change an entry by `--as NAME` (or the OS user), marked local, with its file:line as the reason;
 * an unchanged re-import adds none, and `audit verify` holds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const SCORES = join(import.meta.dirname, '..', 'data', 'fotn', 'fotn-scores.csv');
let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nf-evidence-audit-'));
  db = join(dir, 'a.duckdb');
  expect((await runCli(['assessment', 'import', SCORES, '--db', db])).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Entry {
  action: string;
  actor: string;
  entity: string;
  reason: string | null;
  before: unknown;
  after: Record<string, unknown>;
}

const auditOf = async (...filter: string[]): Promise<Entry[]> => {
  const r = await runCli(['audit', 'list', ...filter, '--json', '--db', db]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Entry[];
};

describe('audited evidence imports on the command line', () => {
  it('events import --as alice: one entry per changed event with its file:line; a re-import adds none', async () => {
    const file = join(dir, 'events.csv');
    const header =
      'id,country,start,end,type,title,summary,indicators,key_controls,source_urls,indicator_attribution\n';
    const row = (title: string) =>
      `kz-2024-03-test-block,KZ,2024-03-02,,block,${title},A news site was blocked.,B1,,https://example.org/block,netfreedom\n`;
    writeFileSync(file, header + row('A news site blocked'));
    expect((await runCli(['events', 'import', file, '--as', 'alice', '--db', db])).code).toBe(0);
    expect((await runCli(['events', 'import', file, '--as', 'alice', '--db', db])).code).toBe(0);
    writeFileSync(file, header + row('Two news sites blocked'));
    expect((await runCli(['events', 'import', file, '--as', 'alice', '--db', db])).code).toBe(0);

    const entries = await auditOf('--entity', 'event:kz-2024-03-test-block');
    expect(entries.map((e) => [e.action, e.actor, e.reason])).toEqual([
      ['evidence.event', 'alice (local)', `${file}:2`],
      ['evidence.event', 'alice (local)', `${file}:2`],
    ]);
    expect(entries[1]!.before).toBeNull();
    expect(entries[0]!.after).toMatchObject({ title: 'Two news sites blocked' });
  });

  it('survey import without --as: the OS user, marked local', async () => {
    const file = join(dir, 'survey.csv');
    writeFileSync(
      file,
      'country,edition,survey_id,question,answer,share,sample_size,fieldwork_start,fieldwork_end,method,source_url\n' +
        'KZ,2024,kz-audit-poll,Free speech?,yes,0.6,1000,2024-03-01,2024-03-20,phone,https://example.org/poll\n',
    );
    expect((await runCli(['survey', 'import', file, '--db', db])).code).toBe(0);
    const [entry] = await auditOf('--entity', 'survey:kz-audit-poll');
    expect(entry).toMatchObject({
      action: 'evidence.survey',
      actor: `${userInfo().username} (local)`,
      reason: `${file}:2`,
    });
  });

  it('evidence link --as alice is an entry under the link, and the whole chain verifies', async () => {
    const linked = await runCli([
      'evidence',
      'link',
      'KZ',
      '2024',
      'B1',
      '--event',
      'kz-2024-03-test-block',
      '--as',
      'alice',
      '--db',
      db,
    ]);
    expect(linked.code, linked.stderr).toBe(0);
    const id = /^linked: (\S+)\n$/.exec(linked.stdout)![1]!;
    const [entry] = await auditOf('--entity', `evidence_link:${id}`);
    expect(entry).toMatchObject({ action: 'evidence.evidence_link', actor: 'alice (local)' });
    expect(entry!.after).toMatchObject({ id, evidence: { kind: 'event', eventId: 'kz-2024-03-test-block' } });
    // Everything alice did, newest first.
    expect((await auditOf('--user', 'alice')).map((e) => e.entity)).toEqual([
      `evidence_link:${id}`,
      'event:kz-2024-03-test-block',
      'event:kz-2024-03-test-block',
    ]);
    const verify = await runCli(['audit', 'verify', '--db', db]);
    expect(verify.code, verify.stderr).toBe(0);
  });
});
