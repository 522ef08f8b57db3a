/**
 * Batches are bounded by the bytes of their raw records, not only by their count, and the arenas their bytes are
 * copied into, reused batch after batch, never change a record already written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportedAnalysis } from '../../src/ingest/analyzer.js';
import { ingestFiles } from '../../src/ingest/ingest-files.js';
import { MAX_BATCH_BYTES } from '../../src/ingest/ingest-run.js';
import { type MeasurementRecord, rawPiece } from '../../src/store/measurement-store.js';
import { tempDir, tempStore } from '../helpers/temp.js';

const SAMPLE = join(import.meta.dirname, '..', 'fixtures', 'pipeline', 'ooni', 'report1.json');

/** `n` records of about `bytes` each, every body different (Cyrillic, so two bytes a character). */
function bigLines(n: number, bytes: number): string[] {
  const m = JSON.parse(readFileSync(SAMPLE, 'utf8'));
  return Array.from({ length: n }, (_, i) => {
    const body = `<p>страница ${i}</p>`.repeat(Math.ceil(bytes / 30));
    const requests = [
      { ...m.test_keys.requests[0], response: { ...m.test_keys.requests[0].response, body } },
    ];
    return JSON.stringify({ ...m, report_id: `big-${i}`, test_keys: { ...m.test_keys, requests } });
  });
}

const byteLength = (r: MeasurementRecord) => {
  const piece = rawPiece(r);
  return typeof piece === 'string' ? Buffer.byteLength(piece) : piece.bytes.byteLength;
};

describe('batches bounded by bytes', () => {
  it('writes records of megabytes in batches of at most MAX_BATCH_BYTES, each stored byte for byte', async () => {
    const dir = tempDir();
    const lines = bigLines(24, 1_500_000);
    const file = join(dir, 'big.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const store = await tempStore();
    const batches: number[] = [];
    const put = store.measurements.put.bind(store.measurements);
    store.measurements.put = (records) => {
      batches.push(records.reduce((n, r) => n + byteLength(r), 0));
      return put(records);
    };
    const s = await ingestFiles(store, [file], {
      source: 'ooni',
      analyze: reportedAnalysis,
      batchSize: 2000,
    });
    expect(s).toMatchObject({ read: 24, added: 24, rejected: 0 });
    // About 35 MB of records cannot go in one batch of 2,000 records; none is over the bound.
    const total = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
    expect(total).toBeGreaterThan(3 * MAX_BATCH_BYTES);
    expect(batches.reduce((n, b) => n + b, 0)).toBe(total);
    expect(batches.length).toBeGreaterThanOrEqual(Math.ceil(total / MAX_BATCH_BYTES));
    for (const b of batches) expect(b).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    // The arenas were reused several times over: every record still reads back as its line.
    const page = await store.measurements.search({ limit: 100, includeSimulated: true });
    const stored = await Promise.all(page.items.map((i) => store.measurements.get(i.uid)));
    expect(new Set(stored.map((r) => JSON.stringify(r!.raw)))).toEqual(new Set(lines));
    const again = await ingestFiles(store, [file], { source: 'ooni', analyze: reportedAnalysis });
    expect(again).toMatchObject({ added: 0, duplicates: 24 });
  }, 60_000);

  it('writes a record larger than the bound alone, whole', async () => {
    const dir = tempDir();
    const lines = bigLines(3, MAX_BATCH_BYTES + 1_000_000);
    const file = join(dir, 'huge.jsonl');
    writeFileSync(file, lines.join('\n'));
    const store = await tempStore();
    const sizes: number[] = [];
    const put = store.measurements.put.bind(store.measurements);
    store.measurements.put = (records) => {
      sizes.push(records.length);
      return put(records);
    };
    const s = await ingestFiles(store, [file], { source: 'ooni', analyze: reportedAnalysis });
    expect(s).toMatchObject({ read: 3, added: 3 });
    expect(sizes).toEqual([1, 1, 1]);
    const page = await store.measurements.search({ limit: 10, includeSimulated: true });
    const stored = await Promise.all(page.items.map((i) => store.measurements.get(i.uid)));
    expect(new Set(stored.map((r) => JSON.stringify(r!.raw)))).toEqual(new Set(lines));
  }, 60_000);
});
