/** DuckDB's memory limit: set from a size, refused with a clear error when it is not one, passed by openStore. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../shared/errors.js';
import { openStore } from '../open-store.js';
import { DuckDbDatabase } from './database.js';

const dir = mkdtempSync(join(tmpdir(), 'nf-memory-limit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const limitOf = async (db: DuckDbDatabase) =>
  (await db.all<{ m: string }>("SELECT current_setting('memory_limit') AS m"))[0]!.m;

describe('the DuckDB memory limit', () => {
  it('is the size given, and DuckDB’s own default without one', async () => {
    const limited = await DuckDbDatabase.open(':memory:', { memoryLimit: '512MiB' });
    const byDefault = await DuckDbDatabase.open(':memory:');
    try {
      expect(await limitOf(limited)).toMatch(/^(512\.0 MiB|536\.8 MB)$/);
      expect(await limitOf(byDefault)).not.toBe(await limitOf(limited));
    } finally {
      await limited.close();
      await byDefault.close();
    }
  });

  it('refuses what is not a size, naming it, before any file is made', async () => {
    for (const bad of ['lots', '8', '8 parsecs', "1GB'; DROP TABLE x; --"]) {
      const opening = DuckDbDatabase.open(join(dir, 'never.duckdb'), { memoryLimit: bad });
      await expect(opening).rejects.toBeInstanceOf(UsageError);
      await expect(opening).rejects.toThrow(`"${bad}" is not a size`);
    }
  });

  it('is passed on by openStore for a DuckDB location', async () => {
    const path = join(dir, 'store.duckdb');
    await expect(openStore(path, { memoryLimit: 'half' })).rejects.toThrow('"half" is not a size');
    const store = await openStore(`duckdb:${path}`, { memoryLimit: '1GB' });
    await store.close();
  });
});
