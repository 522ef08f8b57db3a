/**
 * `netfreedom serve` killed with SIGKILL at seeded random moments while probes submit measurements and a signed-in
 * analyst edits scores and records events through the API: after each kill the store opens, every submission
 * answered 2xx is there exactly once as it was sent, every acknowledged edit is there with its audit entry, no row
 * is partial, and `netfreedom audit verify` passes. Probes keep what was not acknowledged and send it again.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ANALYST,
  editLoop,
  editorState,
  lostEdits,
  signIn,
} from '../../testkit/reliability/analyst-editor.js';
import { auditVerifies, ensureBuilt, runCli, startServe } from '../../testkit/reliability/cli-process.js';
import { none, recordFigures, sized } from '../../testkit/reliability/figures.js';
import { between, crashSeed, seededRandom } from '../../testkit/reliability/seeded-random.js';
import { inspectStore } from '../../testkit/reliability/store-checks.js';
import { SUBMISSION_CC, type Submission, submission } from '../../testkit/reliability/submission-bodies.js';
import { tempDir } from '../helpers/temp.js';

const ROUNDS = sized(3, 20);
const PROBES = sized(8, 16);
const EDITORS = sized(3, 6);
const PER_PROBE = sized(400, 2000);
/** When the kill strikes, in ms after the load is under way. */
const KILL_WINDOW = { min: 0, max: sized(2000, 4000) };

beforeAll(() => ensureBuilt());

describe('serve killed with SIGKILL under submissions and analyst edits', () => {
  it(
    'keeps every acknowledged submission and edit, whole and once, with the audit chain intact',
    async () => {
      const db = join(tempDir('nf-crash-serve-'), 'served.duckdb');
      const added = await runCli(
        [
          'users',
          'add',
          ANALYST.name,
          '--role',
          'analyst',
          '--countries',
          'KZ',
          '--password-stdin',
          '--db',
          db,
        ],
        `${ANALYST.password}\n`,
      );
      expect(added.code, added.stderr).toBe(0);

      const random = seededRandom(crashSeed('crash-serve'));
      const queues: Submission[][] = Array.from({ length: PROBES }, (_, p) =>
        Array.from({ length: PER_PROBE }, (_, n) => submission('crash', p, n)),
      );
      const sent = new Map(queues.flat().map((s) => [s.uid, s.body]));
      const acknowledged = new Set<string>();
      const editors = Array.from({ length: EDITORS }, (_, k) => editorState(k));
      const f = { lost: 0, lostEdits: 0, duplicates: 0, partial: 0, audit: 0, notAsSent: 0 };
      const problems: string[] = [];
      const failures: string[] = [];

      for (let round = 0; round < ROUNDS; round++) {
        const server = await startServe(db, ['--submissions-per-minute', '100000000']);
        let killed = false;
        const up = () => !killed;
        const acksBefore = acknowledged.size;
        try {
          const cookie = await signIn(server.url);
          const probe = async (p: number) => {
            const queue = queues[p]!;
            while (queue.length > 0 && !killed) {
              const s = queue[0]!;
              try {
                const res = await fetch(`${server.url}/api/v1/measurements`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: s.body,
                });
                const answer = (await res.json()) as { measurement_uid?: string };
                if (res.status !== 200) {
                  if (up()) failures.push(`submission answered ${res.status}: ${JSON.stringify(answer)}`);
                  return;
                }
                if (answer.measurement_uid !== s.uid)
                  failures.push(`${s.uid} answered as ${answer.measurement_uid}`);
                acknowledged.add(s.uid);
                queue.shift();
              } catch (err) {
                // The server is gone: the probe keeps the measurement for the next round.
                if (up())
                  failures.push(`submission failed while the server was up: ${(err as Error).message}`);
                return;
              }
            }
          };
          const work = [
            ...queues.map((_, p) => probe(p)),
            ...editors.map((e) =>
              editLoop(server.url, cookie, e, () => killed, up).then((x) => failures.push(...x)),
            ),
          ];
          // The kill strikes a random time after the load is under way (some submissions and an edit of every
          // editor acknowledged in this round), so a busy machine only slows the rounds down.
          const edited = editors.map((e) => e.edits);
          const underWay = () =>
            acknowledged.size >= acksBefore + PROBES && editors.every((e, k) => e.edits > edited[k]! + 1);
          for (const until = Date.now() + 120_000; !underWay() && Date.now() < until; )
            await new Promise((r) => setTimeout(r, 10));
          await new Promise((r) => setTimeout(r, between(random, KILL_WINDOW.min, KILL_WINDOW.max)));
          killed = true;
          await server.stop('SIGKILL');
          await Promise.all(work);
        } finally {
          await server.stop('SIGKILL');
        }

        if (!(await auditVerifies(db)).ok) f.audit++;
        const state = await inspectStore(db);
        f.duplicates += state.duplicates;
        f.partial += state.partial;
        problems.push(...state.problems.map((p) => `round ${round}: ${p}`));
        for (const uid of acknowledged) if (!state.records.has(uid)) f.lost++;
        for (const [uid, r] of state.records) {
          if (r.probeCc !== SUBMISSION_CC) continue;
          const body = sent.get(uid);
          if (!body || JSON.stringify(r.raw) !== JSON.stringify(JSON.parse(body))) {
            f.notAsSent++;
            problems.push(`round ${round}: ${uid} is not a measurement as it was sent`);
          }
        }
        const missing = await lostEdits(db, editors);
        f.lostEdits += missing.length;
        problems.push(...missing.map((m) => `round ${round}: ${m}`));
      }
      const edits = editors.reduce((n, e) => n + e.edits, 0);
      console.log(
        `crash-serve: ${ROUNDS} rounds, ${acknowledged.size} submissions acknowledged of ${sent.size}, ${edits} edits`,
      );

      await recordFigures('crash-serve', [
        { name: 'serve kills: rounds', value: ROUNDS, goal: `${ROUNDS}`, ok: true },
        {
          name: 'serve kills: submissions acknowledged',
          value: acknowledged.size,
          goal: '> 0',
          ok: acknowledged.size > 0,
        },
        { name: 'serve kills: analyst edits sent', value: edits, goal: '> 0', ok: edits > 0 },
        none('serve kills: acknowledged submissions lost', f.lost),
        none('serve kills: acknowledged edits lost', f.lostEdits),
        none('serve kills: duplicates', f.duplicates),
        none('serve kills: partial rows', f.partial + f.notAsSent),
        none('serve kills: audit chain failures', f.audit),
        none('serve kills: errors while up', failures.length),
      ]);
      expect(failures.slice(0, 10)).toEqual([]);
      expect(problems.slice(0, 10)).toEqual([]);
      expect(f).toMatchObject({ lost: 0, lostEdits: 0, duplicates: 0, partial: 0, audit: 0, notAsSent: 0 });
      expect(acknowledged.size).toBeGreaterThan(0);
      expect(editors.every((e) => e.events.length > 0)).toBe(true);
    },
    sized(180_000, 1_800_000),
  );
});
