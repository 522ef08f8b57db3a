/** The raw archive: blocks round-trip any text, survive reopening, and damage is a clear error. */
import { readdirSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp.js';
import { StoreError } from '../../shared/errors.js';
import { BLOCK_CHARS, RawArchive, type RawBlock, type RawRef } from './raw-archive.js';

const TEXTS = Array.from(
  { length: 300 },
  (_, i) => `{"i":${i},"t":"${'абв — ü 🛰 '.repeat(i % 40)}${'x'.repeat((i * 7919) % 3000)}"}`,
);

async function readAll(archive: RawArchive, blocks: RawBlock[], refs: RawRef[]): Promise<string[]> {
  const byId = new Map(blocks.map((b) => [b.id, b]));
  const texts = new Map<number, string>();
  for (const b of blocks) texts.set(b.id, await archive.readBlock(b));
  return refs.map((r) => {
    expect(byId.has(r.block)).toBe(true);
    return texts.get(r.block)!.slice(r.start, r.start + r.length);
  });
}

describe('RawArchive', () => {
  it('packs texts into numbered blocks of about BLOCK_CHARS and gives each text back exactly', async () => {
    for (const path of [':memory:', join(tempDir(), 'a.duckdb')]) {
      const archive = RawArchive.open(path);
      // Half the texts come as strings, half as the UTF-8 bytes ingest read them as.
      const pieces = TEXTS.map((t, i) => (i % 2 ? t : { bytes: Buffer.from(t), length: t.length }));
      const { blocks, refs } = await archive.append(pieces, 7);
      expect(blocks[0]!.id).toBe(7);
      expect(blocks.map((b) => b.id)).toEqual(blocks.map((_, i) => 7 + i));
      // Every block but the last is filled to at least BLOCK_CHARS, and overshoots by less than one text.
      const chars = new Map<number, number>();
      for (const r of refs) chars.set(r.block, (chars.get(r.block) ?? 0) + r.length);
      const longest = Math.max(...TEXTS.map((t) => t.length));
      for (const b of blocks.slice(0, -1)) {
        expect(chars.get(b.id)).toBeGreaterThanOrEqual(BLOCK_CHARS);
        expect(chars.get(b.id)).toBeLessThan(BLOCK_CHARS + longest);
      }
      expect(await readAll(archive, blocks, refs)).toEqual(TEXTS);
      await archive.close();
    }
  });

  it('writes each session to a new segment beside the database, readable after reopening', async () => {
    const db = join(tempDir(), 'b.duckdb');
    const first = RawArchive.open(db);
    const a = await first.append(TEXTS.slice(0, 100), 1);
    await first.close();
    const second = RawArchive.open(db);
    const b = await second.append(TEXTS.slice(100), 1 + a.blocks.length);
    expect(readdirSync(`${db}.raw`).sort()).toEqual(['1.seg', '2.seg']);
    expect(a.blocks[0]!.segment).toBe(1);
    expect(b.blocks[0]!.segment).toBe(2);
    expect(await readAll(second, [...a.blocks, ...b.blocks], [...a.refs, ...b.refs])).toEqual(TEXTS);
    await second.close();
  });

  it('reports a damaged or missing segment as a StoreError naming the file', async () => {
    const db = join(tempDir(), 'c.duckdb');
    const archive = RawArchive.open(db);
    const { blocks } = await archive.append(TEXTS, 1);
    await archive.close();
    truncateSync(join(`${db}.raw`, '1.seg'), blocks[0]!.size - 10);
    const reader = RawArchive.open(db);
    await expect(reader.readBlock(blocks[0]!)).rejects.toThrow(StoreError);
    await expect(reader.readBlock(blocks[0]!)).rejects.toThrow(/1\.seg/);
    await expect(reader.readBlock({ ...blocks[0]!, segment: 9 })).rejects.toThrow(
      /9\.seg.*ENOENT|ENOENT.*9\.seg/,
    );
  });
});
