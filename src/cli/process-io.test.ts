/** Output into a pipe closed early (`| head`), or onto a full disk, through the built binary. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliIntoPipe, runCliRedirected } from '../../test/helpers/cli.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('printing into a closed pipe', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nf-pipe-'));
    db = join(dir, 'pipe.duckdb');
    await runCli(['ingest', join(ROOT, 'test', 'fixtures', 'pipeline', 'ooni'), '--db', db]);
    await runCli(['assessment', 'import', join(ROOT, 'data', 'fotn', 'fotn-scores.csv'), '--db', db]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ends quietly with 0 when the reader stops after a few lines (lists show, text and JSON)', async () => {
    // Both print far more than a pipe holds (64 KB), so the reader is gone before they finish.
    const text = await runCliIntoPipe(['lists', 'show', 'kz'], 'head -n 2');
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout.split('\n')).toHaveLength(3);
    const json = await runCliIntoPipe(['lists', 'show', 'kz', '--json'], 'head -n 2');
    expect(json).toMatchObject({ code: 0, stderr: '', stdout: '[\n  {\n' });
  });

  it('ends quietly with 0 when the reader has gone before the first write, for every kind of output', async () => {
    for (const args of [
      ['--help'],
      ['aggregate', '--help'],
      ['methodology', 'show'],
      ['methodology', 'show', '--json'],
      ['aggregate', '--axis-x', 'domain', '--include-simulated', '--db', db],
      ['aggregate', '--axis-x', 'domain', '--format', 'csv', '--db', db],
      ['aggregate', '--axis-x', 'domain', '--json', '--db', db],
      ['blocked', 'RU', '--include-simulated', '--db', db],
      ['assessment', 'history', 'KZ', '--db', db],
      ['assessment', 'export', '--db', db],
    ]) {
      // `true` reads nothing and exits at once: the binary's first write meets a pipe without a reader.
      const r = await runCliIntoPipe(args, 'true');
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 0, stderr: '' });
    }
  });

  it('reports any other write failure in one line naming standard output, exit 1', async () => {
    const r = await runCliRedirected(['lists', 'show', 'kz', '--json'], '> /dev/full');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'netfreedom: cannot write to standard output: ENOSPC: no space left on device, write\n',
    );
  });
});
