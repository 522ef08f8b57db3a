/** Blocks written now (brotli, marked) and blocks written before (raw deflate) both read back exactly. */
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressBlock, decompressBlock } from './raw-block-codec.js';

const TEXT = Buffer.from(`{"body":"${'Доступ ограничен — ü 🛰 '.repeat(3000)}"}`);

describe('raw block codec', () => {
  it('round-trips text, empty blocks and incompressible bytes, and compresses text', async () => {
    for (const bytes of [TEXT, Buffer.alloc(0), randomBytes(70_000)]) {
      const stored = compressBlock(bytes);
      expect(stored[0]).toBe(0x06);
      expect(Buffer.compare(await decompressBlock(stored), bytes)).toBe(0);
    }
    expect(compressBlock(TEXT).length).toBeLessThan(TEXT.length / 5);
  });

  it('still reads blocks deflated before, at any level: no deflate stream starts with the mark', async () => {
    for (const level of [0, 1, 6, 9]) {
      for (const bytes of [TEXT, Buffer.alloc(0), randomBytes(70_000)]) {
        const old = deflateRawSync(bytes, { level });
        // The first block header's type is in bits 1–2; type 3 is reserved, so 0x06 cannot open a stream.
        expect((old[0]! >> 1) & 3).not.toBe(3);
        expect(Buffer.compare(await decompressBlock(old), bytes)).toBe(0);
      }
    }
  });
});
