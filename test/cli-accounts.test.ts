/**
 * The operator's commands through the built binary: users (the password on standard input, checked), tokens
 * (shown once), probes, the review workflow with --as (self-approval refused), the audit log, and `audit verify`
 * catching a row edited in the database (exit 1 naming it).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/temp.js';

const SCORES = join(import.meta.dirname, '..', 'data', 'fotn', 'fotn-scores.csv');

describe('netfreedom users, tokens, probes and audit', () => {
  it('make the first admin from standard input, refuse weak passwords, list without hashes', async () => {
    const db = join(tempDir(), 'a.duckdb');
    const weak = await runCli(['users', 'add', 'root', '--role', 'admin', '--password-stdin', '--db', db], {
      input: 'password1234\n',
    });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/common passwords/);
    const short = await runCli(['users', 'add', 'root', '--role', 'admin', '--password-stdin', '--db', db], {
      input: 'short\n',
    });
    expect(short.stderr).toMatch(/at least 12 characters/);
    const noStdin = await runCli(['users', 'add', 'root', '--role', 'admin', '--db', db]);
    expect(noStdin.code).toBe(2);
    const ok = await runCli(
      ['users', 'add', 'root', '--role', 'admin', '--password-stdin', '--db', db, '--json'],
      {
        input: 'the operator of this machine\n',
      },
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      name: 'root',
      role: 'admin',
      countries: [],
      disabled: false,
    });
    const badRole = await runCli(['users', 'add', 'x1', '--role', 'boss', '--password-stdin', '--db', db]);
    expect(badRole.code).toBe(2);
    await runCli(
      ['users', 'add', 'ana', '--role', 'analyst', '--countries', 'kz,ru', '--password-stdin', '--db', db],
      {
        input: 'writes every draft\n',
      },
    );
    const list = await runCli(['users', 'list', '--db', db, '--json']);
    expect(
      JSON.parse(list.stdout).map((u: { name: string; countries: string[] }) => [u.name, u.countries]),
    ).toEqual([
      ['ana', ['KZ', 'RU']],
      ['root', []],
    ]);
    expect(list.stdout).not.toMatch(/argon2/);

    const token = await runCli([
      'tokens',
      'create',
      '--user',
      'ana',
      '--label',
      'ci',
      '--as',
      'op',
      '--db',
      db,
      '--json',
    ]);
    const made = JSON.parse(token.stdout) as { id: string; token: string; role: string };
    expect(made).toMatchObject({ role: 'analyst' });
    expect(made.token).toMatch(/^nft_tok_[0-9a-f]{12}\./);
    const above = await runCli([
      'tokens',
      'create',
      '--user',
      'ana',
      '--label',
      'x',
      '--role',
      'admin',
      '--db',
      db,
    ]);
    expect(above.code).toBe(1);
    const tokens = await runCli(['tokens', 'list', '--db', db]);
    expect(tokens.stdout).toContain(made.id);
    expect(tokens.stdout).not.toContain(made.token.split('.')[1]);
    expect((await runCli(['tokens', 'revoke', made.id, '--as', 'op', '--db', db])).code).toBe(0);
    expect((await runCli(['tokens', 'list', '--db', db, '--json'])).stdout).toMatch(/"revoked_at": "20/);

    const probe = await runCli(['probes', 'register', 'almaty-1', '--as', 'op', '--db', db, '--json']);
    expect(JSON.parse(probe.stdout)).toMatchObject({
      name: 'almaty-1',
      id: expect.stringMatching(/^probe-/),
    });
    expect((await runCli(['probes', 'register', 'almaty-1', '--db', db])).code).toBe(1);

    expect(
      (await runCli(['users', 'disable', 'ana', '--reason', 'left', '--as', 'op', '--db', db])).code,
    ).toBe(0);
    const log = JSON.parse(
      (await runCli(['audit', 'list', '--user', 'op', '--db', db, '--json'])).stdout,
    ) as {
      action: string;
      actor: string;
    }[];
    expect(log.map((e) => e.action)).toEqual([
      'user.disable',
      'token.create',
      'probe.register',
      'token.revoke',
      'token.create',
    ]);
  });

  it('run the review workflow with --as, refusing self-approval, and verify the audit log until a row is edited', async () => {
    const db = join(tempDir(), 'w.duckdb');
    expect((await runCli(['assessment', 'import', SCORES, '--db', db, '--as', 'importer'])).code).toBe(0);
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
      '--as',
      'ana',
      '--db',
      db,
    ]);
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/^KZ 2024 revision 1: draft \(edited by ana\)/);
    expect(
      (await runCli(['assessment', 'show', 'KZ', '--edition', '2024', '--json', '--db', db])).stdout,
    ).not.toMatch(/"question_id": "B1"/);
    expect((await runCli(['assessment', 'submit', 'KZ', '2024', '--as', 'ana', '--db', db])).code).toBe(0);
    const self = await runCli(['assessment', 'publish', 'KZ', '2024', '--as', 'ana', '--db', db]);
    expect(self.code).toBe(1);
    expect(self.stderr).toMatch(/nobody approves their own change/);
    const published = await runCli([
      'assessment',
      'publish',
      'KZ',
      '2024',
      '--as',
      'rev',
      '--db',
      db,
      '--json',
    ]);
    expect(JSON.parse(published.stdout)).toMatchObject({ state: 'published', reviewed_by: 'rev' });
    expect(
      (await runCli(['assessment', 'show', 'KZ', '--edition', '2024', '--json', '--db', db])).stdout,
    ).toMatch(/"question_id": "B1"/);
    const history = await runCli(['audit', 'list', '--entity', 'assessment:KZ:2024', '--db', db, '--json']);
    expect(
      JSON.parse(history.stdout).map((e: { action: string; actor: string }) => `${e.action} ${e.actor}`),
    ).toEqual([
      'review.publish rev (local)',
      'review.submit ana (local)',
      'assessment.edit_question ana (local)',
      'assessment.import importer (local)',
    ]);

    const intact = await runCli(['audit', 'verify', '--db', db]);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^audit log intact: \d+ entries; head \d+ [0-9a-f]{64}/);
    // Someone with the database file changes a past entry: the chain breaks there.
    const store = await DuckDbStore.open(db);
    const [row] = await store.db.all<{ seq: number }>(
      "SELECT seq::INTEGER AS seq FROM audit_log WHERE action = 'review.submit'",
    );
    await store.db.run("UPDATE audit_log SET actor = 'rev (local)' WHERE action = 'review.submit'");
    await store.close();
    const broken = await runCli(['audit', 'verify', '--db', db]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toBe(
      `netfreedom: audit log broken at entry ${row!.seq}: its content does not match its hash (the row was edited) ` +
        `(${row!.seq - 1} entries before it are intact)\n`,
    );
    const asJson = await runCli(['audit', 'verify', '--db', db, '--json']);
    expect(asJson.code).toBe(1);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ ok: false, seq: row!.seq });
  }, 60_000);
});
