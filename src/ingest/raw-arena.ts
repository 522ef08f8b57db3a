/**
 * One reusable buffer that holds the raw bytes of a batch's records while the batch waits and is written, so that
 * the read chunks those bytes were views of are not kept by the batch (the reader reuses them).
 */
import type { MeasurementRecord } from '../store/measurement-store.js';

/**
 * A record's raw bytes are a view of the 1 MiB chunk its line was read in. When chunks were allocated per read and
 * kept by a batch across many young collections, every chunk was promoted and then freed only by a full
 * collection, so about 100 MB of them were alive at any time; now the reader fills the same two chunks in turn
 * (read-lines.ts), and a batch that kept views would see them overwritten. Copied here (a memcpy), the bytes are
 * the batch's own, and the arena is allocated once and reused batch after batch. Its bytes of one batch also lie
 * side by side, as the raw archive compresses them.
 */
export class RawArena {
  private buffer: Buffer | null = null;
  private used = 0;

  constructor(readonly size: number) {}

  /** Bytes still free. */
  get free(): number {
    return this.size - this.used;
  }

  /**
   * Moves `r`'s raw bytes into the arena when they fit; returns whether they were. Those that do not (a record
   * larger than the arena) stay where they are: a line longer than a read is handed out in a buffer of its own,
   * never in one the reader reuses (read-lines.ts).
   */
  adopt(r: MeasurementRecord): boolean {
    const raw = r.rawUtf8;
    if (!raw || raw.bytes.byteLength > this.free) return false;
    // Allocated on first use, outside Node's shared pool: a small ingest never pays for it.
    this.buffer ??= Buffer.allocUnsafeSlow(this.size);
    const start = this.used;
    this.buffer.set(raw.bytes, start);
    this.used += raw.bytes.byteLength;
    r.rawUtf8 = { bytes: this.buffer.subarray(start, this.used), length: raw.length };
    return true;
  }

  /** Empties the arena for the next batch: only once nothing refers to the bytes of the last one. */
  reset(): void {
    this.used = 0;
  }
}
