/** Submissions under concurrency and SIGKILL (submission-rounds.ts) on a ClickHouse server. */
import { describe, it } from 'vitest';
import { startClickHouse } from '../helpers/clickhouse-server.js';
import { submissionRounds } from './submission-rounds.js';

describe('submissions under concurrency and SIGKILL', () => {
  it('keep every acknowledged submission on ClickHouse: 50 probes × 100, killed twice', async () => {
    const server = await startClickHouse();
    try {
      await submissionRounds(`clickhouse:${server.url}/nf_subconc`, {
        writers: 50,
        perWriter: 100,
        readers: 4,
        killAfter: [1200, 1500, null],
      });
    } finally {
      await server.stop();
    }
  }, 900_000);
});
