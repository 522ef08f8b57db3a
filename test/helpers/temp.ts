/** Temporary folders and stores for tests, removed afterwards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';

/** A fresh folder removed after the current test. */
export function tempDir(prefix = 'nf-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A DuckDB store in a fresh folder, closed after the current test. */
export async function tempStore(): Promise<DuckDbStore> {
  const store = await DuckDbStore.open(join(tempDir('nf-store-'), 'test.duckdb'));
  onTestFinished(() => store.close());
  return store;
}
