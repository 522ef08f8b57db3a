/** Submissions under concurrency and SIGKILL (submission-rounds.ts) on a DuckDB file. */
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { tempDir } from '../helpers/temp.js';
import { submissionRounds } from './submission-rounds.js';

describe('submissions under concurrency and SIGKILL', () => {
  it('keep every acknowledged submission on DuckDB: 50 probes × 200, killed 3 times', async () => {
    const db = `duckdb:${join(tempDir('nf-subconc-'), 'served.duckdb')}`;
    await submissionRounds(db, {
      writers: 50,
      perWriter: 200,
      readers: 8,
      killAfter: [1500, 2500, 1000, null],
    });
  }, 900_000);
});
