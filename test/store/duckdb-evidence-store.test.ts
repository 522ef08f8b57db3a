/** The evidence store suite against DuckDB, plus DuckDB's rollback of a failed transaction. */
import { describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { MIGRATIONS } from '../../src/store/duckdb/migrations.js';
import { event, evidenceStoreSuite } from './evidence-store-suite.js';

evidenceStoreSuite('DuckDB', async () => {
  const store = await DuckDbStore.open(':memory:');
  return { store, close: () => store.close() };
});

describe('DuckDB evidence', () => {
  it('leaves nothing behind when the surrounding transaction fails', async () => {
    const store = await DuckDbStore.open(':memory:');
    try {
      await expect(
        store.transaction(async () => {
          await store.evidence.put('event', event('r-1'));
          throw new Error('failed import');
        }),
      ).rejects.toThrow('failed import');
      expect(await store.evidence.count()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('is migration 7, appended after the measurement and sync migrations', () => {
    expect(MIGRATIONS.find((m) => m.version === 7)).toMatchObject({ name: 'country evidence' });
    expect(MIGRATIONS.map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
