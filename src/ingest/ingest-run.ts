/**
 * One ingest into the store, whatever the records come from (files, downloads): converts jobs of lines or items
 * (in worker threads or not), writes them in atomic batches, and counts what was added, duplicated or refused, per
 * source and in all.
 */
import type { MeasurementRecord } from '../store/measurement-store.js';
import type { Store } from '../store/store.js';
import { type ConvertedJob, type ConvertJob, convertJob, type Rejection } from './convert-items.js';
import { ConvertPool } from './convert-pool.js';
import { RawArena } from './raw-arena.js';
import type { ConvertContext } from './record-fields.js';

/** How many `file:line: reason` messages a summary keeps (all are counted). */
export const MAX_ERRORS_KEPT = 200;
/**
 * A batch is written once its raw records reach this many bytes, however few they are: real measurements carry
 * pages of 10 KB to megabytes, and a batch counted only in records (2,000 of them) held hundreds of megabytes,
 * twice over while the previous batch was written.
 */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;
/** Jobs handed to each worker ahead (a job is a 1 MiB chunk of lines, so a few MiB of input per worker). */
const JOBS_IN_FLIGHT_PER_WORKER = 8;

export interface IngestSummary {
  files: number;
  /** Records read, each item of an array one: read = added + duplicates + rejected, `unreadable` files aside. */
  read: number;
  added: number;
  duplicates: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  /** The first MAX_ERRORS_KEPT problems as `file:line: reason`. */
  errors: string[];
}

/** What one source (a file, a downloaded object) gave. */
export interface SourceCounts {
  read: number;
  added: number;
  duplicates: number;
  rejected: number;
  /** Why the source broke off before its end (a truncated gzip, a read error), or null when it was read whole. */
  unreadable: string | null;
}

export interface IngestRunOptions extends Omit<ConvertContext, 'fileName'> {
  batchSize?: number;
  /**
   * Convert in this many worker threads, each building its context with `contextModule`'s createConvertContext
   * (see convert-pool.ts); without it, records are converted on this thread with the functions given here.
   */
  workers?: { count: number; contextModule: string };
  /** Called for every refused record (for streaming errors to stderr). */
  onError?: (message: string) => void;
}

export function emptySummary(): IngestSummary {
  return { files: 0, read: 0, added: 0, duplicates: 0, rejected: 0, rejectedByReason: {}, errors: [] };
}

/** Reading a source failed part way; what was read before it stands. */
class UnreadableInput extends Error {}

/** An ingest in progress: `ingestSource` may be called for several sources at once; `close` ends it. */
export class IngestRun {
  readonly summary = emptySummary();

  private constructor(
    private readonly store: Store,
    private readonly options: IngestRunOptions,
    private readonly pool: ConvertPool | null,
  ) {}

  static async start(store: Store, options: IngestRunOptions): Promise<IngestRun> {
    const pool =
      options.workers && options.workers.count > 0
        ? await ConvertPool.start(options.workers.count, {
            contextModule: options.workers.contextModule,
            contextOptions: { source: options.source, simulated: options.simulated },
          })
        : null;
    return new IngestRun(store, options, pool);
  }

  /**
   * Ingests the jobs of one source named `name` (messages say `name:line: reason`); resolves once its last batch
   * is committed. A failure of `jobs` itself (a truncated gzip, a read error) keeps the records read before it and
   * is reported as `unreadable`; a failure to write rejects.
   */
  async ingestSource(
    name: string,
    jobs: AsyncIterable<ConvertJob>,
    onBatch?: (counts: SourceCounts) => void,
  ): Promise<SourceCounts> {
    const { summary, options } = this;
    summary.files++;
    const counts: SourceCounts = { read: 0, added: 0, duplicates: 0, rejected: 0, unreadable: null };
    // Jobs in flight: enough to keep every worker busy while this thread is inside a batch's put() (two per worker
    // left them idle most of that time: 100,000 records with one worker, 11.3–13.4 s against 9.3–11.8 s with 8–16).
    const depth = this.pool ? JOBS_IN_FLIGHT_PER_WORKER * options.workers!.count : 1;
    const batchSize = options.batchSize ?? 2000;
    let batch: MeasurementRecord[] = [];
    let batchBytes = 0;
    // One batch may be written while the next is converted (the engine works in its own threads); never more,
    // so memory stays at two batches, and their raw bytes in two arenas used in turn.
    let writing: Promise<void> = Promise.resolve();
    const arenas = [new RawArena(MAX_BATCH_BYTES), new RawArena(MAX_BATCH_BYTES)];
    let arena = 0;
    const flush = async () => {
      await writing;
      if (batch.length === 0) return;
      const toWrite = batch;
      batch = [];
      batchBytes = 0;
      // The other arena's batch is written (awaited above): nothing refers to its bytes any more.
      arena = 1 - arena;
      arenas[arena]!.reset();
      // put() is atomic: a batch is stored whole or not at all.
      writing = this.store.measurements.put(toWrite).then((r) => {
        counts.added += r.added;
        counts.duplicates += r.duplicates;
        summary.added += r.added;
        summary.duplicates += r.duplicates;
      });
      // Surface a failed write at the next await instead of as an unhandled rejection.
      writing.catch(() => {});
    };
    const refuse = (kind: Rejection['kind'], message: string) => {
      if (kind !== 'unreadable') counts.rejected++;
      summary.rejected++;
      summary.rejectedByReason[kind] = (summary.rejectedByReason[kind] ?? 0) + 1;
      if (summary.errors.length < MAX_ERRORS_KEPT) summary.errors.push(message);
      options.onError?.(message);
    };
    const take = async (out: ConvertedJob) => {
      counts.read += out.read;
      summary.read += out.read;
      for (const r of out.records) {
        // Characters of a string, bytes of UTF-8: either way within a factor of three of what it holds.
        const bytes = r.rawUtf8?.bytes.byteLength ?? r.rawJson?.length ?? 0;
        if (batch.length > 0 && batchBytes + bytes > MAX_BATCH_BYTES) {
          await flush();
          onBatch?.(counts);
        }
        arenas[arena]!.adopt(r);
        batch.push(r);
        batchBytes += bytes;
        if (batch.length >= batchSize) {
          await flush();
          onBatch?.(counts);
        }
      }
      for (const r of out.rejected) refuse(r.kind, `${name}:${r.where}: ${r.message}`);
    };
    const inFlight: Promise<ConvertedJob>[] = [];
    try {
      for await (const job of unreadableOnFailure(jobs)) {
        inFlight.push(this.convert(job));
        if (inFlight.length >= depth) await take(await inFlight.shift()!);
      }
    } catch (err) {
      // A source that breaks off keeps the records read before it; the next sources still go in. A failure to
      // write is not this, and stops the ingest.
      if (!(err instanceof UnreadableInput)) throw err;
      counts.unreadable = err.message;
      refuse(
        'unreadable',
        `${name}: cannot be read to its end (${err.message}); the records before were kept`,
      );
    }
    while (inFlight.length > 0) await take(await inFlight.shift()!);
    await flush();
    await writing;
    onBatch?.(counts);
    return counts;
  }

  /** Stops the worker threads, if any. */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  private convert(job: ConvertJob): Promise<ConvertedJob> {
    return this.pool ? this.pool.convert(job) : Promise.resolve().then(() => convertJob(job, this.options));
  }
}

/** `jobs`, with a failure of the reading itself (not of the caller's work between two jobs) as UnreadableInput. */
async function* unreadableOnFailure<T>(jobs: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* jobs;
  } catch (err) {
    throw new UnreadableInput(err instanceof Error ? err.message : String(err));
  }
}
