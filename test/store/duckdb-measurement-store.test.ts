/** The measurement store suite against DuckDB, plus DuckDB batch atomicity. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { record } from './measurement-fixtures.js';
import { measurementStoreSuite } from './measurement-store-suite.js';

measurementStoreSuite('DuckDB', async () => {
  const store = await DuckDbStore.open(':memory:');
  return { store: store.measurements, close: () => store.close() };
});

describe('DuckDB measurement batches', () => {
  it('leave nothing behind when the surrounding transaction fails, and a re-run completes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nf-store-'));
    try {
      const path = join(dir, 'm.duckdb');
      const store = await DuckDbStore.open(path);
      const batch = [record({}), record({})];
      await expect(
        store.transaction(async () => {
          await store.measurements.put(batch);
          throw new Error('killed mid-ingest');
        }),
      ).rejects.toThrow('killed');
      expect(await store.measurements.count()).toBe(0);
      await store.close();
      const again = await DuckDbStore.open(path);
      expect(await again.measurements.put(batch)).toEqual({ added: 2, duplicates: 0 });
      expect(await again.measurements.count()).toBe(2);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
