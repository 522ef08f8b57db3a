/** The measurement store suite against DuckDB, plus DuckDB batch atomicity. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbDatabase } from '../../src/store/duckdb/database.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { MIGRATIONS, migrate } from '../../src/store/duckdb/migrations.js';
import { tempDir } from '../helpers/temp.js';
import { record } from './measurement-fixtures.js';
import { measurementStoreSuite } from './measurement-store-suite.js';

measurementStoreSuite('DuckDB', async () => {
  const store = await DuckDbStore.open(':memory:');
  return { store: store.measurements, close: () => store.close() };
});

describe('DuckDB measurement batches', () => {
  it('look for stored uids on every day inside a surrounding transaction, which a refused key would abort', async () => {
    const store = await DuckDbStore.open(':memory:');
    try {
      const first = record({ domain: 'first.example' });
      await store.measurements.put([first]);
      const moved = { ...first, startTime: '2019-02-03T04:05:06Z' };
      const result = await store.transaction(async () => {
        const r = await store.measurements.put([moved, record({ domain: 'second.example' })]);
        await store.measurements.put([record({ domain: 'third.example' })]);
        return r;
      });
      expect(result).toEqual({ added: 1, duplicates: 1 });
      expect(await store.measurements.count()).toBe(3);
      expect((await store.measurements.get(first.uid))?.startTime).toBe(first.startTime);
    } finally {
      await store.close();
    }
  });

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

describe('DuckDB raw archive', () => {
  it('keeps reading raw text stored inline before migration 3, beside records written to the archive after', async () => {
    const path = join(tempDir(), 'old.duckdb');
    const old = await DuckDbDatabase.open(path);
    await migrate(
      old,
      MIGRATIONS.filter((m) => m.version <= 2),
    );
    await old.run(
      `INSERT INTO measurements VALUES ('old-1', 'ooni', 'web_connectivity', 'https://a.kz/', 'a.kz', 'KZ',
      'AS9198', TIMESTAMP '2024-03-01 10:00:00', DATE '2024-03-01', NULL, false, 1, 'false', true, 'false', 'ok', false,
      $1, $2)`,
      [JSON.stringify(record({}).analysis), '{"probe_ip":"127.0.0.1","answer":"ünïcode"}'],
    );
    old.close();

    const store = await DuckDbStore.open(path);
    try {
      const fresh = record({ raw: { probe_ip: '127.0.0.1', note: 'archived' } });
      await store.measurements.put([fresh]);
      expect((await store.measurements.get('old-1'))?.raw).toEqual({
        probe_ip: '127.0.0.1',
        answer: 'ünïcode',
      });
      expect((await store.measurements.get(fresh.uid))?.raw).toEqual({
        probe_ip: '127.0.0.1',
        note: 'archived',
      });
      const stale = await store.measurements.staleRecords(99, { limit: 10 });
      expect(stale.map((r) => r.raw)).toHaveLength(2);
      expect(stale.every((r) => typeof r.raw === 'object' && r.raw !== null)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('says which file is damaged when an archived record cannot be read, and keeps the rest readable', async () => {
    const path = join(tempDir(), 'dmg.duckdb');
    const store = await DuckDbStore.open(path);
    const a = record({ raw: { probe_ip: '127.0.0.1', n: 1 } });
    await store.measurements.put([a]);
    await store.close();
    rmSync(join(`${path}.raw`, '1.seg'));
    const again = await DuckDbStore.open(path);
    try {
      await expect(again.measurements.get(a.uid)).rejects.toThrow(/1\.seg/);
      expect(await again.measurements.count()).toBe(1);
      const b = record({ raw: { probe_ip: '127.0.0.1', n: 2 } });
      await again.measurements.put([b]);
      expect((await again.measurements.get(b.uid))?.raw).toEqual({ probe_ip: '127.0.0.1', n: 2 });
    } finally {
      await again.close();
    }
  });
});
