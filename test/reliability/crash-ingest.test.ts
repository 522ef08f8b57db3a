/**
 * `netfreedom ingest` of a real-shaped OONI file killed with SIGKILL at seeded random moments: after each kill the
 * store opens holding whole batches of whole rows only, and running the same ingest again completes the file with
 * no duplicate, exactly as an uninterrupted ingest would have stored it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditVerifies, ensureBuilt, killedAfter, runCli } from '../../testkit/reliability/cli-process.js';
import { none, recordFigures, sized } from '../../testkit/reliability/figures.js';
import { writeRealShapedFile } from '../../testkit/reliability/real-shaped-file.js';
import { crashSeed, seededRandom } from '../../testkit/reliability/seeded-random.js';
import { inspectStore } from '../../testkit/reliability/store-checks.js';
import { tempDir } from '../helpers/temp.js';

const ROUNDS = sized(3, 20);
const RECORDS = sized(800, 3000);
const BATCH = sized(100, 250);

beforeAll(() => ensureBuilt());

/** True once the ingest has written raw text beside the database: its first batch is on its way. */
function writing(db: string): () => boolean {
  const dir = `${db}.raw`;
  return () =>
    existsSync(dir) && readdirSync(dir).some((n) => n.endsWith('.seg') && statSync(join(dir, n)).size > 0);
}

describe('ingest killed with SIGKILL at random moments', () => {
  it(
    'keeps whole batches, and the re-run completes the file without duplicates',
    async () => {
      const dir = tempDir('nf-crash-ingest-');
      const file = join(dir, 'dump.jsonl');
      const reportIds = writeRealShapedFile(file, RECORDS);
      const ingest = (db: string) => ['ingest', file, '--db', db, '--batch-size', String(BATCH), '--json'];

      // The reference: the same file ingested without interruption, and how long its writing takes.
      const reference = join(dir, 'reference.duckdb');
      const started = Date.now();
      const whole = await killedAfter(ingest(reference), 3_600_000, writing(reference));
      expect(whole.code, whole.stderr).toBe(0);
      // From the first raw block written to the end: the span the kills are spread over.
      const duration = Date.now() - started - (whole.armedAt ?? 0);
      const expected = await inspectStore(reference);
      expect(expected.records.size).toBe(RECORDS);
      const expectedRaw = new Map([...expected.records].map(([uid, r]) => [uid, JSON.stringify(r.raw)]));

      const random = seededRandom(crashSeed('crash-ingest'));
      const f = { struck: 0, lost: 0, duplicates: 0, partial: 0, tornBatches: 0, rerunFailures: 0, audit: 0 };
      const problems: string[] = [];
      const killedAt: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const db = join(dir, `round-${round}.duckdb`);
        // Anywhere from the first raw block written to a little past the last batch.
        const at = Math.round(random() * 1.05 * duration);
        const killed = await killedAfter(ingest(db), at, writing(db));
        if (killed.killed) f.struck++;
        const after = await inspectStore(db);
        killedAt.push(after.records.size);
        f.duplicates += after.duplicates;
        f.partial += after.partial;
        problems.push(...after.problems.map((p) => `round ${round} after the kill: ${p}`));
        if (after.records.size % BATCH !== 0) f.tornBatches++;
        for (const [uid, r] of after.records)
          if (expectedRaw.get(uid) !== JSON.stringify(r.raw)) {
            f.partial++;
            problems.push(`round ${round}: ${uid} is not as an uninterrupted ingest stores it`);
          }

        const rerun = await runCli(ingest(db));
        if (rerun.code !== 0) {
          f.rerunFailures++;
          problems.push(`round ${round}: the re-run exited ${rerun.code}: ${rerun.stderr.slice(0, 300)}`);
        } else {
          const summary = JSON.parse(rerun.stdout) as { read: number; added: number; duplicates: number };
          if (summary.read !== RECORDS || summary.added + summary.duplicates !== RECORDS)
            problems.push(`round ${round}: re-run summary ${rerun.stdout}`);
          if (summary.duplicates !== after.records.size)
            problems.push(
              `round ${round}: re-run found ${summary.duplicates} of the ${after.records.size} kept`,
            );
        }
        const completed = await inspectStore(db);
        f.duplicates += completed.duplicates;
        f.partial += completed.partial;
        problems.push(...completed.problems.map((p) => `round ${round} after the re-run: ${p}`));
        for (const uid of expectedRaw.keys()) if (!completed.records.has(uid)) f.lost++;
        for (const [uid, r] of completed.records)
          if (expectedRaw.get(uid) !== JSON.stringify(r.raw)) {
            f.partial++;
            problems.push(`round ${round}: ${uid} differs after the re-run`);
          }
        const ids = new Set(
          [...completed.records.values()].map((r) => (r.raw as { report_id: string }).report_id),
        );
        if (ids.size !== reportIds.length)
          problems.push(`round ${round}: ${ids.size} report ids of ${reportIds.length}`);
        if (!(await auditVerifies(db)).ok) f.audit++;
      }
      console.log(
        `crash-ingest: ${RECORDS} records, uninterrupted ${duration} ms; ${f.struck} kills struck; rows at the kills: ${killedAt.join(', ')}`,
      );

      await recordFigures('crash-ingest', [
        {
          name: 'ingest kills: rounds (SIGKILL struck)',
          value: `${ROUNDS} (${f.struck})`,
          goal: `${ROUNDS}`,
          ok: true,
        },
        none('ingest kills: records lost after the re-run', f.lost),
        none('ingest kills: duplicates', f.duplicates),
        none('ingest kills: partial rows', f.partial),
        none('ingest kills: torn batches', f.tornBatches),
        none('ingest kills: re-runs that failed', f.rerunFailures),
        none('ingest kills: audit chain failures', f.audit),
      ]);
      expect(problems.slice(0, 10)).toEqual([]);
      expect(f).toMatchObject({
        lost: 0,
        duplicates: 0,
        partial: 0,
        tornBatches: 0,
        rerunFailures: 0,
        audit: 0,
      });
      // Over many rounds the kills land at different points, not all before or after the work.
      if (ROUNDS >= 10) expect(new Set(killedAt).size).toBeGreaterThan(1);
    },
    sized(600_000, 3_600_000),
  );
});
