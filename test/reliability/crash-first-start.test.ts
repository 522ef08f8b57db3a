/**
 * `netfreedom serve` killed with SIGKILL while its first start seeds the bundled data: the next start completes the
 * seeding, so the store ends as a start never interrupted leaves it (regression: the bundled measurements are
 * ingested file by file, and a kill among them used to leave the store half-seeded for good).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import {
  auditVerifies,
  ensureBuilt,
  killedAfter,
  startCli,
  startServe,
} from '../../testkit/reliability/cli-process.js';
import { none, recordFigures, sized } from '../../testkit/reliability/figures.js';
import { crashSeed, seededRandom } from '../../testkit/reliability/seeded-random.js';
import { inspectStore } from '../../testkit/reliability/store-checks.js';
import { tempDir } from '../helpers/temp.js';

const ROUNDS = sized(2, 10);
/** The last step before the measurements are seeded says this. */
const MEASUREMENTS_NEXT = 'seeded the bundled country evidence';

beforeAll(() => ensureBuilt());

async function contents(db: string): Promise<string> {
  const store = await DuckDbStore.open(db);
  try {
    return JSON.stringify({
      measurements: await store.measurements.count({ includeSimulated: true }),
      simulated:
        (await store.measurements.count({ includeSimulated: true })) - (await store.measurements.count()),
      assessments: await store.assessments.count(),
      evidence: await store.evidence.count(),
    });
  } finally {
    await store.close();
  }
}

describe('the first start killed with SIGKILL while it seeds', () => {
  it(
    'is completed by the next start',
    async () => {
      const dir = tempDir('nf-crash-first-start-');
      // The reference: a first start left alone, and how long it seeds measurements.
      const reference = join(dir, 'reference.duckdb');
      const first = startCli(['serve', '--port', '0', '--db', reference]);
      let from = 0;
      let to = 0;
      while (!first.stderr().includes('serving')) {
        if (!from && first.stderr().includes(MEASUREMENTS_NEXT)) from = Date.now();
        if (first.child.exitCode !== null) throw new Error(first.stderr());
        await new Promise((r) => setTimeout(r, 5));
      }
      to = Date.now();
      first.child.kill('SIGTERM');
      await first.done;
      const expected = await contents(reference);
      const span = to - (from || to);

      const random = seededRandom(crashSeed('crash-first-start'));
      const f = { struck: 0, incomplete: 0, partial: 0, duplicates: 0, audit: 0 };
      const problems: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const db = join(dir, `round-${round}.duckdb`);
        const killed = await killedAfter(
          ['serve', '--port', '0', '--db', db],
          Math.round(random() * span),
          (err) => err.includes(MEASUREMENTS_NEXT),
        );
        if (killed.killed && !killed.stderr.includes('serving')) f.struck++;
        const again = await startServe(db);
        await again.stop('SIGTERM');
        const got = await contents(db);
        if (got !== expected) {
          f.incomplete++;
          problems.push(`round ${round}: ${got}, expected ${expected}`);
        }
        const state = await inspectStore(db);
        f.partial += state.partial;
        f.duplicates += state.duplicates;
        problems.push(...state.problems.map((p) => `round ${round}: ${p}`));
        if (!(await auditVerifies(db)).ok) f.audit++;
      }
      console.log(
        `crash-first-start: measurements seeded in ${span} ms; ${f.struck} kills struck while seeding`,
      );

      await recordFigures('crash-first-start', [
        {
          name: 'first-start kills: rounds (struck while seeding)',
          value: `${ROUNDS} (${f.struck})`,
          goal: `${ROUNDS}`,
          ok: true,
        },
        none('first-start kills: seedings left incomplete', f.incomplete),
        none('first-start kills: partial rows', f.partial),
        none('first-start kills: duplicates', f.duplicates),
        none('first-start kills: audit chain failures', f.audit),
      ]);
      expect(problems.slice(0, 10)).toEqual([]);
      expect(f).toMatchObject({ incomplete: 0, partial: 0, duplicates: 0, audit: 0 });
      expect(f.struck).toBeGreaterThan(0);
    },
    sized(600_000, 3_600_000),
  );
});
