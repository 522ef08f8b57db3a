import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp.js';
import { StoreError } from '../../shared/errors.js';
import { openStore } from '../open-store.js';
import { DuckDbDatabase } from './database.js';
import { DuckDbStore } from './duckdb-store.js';
import { MIGRATIONS, migrate } from './migrations.js';

describe('DuckDB store', () => {
  it('applies migrations once, in order, and records them', async () => {
    const file = join(tempDir(), 'm.duckdb');
    const db = await DuckDbDatabase.open(file);
    const extra = [...MIGRATIONS, { version: 999, name: 'test', sql: ['CREATE TABLE t999 (x INTEGER)'] }];
    expect(await migrate(db, extra)).toEqual(extra.map((m) => m.version));
    expect(await migrate(db, extra)).toEqual([]);
    const rows = await db.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(extra.map((m) => m.version));
    await db.close();
  });

  it('rolls back a migration that fails, leaving the schema as it was', async () => {
    const db = await DuckDbDatabase.open(join(tempDir(), 'm.duckdb'));
    await migrate(db);
    const broken = [
      ...MIGRATIONS,
      { version: 998, name: 'broken', sql: ['CREATE TABLE ok998 (x INTEGER)', 'CREATE TABLE nope ('] },
    ];
    await expect(migrate(db, broken)).rejects.toThrow();
    const tables = await db.all<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_name = 'ok998'",
    );
    expect(tables).toEqual([]);
    await db.close();
  });

  it('keeps data across reopen and rolls back a failed transaction', async () => {
    const file = join(tempDir(), 's.duckdb');
    const store = await DuckDbStore.open(file);
    await expect(
      store.transaction(async () => {
        await store.db.run(
          "INSERT INTO assessments (country, edition, scale, doc) VALUES ('KZ', 2024, 'current', '{}')",
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.assessments.count()).toBe(0);
    await store.db.run(
      "INSERT INTO assessments (country, edition, scale, doc) VALUES ('KZ', 2024, 'current', '{}')",
    );
    await store.close();
    const again = await openStore(`duckdb:${file}`);
    expect(await again.assessments.count()).toBe(1);
    await again.close();
  });

  it('names the file when it cannot be opened, and refuses unknown store kinds', async () => {
    await expect(DuckDbStore.open('/nonexistent-dir/x.duckdb')).rejects.toThrow(StoreError);
    await expect(DuckDbStore.open('/nonexistent-dir/x.duckdb')).rejects.toThrow(
      'cannot open the database /nonexistent-dir/x.duckdb',
    );
    await expect(openStore('mongodb://x')).rejects.toThrow(/unknown store "mongodb:\/\/x"/);
  });
});
