/**
 * The raw JSON of measurements, kept beside the DuckDB file in append-only segment files of compressed blocks.
 * DuckDB stores a 3 KB string slowly (write-ahead log, then checkpoint compression: most of an ingest's time);
 * a block here costs one fast compression (raw-block-codec.ts) and one sequential write.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreError } from '../../shared/errors.js';
import type { RawUtf8 } from '../measurement-store.js';
import { compressBlock, decompressBlock } from './raw-block-codec.js';

/** Records are packed into blocks of about this many characters: reading one record decompresses one block. */
export const BLOCK_CHARS = 64 * 1024;
/** A new segment file is started past this size. */
export const SEGMENT_BYTES = 1024 * 1024 * 1024;

/** Where one block's compressed bytes are. */
export interface RawBlock {
  id: number;
  segment: number;
  offset: number;
  size: number;
}

/** Where one record's text is: a range of characters in a decompressed block. */
export interface RawRef {
  block: number;
  start: number;
  length: number;
}

/** Segment bytes: files beside the database, or memory for an in-memory database. */
interface SegmentIo {
  /** Appends and makes durable; returns the offset the bytes start at. */
  append(segment: number, bytes: Buffer[]): Promise<number>;
  read(segment: number, offset: number, size: number): Promise<Buffer>;
  describe(segment: number): string;
  close(): Promise<void>;
}

export class RawArchive {
  private segment: number;
  private segmentSize = 0;

  private constructor(
    private readonly io: SegmentIo,
    lastSegment: number,
  ) {
    // Each session writes its own segment: bytes a killed process left after the last commit are never
    // followed by live data, and nothing ever rewrites a file another block points into.
    this.segment = lastSegment + 1;
  }

  /** The archive of the database at `dbPath` (`FILE.raw/`), or in memory for ':memory:'. */
  static open(dbPath: string): RawArchive {
    if (dbPath === ':memory:' || dbPath === '') return new RawArchive(new MemorySegments(), 0);
    const dir = `${dbPath}.raw`;
    let last = 0;
    if (existsSync(dir)) {
      for (const name of readdirSync(dir)) {
        const m = /^(\d+)\.seg$/.exec(name);
        if (m) last = Math.max(last, Number(m[1]));
      }
    }
    return new RawArchive(new FileSegments(dir), last);
  }

  /**
   * Packs `texts` (as strings, or as UTF-8 bytes with their length as strings) into blocks numbered from
   * `firstBlockId`, compresses them and appends them, durably, to the current segment. Returns the blocks to record
   * and one reference per text, in order.
   */
  async append(
    texts: (string | RawUtf8)[],
    firstBlockId: number,
  ): Promise<{ blocks: RawBlock[]; refs: RawRef[] }> {
    const refs: RawRef[] = [];
    const groups: Uint8Array[][] = [];
    let group: Uint8Array[] = [];
    let chars = 0;
    for (const text of texts) {
      if (chars >= BLOCK_CHARS) {
        groups.push(group);
        group = [];
        chars = 0;
      }
      refs.push({ block: firstBlockId + groups.length, start: chars, length: text.length });
      group.push(typeof text === 'string' ? Buffer.from(text, 'utf8') : text.bytes);
      chars += text.length;
    }
    if (group.length > 0) groups.push(group);
    // Synchronously: a thread-pool compression per 64 KB block costs about three times the CPU (a stream each).
    const compressed = groups.map((g) => compressBlock(joined(g)));

    if (this.segmentSize > SEGMENT_BYTES) {
      this.segment++;
      this.segmentSize = 0;
    }
    const segment = this.segment;
    let offset = await this.io.append(segment, compressed);
    const blocks = compressed.map((bytes, i) => {
      const block = { id: firstBlockId + i, segment, offset, size: bytes.length };
      offset += bytes.length;
      return block;
    });
    this.segmentSize = offset;
    return { blocks, refs };
  }

  /** The decompressed text of a block; a missing or damaged segment is a StoreError naming the file. */
  async readBlock(block: RawBlock): Promise<string> {
    try {
      const bytes = await this.io.read(block.segment, block.offset, block.size);
      if (bytes.length !== block.size) throw new Error(`${bytes.length} of ${block.size} bytes`);
      return (await decompressBlock(bytes)).toString('utf8');
    } catch (err) {
      throw new StoreError(
        `raw records of block ${block.id} cannot be read from ${this.io.describe(block.segment)}: ${(err as Error).message}`,
      );
    }
  }

  close(): Promise<void> {
    return this.io.close();
  }
}

class FileSegments implements SegmentIo {
  private writer: { segment: number; handle: FileHandle; size: number } | null = null;

  constructor(private readonly dir: string) {}

  describe(segment: number): string {
    return join(this.dir, `${segment}.seg`);
  }

  async append(segment: number, bytes: Buffer[]): Promise<number> {
    if (this.writer?.segment !== segment) {
      await this.writer?.handle.close();
      try {
        mkdirSync(this.dir, { recursive: true });
      } catch (err) {
        throw new StoreError(`cannot create the raw record folder ${this.dir}: ${(err as Error).message}`);
      }
      const handle = await open(this.describe(segment), 'a');
      this.writer = { segment, handle, size: (await handle.stat()).size };
    }
    const w = this.writer;
    const offset = w.size;
    const all = Buffer.concat(bytes);
    for (let done = 0; done < all.length; ) {
      const { bytesWritten } = await w.handle.write(all, done, all.length - done);
      done += bytesWritten;
    }
    w.size += all.length;
    // The rows pointing here are committed next: the bytes must be on disk first.
    await w.handle.datasync();
    return offset;
  }

  async read(segment: number, offset: number, size: number): Promise<Buffer> {
    const handle = await open(this.describe(segment), 'r');
    try {
      const buf = Buffer.alloc(size);
      const { bytesRead } = await handle.read(buf, 0, size, offset);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async close(): Promise<void> {
    await this.writer?.handle.close();
    this.writer = null;
  }
}

class MemorySegments implements SegmentIo {
  /** Every appended buffer by "segment:offset": blocks are always read back whole. */
  private readonly chunks = new Map<string, Buffer>();
  private readonly sizes = new Map<number, number>();

  describe(segment: number): string {
    return `memory segment ${segment}`;
  }

  async append(segment: number, bytes: Buffer[]): Promise<number> {
    const start = this.sizes.get(segment) ?? 0;
    let offset = start;
    for (const b of bytes) {
      this.chunks.set(`${segment}:${offset}`, b);
      offset += b.length;
    }
    this.sizes.set(segment, offset);
    return start;
  }

  async read(segment: number, offset: number, size: number): Promise<Buffer> {
    return (this.chunks.get(`${segment}:${offset}`) ?? Buffer.alloc(0)).subarray(0, size);
  }

  async close(): Promise<void> {}
}

/**
 * The pieces as one run of bytes: a view when they already lie side by side in one buffer (ingest keeps a batch's
 * raw bytes so, see src/ingest/raw-arena.ts), else a copy.
 */
function joined(pieces: Uint8Array[]): Uint8Array {
  const first = pieces[0]!;
  let end = first.byteOffset + first.byteLength;
  for (let i = 1; i < pieces.length; i++) {
    const p = pieces[i]!;
    if (p.buffer !== first.buffer || p.byteOffset !== end) return Buffer.concat(pieces);
    end += p.byteLength;
  }
  return new Uint8Array(first.buffer, first.byteOffset, end - first.byteOffset);
}
