import { describe, expect, it } from 'vitest';
import { type Appender, appendAll } from './append-all.js';
import { DuckDbDatabase } from './database.js';

describe('appendAll', () => {
  it('drops the rows of a failed append, so that closing the appender later aborts no other transaction', async () => {
    const db = await DuckDbDatabase.open(':memory:');
    try {
      await db.run('CREATE TABLE t (id VARCHAR PRIMARY KEY)');
      await db.run("INSERT INTO t VALUES ('a')");
      let kept: Appender | undefined;
      await expect(
        db.transaction(async () => {
          kept = await db.appender('t');
          appendAll(kept, (a) => {
            for (const id of ['b', 'a']) {
              a.appendVarchar(id);
              a.endRow();
            }
          });
        }),
      ).rejects.toThrow(/Duplicate key "id: a" violates primary key constraint/);
      // The garbage collector closes every appender it destroys, whenever it runs: here, in another transaction.
      await db.transaction(async () => {
        try {
          kept!.closeSync();
        } catch {
          // closed already
        }
        await db.run("INSERT INTO t VALUES ('c')");
      });
      expect(await db.all('SELECT id FROM t ORDER BY id')).toEqual([{ id: 'a' }, { id: 'c' }]);
    } finally {
      await db.close();
    }
  });
});
