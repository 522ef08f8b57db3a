import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

describe('GroupCommit', () => {
  it('writes the batches submitted during a commit together, answering each caller its own result', async () => {
    const groups: number[][][] = [];
    const commit = new GroupCommit<number[], number>(
      async (batches) => {
        groups.push(batches);
        await new Promise((r) => setTimeout(r, 5));
        return batches.map((b) => b.reduce((s, x) => s + x, 0));
      },
      (b) => b.length,
    );
    const answers = await Promise.all([[1], [2, 3], [4], [5, 6]].map((b) => commit.submit(b)));
    expect(answers).toEqual([1, 5, 4, 11]);
    // The first batch starts a commit alone; the three that came meanwhile go in the next one.
    expect(groups).toEqual([[[1]], [[2, 3], [4], [5, 6]]]);
  });

  it('keeps groups within the size limit, a larger batch going alone', async () => {
    const sizes: number[] = [];
    const commit = new GroupCommit<number[], number>(
      async (batches) => {
        sizes.push(batches.flat().length);
        return batches.map(() => 0);
      },
      (b) => b.length,
      4,
    );
    await Promise.all([[0], [1, 2, 3], [4, 5], [6, 7, 8, 9, 10, 11], [12]].map((b) => commit.submit(b)));
    expect(sizes).toEqual([1, 3, 2, 6, 1]);
  });

  it('fails only the batch that fails, retrying the others of its group alone', async () => {
    const commit = new GroupCommit<string[], string>(
      async (batches) => {
        if (batches.flat().includes('bad')) throw new Error('refused: bad');
        return batches.map((b) => b.join('+'));
      },
      (b) => b.length,
    );
    const first = commit.submit(['first']); // commits alone while the others queue
    const results = await Promise.allSettled([
      first,
      commit.submit(['a']),
      commit.submit(['bad']),
      commit.submit(['b', 'c']),
    ]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 'first' },
      { status: 'fulfilled', value: 'a' },
      { status: 'rejected', reason: new Error('refused: bad') },
      { status: 'fulfilled', value: 'b+c' },
    ]);
    await commit.flush();
  });
});
