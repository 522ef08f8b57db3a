/** A killed ingest leaves whole batches only, and running it again completes the job without duplicates. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'netfreedom.js');
const N = 6000;
const BATCH = 250;

describe('ingest killed mid-way', () => {
  let dir: string;
  beforeAll(() => {
    // The CLI runs from dist/: build it when this file runs on its own (npm test builds first).
    if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) spawnSync('npm', ['run', 'build'], { cwd: ROOT });
    dir = mkdtempSync(join(tmpdir(), 'nf-kill-'));
    const m = JSON.parse(
      readFileSync(join(ROOT, 'test', 'fixtures', 'pipeline', 'ooni', 'report1.json'), 'utf8'),
    );
    const lines = Array.from({ length: N }, (_, i) => JSON.stringify({ ...m, report_id: `kill-${i}` }));
    writeFileSync(join(dir, 'big.jsonl'), lines.join('\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps committed batches only and completes on the next run', async () => {
    const db = join(dir, 'k.duckdb');
    const child = spawn(
      process.execPath,
      [BIN, 'ingest', join(dir, 'big.jsonl'), '--db', db, '--batch-size', String(BATCH)],
      {
        stdio: 'ignore',
      },
    );
    // Kill once batches are surely committed (a batch is ~0.1 MB of write-ahead log; a torn last entry is dropped
    // on recovery), long before the end.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !(existsSync(`${db}.wal`) && statSync(`${db}.wal`).size > 1_500_000)) {
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const store = await DuckDbStore.open(db);
    const partial = await store.measurements.count();
    await store.close();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(N);
    expect(partial % BATCH).toBe(0);

    const rerun = spawnSync(process.execPath, [BIN, 'ingest', join(dir, 'big.jsonl'), '--db', db, '--json'], {
      encoding: 'utf8',
    });
    expect(rerun.status).toBe(0);
    const summary = JSON.parse(rerun.stdout);
    expect(summary).toMatchObject({ read: N, added: N - partial, duplicates: partial, rejected: 0 });
    const after = await DuckDbStore.open(db);
    expect(await after.measurements.count()).toBe(N);
    await after.close();
  }, 120_000);
});
