/**
 * `netfreedom reanalyze` killed with SIGKILL at seeded random moments: a store whose measurements all carry an
 * older, different judgement is re-judged page by page; after each kill the store opens with every row either still
 * stale or fully re-judged (its columns, its analysis and the daily counts agreeing), none lost or doubled, and
 * running it again ends exactly where an uninterrupted re-analysis ends.
 */
import { cpSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MeasurementAnalysis } from '../../src/model/analysis.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { auditVerifies, ensureBuilt, killedAfter, runCli } from '../../testkit/reliability/cli-process.js';
import { none, recordFigures, sized } from '../../testkit/reliability/figures.js';
import { writeRealShapedFile } from '../../testkit/reliability/real-shaped-file.js';
import { crashSeed, seededRandom } from '../../testkit/reliability/seeded-random.js';
import { inspectStore } from '../../testkit/reliability/store-checks.js';
import { tempDir } from '../helpers/temp.js';

const ROUNDS = sized(3, 20);
/** Re-analysis writes pages of 1,000: several pages, so that kills fall between and inside them. */
const RECORDS = sized(2000, 3000);

beforeAll(() => ensureBuilt());

/** An older judgement that differs from today's (the outcome flipped), so re-judging changes counts. */
function stale(a: MeasurementAnalysis): MeasurementAnalysis {
  return {
    ...a,
    rulesVersion: 0,
    outcome: a.outcome === 'ok' ? 'anomaly' : 'ok',
    confirmed: false,
    tlsConfirmed: false,
  };
}

/** Copies a store (the database file and its raw archive beside it). */
function copyStore(from: string, to: string): void {
  cpSync(from, to);
  if (existsSync(`${from}.raw`)) cpSync(`${from}.raw`, `${to}.raw`, { recursive: true });
}

/** True once re-analysis has written to the write-ahead log: its first page is on its way. */
const writing = (db: string) => () => existsSync(`${db}.wal`) && statSync(`${db}.wal`).size > 0;

describe('reanalyze killed with SIGKILL at random moments', () => {
  it(
    'leaves each row stale or whole, and the re-run ends as an uninterrupted one',
    async () => {
      const dir = tempDir('nf-crash-reanalyze-');
      const file = join(dir, 'dump.jsonl');
      writeRealShapedFile(file, RECORDS);
      const base = join(dir, 'base.duckdb');
      const ingested = await runCli(['ingest', file, '--db', base, '--json']);
      expect(ingested.code, ingested.stderr).toBe(0);
      // Today's judgement of every row, then the older one written in its place through the store (daily counts follow).
      const current = new Map<string, string>();
      const store = await DuckDbStore.open(base);
      try {
        for (let after: string | undefined; ; ) {
          const page = await store.measurements.staleRecords(Number.MAX_SAFE_INTEGER, {
            limit: 1000,
            ...(after ? { afterUid: after } : {}),
          });
          if (page.length === 0) break;
          for (const r of page) current.set(r.uid, JSON.stringify(r.analysis));
          await store.measurements.updateAnalyses(
            page.map((r) => ({ uid: r.uid, analysis: stale(r.analysis) })),
          );
          after = page.at(-1)!.uid;
        }
      } finally {
        await store.close();
      }
      expect(current.size).toBe(RECORDS);

      // The reference: an uninterrupted re-analysis of a copy, and how long its writing takes.
      const reference = join(dir, 'reference.duckdb');
      copyStore(base, reference);
      const started = Date.now();
      const whole = await killedAfter(
        ['reanalyze', '--db', reference, '--json'],
        3_600_000,
        writing(reference),
      );
      expect(whole.code, whole.stderr).toBe(0);
      const duration = Date.now() - started - (whole.armedAt ?? 0);
      expect(JSON.parse(whole.stdout)).toMatchObject({ examined: RECORDS, updated: RECORDS });
      const expected = await inspectStore(reference);
      expect(expected.partial, expected.problems.join('\n')).toBe(0);
      for (const [uid, r] of expected.records) expect(JSON.stringify(r.analysis), uid).toBe(current.get(uid));

      const random = seededRandom(crashSeed('crash-reanalyze'));
      const f = { struck: 0, lost: 0, duplicates: 0, partial: 0, rerunFailures: 0, audit: 0 };
      const problems: string[] = [];
      const rejudgedAtKill: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const db = join(dir, `round-${round}.duckdb`);
        copyStore(base, db);
        const killed = await killedAfter(
          ['reanalyze', '--db', db, '--json'],
          Math.round(random() * 1.05 * duration),
          writing(db),
        );
        if (killed.killed) f.struck++;
        const after = await inspectStore(db);
        f.duplicates += after.duplicates;
        f.partial += after.partial;
        problems.push(...after.problems.map((p) => `round ${round} after the kill: ${p}`));
        let rejudged = 0;
        for (const uid of current.keys()) if (!after.records.has(uid)) f.lost++;
        for (const [uid, r] of after.records) {
          const now = JSON.stringify(r.analysis);
          if (now === current.get(uid)) rejudged++;
          else if (now !== JSON.stringify(stale(JSON.parse(current.get(uid)!)))) {
            f.partial++;
            problems.push(`round ${round}: ${uid} neither stale nor re-judged: ${now.slice(0, 200)}`);
          }
        }
        rejudgedAtKill.push(rejudged);

        const rerun = await runCli(['reanalyze', '--db', db, '--json']);
        if (rerun.code !== 0) {
          f.rerunFailures++;
          problems.push(`round ${round}: the re-run exited ${rerun.code}: ${rerun.stderr.slice(0, 300)}`);
        } else if (JSON.parse(rerun.stdout).updated !== RECORDS - rejudged) {
          problems.push(
            `round ${round}: the re-run updated ${rerun.stdout}, ${RECORDS - rejudged} were stale`,
          );
        }
        const completed = await inspectStore(db);
        f.duplicates += completed.duplicates;
        f.partial += completed.partial;
        problems.push(...completed.problems.map((p) => `round ${round} after the re-run: ${p}`));
        for (const uid of current.keys()) if (!completed.records.has(uid)) f.lost++;
        for (const [uid, r] of completed.records)
          if (JSON.stringify(r.analysis) !== current.get(uid)) {
            f.partial++;
            problems.push(`round ${round}: ${uid} not re-judged after the re-run`);
          }
        if (!(await auditVerifies(db)).ok) f.audit++;
      }
      console.log(
        `crash-reanalyze: ${RECORDS} records, uninterrupted writing ${duration} ms; ${f.struck} kills struck; ` +
          `re-judged at the kills: ${rejudgedAtKill.join(', ')}`,
      );

      await recordFigures('crash-reanalyze', [
        {
          name: 'reanalyze kills: rounds (SIGKILL struck)',
          value: `${ROUNDS} (${f.struck})`,
          goal: `${ROUNDS}`,
          ok: true,
        },
        none('reanalyze kills: measurements lost', f.lost),
        none('reanalyze kills: duplicates', f.duplicates),
        none('reanalyze kills: partial rows', f.partial),
        none('reanalyze kills: re-runs that failed', f.rerunFailures),
        none('reanalyze kills: audit chain failures', f.audit),
      ]);
      expect(problems.slice(0, 10)).toEqual([]);
      expect(f).toMatchObject({ lost: 0, duplicates: 0, partial: 0, rerunFailures: 0, audit: 0 });
      // Over many rounds the kills land at different points, not all before or after the work.
      if (ROUNDS >= 10) expect(new Set(rejudgedAtKill).size).toBeGreaterThan(1);
    },
    sized(600_000, 3_600_000),
  );
});
