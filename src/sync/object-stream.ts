/**
 * A downloaded object as ingest jobs: its bytes counted as they arrive, gunzipped when they start with the gzip
 * magic bytes (as `ingest` reads files), split into chunks of whole lines. Nothing is held whole, nothing is written
 * to disk.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ConvertJob } from '../ingest/convert-items.js';
import { MAX_LINE_BYTES } from '../ingest/ingest-files.js';
import { splitLineChunks } from '../ingest/read-lines.js';
import { BodyBrokenError } from './polite-fetch.js';

/** How a download ended, once its jobs are consumed: whole, or broken off by the network (fetch it again). */
export interface DownloadEnd {
  bytes: number;
  broken: BodyBrokenError | null;
}

/**
 * The jobs of an object named `name`. A body that breaks off (a reset, a stall) ends the jobs quietly and is
 * reported in `end.broken`, so that the object is fetched again rather than called unreadable; a gzip that is
 * itself broken throws, and ingest keeps what came before it.
 */
export function objectJobs(
  name: string,
  body: AsyncIterable<Buffer>,
  onBytes: (n: number) => void,
): { jobs: AsyncGenerator<ConvertJob>; end: DownloadEnd } {
  const end: DownloadEnd = { bytes: 0, broken: null };
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const piece of body) {
      end.bytes += piece.length;
      onBytes(piece.length);
      yield piece;
    }
  }
  async function* jobs(): AsyncGenerator<ConvertJob> {
    try {
      for await (const chunk of splitLineChunks(decompressed(counted()), { maxLineBytes: MAX_LINE_BYTES }))
        yield { kind: 'lines', fileName: name, chunk };
    } catch (err) {
      const broken = err instanceof BodyBrokenError ? err : (err as { cause?: unknown }).cause;
      if (broken instanceof BodyBrokenError) {
        end.broken = broken;
        return;
      }
      throw err;
    }
  }
  return { jobs: jobs(), end };
}

/** The bytes, gunzipped when they begin with gzip's magic number (several members are read one after another). */
async function* decompressed(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  let head: Buffer = Buffer.alloc(0);
  while (head.length < 2) {
    const n = await it.next();
    if (n.done) {
      if (head.length > 0) yield head;
      return;
    }
    head = head.length === 0 ? n.value : Buffer.concat([head, n.value]);
  }
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value;
    }
  }
  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    yield* all();
    return;
  }
  const input = Readable.from(all(), { objectMode: false });
  const gunzip = createGunzip();
  // A download that breaks off reaches the reader as itself, not as gzip's "unexpected end of file".
  let broken: Error | null = null;
  input.on('error', (err) => {
    broken = err;
    gunzip.destroy(err);
  });
  input.pipe(gunzip);
  try {
    for await (const piece of gunzip) yield piece as Buffer;
  } catch (err) {
    throw broken ?? err;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}
