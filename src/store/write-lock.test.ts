import { describe, expect, it } from 'vitest';
import { WriteLock } from './write-lock.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('WriteLock', () => {
  it('runs writes one at a time, in the order asked, also when one throws', async () => {
    const lock = new WriteLock();
    const log: string[] = [];
    let inside = 0;
    const write = (name: string, fail = false) =>
      lock.run(async () => {
        inside++;
        expect(inside).toBe(1);
        log.push(`start ${name}`);
        await tick();
        log.push(`end ${name}`);
        inside--;
        if (fail) throw new Error(name);
      });
    const results = await Promise.allSettled([write('a'), write('b', true), write('c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(lock.pending).toBe(0);
  });

  it('lets a write join itself (nested calls), but nothing else', async () => {
    const lock = new WriteLock();
    const log: string[] = [];
    const outer = lock.run(async () => {
      expect(lock.held).toBe(true);
      await lock.run(async () => log.push('nested'));
      await tick();
      log.push('outer done');
    });
    const other = lock.run(async () => log.push('other'));
    expect(lock.held).toBe(false);
    await Promise.all([outer, other]);
    expect(log).toEqual(['nested', 'outer done', 'other']);
  });

  it('drains: resolves once every write asked for so far has ended', async () => {
    const lock = new WriteLock();
    let done = 0;
    for (let i = 0; i < 3; i++)
      void lock.run(async () => {
        await tick();
        done++;
      });
    await lock.drain();
    expect(done).toBe(3);
  });
});
