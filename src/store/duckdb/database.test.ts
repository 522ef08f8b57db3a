/**
 * Rows as JSON-safe objects across many chunks; kept prepared statements: concurrent calls keep their own values,
 * rebuilt tables are re-bound, eviction is safe.
 */
import { describe, expect, it } from 'vitest';
import { DuckDbDatabase } from './database.js';

describe('DuckDbDatabase.allPrepared', () => {
  it('gives each concurrent call the rows of its own values', async () => {
    const db = await DuckDbDatabase.open(':memory:');
    try {
      await db.run('CREATE TABLE t AS SELECT i FROM range(1000) r(i)');
      const sql = 'SELECT CAST(count(*) AS INTEGER) AS n FROM t WHERE i < $1';
      const limits = Array.from({ length: 20 }, (_, k) => k * 50);
      await db.allPrepared(sql, [1]); // kept: the first concurrent call uses it, the others find it busy
      const answers = await Promise.all(limits.map((l) => db.allPrepared<{ n: number }>(sql, [l])));
      expect(answers.map((rows) => rows[0]!.n)).toEqual(limits);
    } finally {
      await db.close();
    }
  });

  it('reads a table rebuilt under the same name, and keeps working past the number it keeps', async () => {
    const db = await DuckDbDatabase.open(':memory:');
    try {
      await db.run('CREATE TABLE t AS SELECT 1 AS v');
      const sql = 'SELECT v FROM t';
      expect(await db.allPrepared(sql)).toEqual([{ v: 1 }]);
      await db.run('CREATE TABLE t2 AS SELECT 2 AS v; DROP TABLE t; ALTER TABLE t2 RENAME TO t');
      expect(await db.allPrepared(sql)).toEqual([{ v: 2 }]);
      for (let k = 0; k < 100; k++) expect(await db.allPrepared(`SELECT ${k} AS k`)).toEqual([{ k }]);
      expect(await db.allPrepared(sql)).toEqual([{ v: 2 }]);
    } finally {
      await db.close();
    }
  });
});

describe('DuckDbDatabase.all', () => {
  it('reads every chunk of a large result in order, as JSON-safe values', async () => {
    const db = await DuckDbDatabase.open(':memory:');
    try {
      // 5,000 rows are three chunks of DuckDB's 2,048; BIGINT comes back as text, DATE as YYYY-MM-DD.
      const rows = await db.all(
        `SELECT i, i::INTEGER AS n, DATE '2024-01-01' + i::INTEGER AS day, NULL AS nothing, 'x' AS n
          FROM range(5000) r(i)`,
      );
      expect(rows).toHaveLength(5000);
      expect(rows[4999]).toEqual({ i: '4999', n: 4999, day: '2037-09-08', nothing: null, 'n:1': 'x' });
      expect(rows.every((r, k) => r.n === k)).toBe(true);
      const prepared = await db.allPrepared('SELECT i::INTEGER AS k FROM range($1) r(i)', [4100]);
      expect(prepared.map((r) => r.k)).toEqual(Array.from({ length: 4100 }, (_, k) => k));
    } finally {
      await db.close();
    }
  });
});

describe('DuckDbDatabase writer and readers', () => {
  it('never lets two callers share a transaction: a failed one rolls back only its own rows', async () => {
    const db = await DuckDbDatabase.open(':memory:');
    try {
      await db.run('CREATE TABLE t (id INTEGER PRIMARY KEY)');
      const writes = Array.from({ length: 20 }, (_, i) =>
        db.transaction(async () => {
          await db.run('INSERT INTO t VALUES ($1)', [i]);
          await new Promise((r) => setTimeout(r, 1));
          if (i % 4 === 0) throw new Error(`write ${i} fails`);
        }),
      );
      const results = await Promise.allSettled(writes);
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(5);
      const rows = await db.all<{ id: number }>('SELECT id FROM t ORDER BY id');
      expect(rows.map((r) => r.id)).toEqual(
        Array.from({ length: 20 }, (_, i) => i).filter((i) => i % 4 !== 0),
      );
    } finally {
      await db.close();
    }
  });

  it('answers reads while a write runs, from the last commit; the write reads its own rows', async () => {
    const db = await DuckDbDatabase.open(':memory:');
    try {
      await db.run('CREATE TABLE t (v INTEGER)');
      await db.run('INSERT INTO t VALUES (1)');
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      const write = db.transaction(async () => {
        await db.run('INSERT INTO t VALUES (2)');
        expect(await db.all('SELECT count(*)::INTEGER AS n FROM t')).toEqual([{ n: 2 }]);
        await held;
      });
      // The write is open and holds the writer: reads still answer, without its uncommitted row.
      await new Promise((r) => setTimeout(r, 10));
      const during = await Promise.all(
        Array.from({ length: 6 }, () =>
          db.allPrepared<{ n: number }>('SELECT count(*)::INTEGER AS n FROM t'),
        ),
      );
      expect(during.map((rows) => rows[0]!.n)).toEqual([1, 1, 1, 1, 1, 1]);
      release();
      await write;
      expect(await db.all('SELECT count(*)::INTEGER AS n FROM t')).toEqual([{ n: 2 }]);
    } finally {
      await db.close();
    }
  });

  it('gives the reads of one snapshot the same data whatever commits meanwhile', async () => {
    const db = await DuckDbDatabase.open(':memory:');
    try {
      await db.run('CREATE TABLE t (v INTEGER)');
      const [a, b] = await db.snapshot(async () => {
        const first = await db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM t');
        await db.run('INSERT INTO t VALUES (1)'); // another caller's write, committed between the two reads
        const second = await db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM t');
        return [first[0]!.n, second[0]!.n];
      });
      expect([a, b]).toEqual([0, 0]);
      expect(await db.all('SELECT count(*)::INTEGER AS n FROM t')).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
  });
});
