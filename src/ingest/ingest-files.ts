/** Streams files into the measurement store in atomic batches, counting what was added, duplicated or refused. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { MeasurementRecord } from '../store/measurement-store.js';
import type { Store } from '../store/store.js';
import {
  type ConvertedJob,
  type ConvertJob,
  convertJob,
  type DocumentItem,
  type Rejection,
} from './convert-items.js';
import { ConvertPool } from './convert-pool.js';
import { expandInputs, type InputFile } from './input-files.js';
import { chunkLines, isGzip, readLineChunks } from './read-lines.js';
import { type ConvertContext, tooDeep } from './record-fields.js';

/** Lines longer than this are refused without being parsed or held in memory (hostile or broken input). */
export const MAX_LINE_BYTES = 32 * 1024 * 1024;
/** A file whose first line is not JSON is read as one JSON document if it is at most this big. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;
/** How many `file:line: reason` messages a summary keeps (all are counted). */
export const MAX_ERRORS_KEPT = 200;
/** Jobs handed to each worker ahead (a job is a 1 MiB chunk of lines, so a few MiB of input per worker). */
const JOBS_IN_FLIGHT_PER_WORKER = 8;
/** Items of a JSON document array per job. */
const ITEMS_PER_JOB = 500;

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

export interface IngestProgress {
  file: string;
  fileIndex: number;
  files: number;
  bytesDone: number;
  bytesTotal: number;
  summary: IngestSummary;
}

export interface IngestOptions extends Omit<ConvertContext, 'fileName'> {
  batchSize?: number;
  /**
   * Convert in this many worker threads, each building its context with `contextModule`'s createConvertContext
   * (see convert-pool.ts); without it, records are converted on this thread with the functions given here.
   */
  workers?: { count: number; contextModule: string };
  onProgress?: (p: IngestProgress) => void;
  /** Called after each file with the running summary. */
  onFile?: (file: string, summary: IngestSummary) => void;
  /** Called for every refused record (for streaming errors to stderr). */
  onError?: (message: string) => void;
}

/** Ingests every file under `paths`; a bad record is counted and reported, the rest goes in. */
export async function ingestFiles(
  store: Store,
  paths: string[],
  options: IngestOptions,
): Promise<IngestSummary> {
  const files = expandInputs(paths);
  const summary: IngestSummary = {
    files: files.length,
    read: 0,
    added: 0,
    duplicates: 0,
    rejected: 0,
    rejectedByReason: {},
    errors: [],
  };
  const pool =
    options.workers && options.workers.count > 0
      ? await ConvertPool.start(options.workers.count, {
          contextModule: options.workers.contextModule,
          contextOptions: { source: options.source, simulated: options.simulated },
        })
      : null;
  const convert = (job: ConvertJob): Promise<ConvertedJob> =>
    pool ? pool.convert(job) : Promise.resolve().then(() => convertJob(job, options));
  // Jobs in flight: enough to keep every worker busy while this thread is inside a batch's put() (two per worker
  // left them idle most of that time: 100,000 records with one worker, 11.3–13.4 s against 9.3–11.8 s with 8–16).
  const depth = pool ? JOBS_IN_FLIGHT_PER_WORKER * options.workers!.count : 1;
  const batchSize = options.batchSize ?? 2000;
  const bytesTotal = files.reduce((n, f) => n + f.bytes, 0);
  let bytesDone = 0;
  let batch: MeasurementRecord[] = [];
  // One batch may be written while the next is converted (the engine works in its own threads); never more,
  // so memory stays at two batches.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    await writing;
    if (batch.length === 0) return;
    const toWrite = batch;
    batch = [];
    // put() is atomic: a batch is stored whole or not at all.
    writing = store.measurements.put(toWrite).then((r) => {
      summary.added += r.added;
      summary.duplicates += r.duplicates;
    });
    // Surface a failed write at the next await instead of as an unhandled rejection.
    writing.catch(() => {});
  };

  try {
    for (const [index, file] of files.entries()) {
      const progress = () =>
        options.onProgress?.({
          file: file.path,
          fileIndex: index,
          files: files.length,
          bytesDone,
          bytesTotal,
          summary,
        });
      const take = async (out: ConvertedJob) => {
        summary.read += out.read;
        for (const r of out.records) {
          batch.push(r);
          if (batch.length >= batchSize) {
            await flush();
            progress();
          }
        }
        for (const r of out.rejected) refuse(r.kind, `${file.path}:${r.where}: ${r.message}`);
      };
      const refuse = (kind: Rejection['kind'], message: string) => {
        summary.rejected++;
        summary.rejectedByReason[kind] = (summary.rejectedByReason[kind] ?? 0) + 1;
        if (summary.errors.length < MAX_ERRORS_KEPT) summary.errors.push(message);
        options.onError?.(message);
      };
      const inFlight: Promise<ConvertedJob>[] = [];
      try {
        for await (const job of unreadableOnFailure(fileJobs(file, (n) => (bytesDone += n)))) {
          inFlight.push(convert(job));
          if (inFlight.length >= depth) await take(await inFlight.shift()!);
        }
      } catch (err) {
        // A file that breaks off (a truncated gzip, a read error) keeps the records read before it; the next
        // files still go in. A failure to write is not this, and stops the ingest.
        if (!(err instanceof UnreadableInput)) throw err;
        refuse(
          'unreadable',
          `${file.path}: cannot be read to its end (${err.message}); the records before were kept`,
        );
      }
      while (inFlight.length > 0) await take(await inFlight.shift()!);
      await flush();
      await writing;
      progress();
      options.onFile?.(file.path, summary);
    }
    await writing;
  } finally {
    await pool?.close();
  }
  return summary;
}

/** Reading a file failed part way; what was read before it stands. */
class UnreadableInput extends Error {}

/** `jobs`, with a failure of the reading itself (not of the caller's work between two jobs) as UnreadableInput. */
async function* unreadableOnFailure<T>(jobs: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* jobs;
  } catch (err) {
    throw new UnreadableInput(err instanceof Error ? err.message : String(err));
  }
}

/**
 * The jobs of a file: chunks of JSON Lines — or, when the first line is not JSON on its own and the file is small
 * enough, the items of one JSON document (an object, or an array whose items are labelled #1, #2...).
 */
async function* fileJobs(file: InputFile, onBytes: (n: number) => void): AsyncGenerator<ConvertJob> {
  const fileName = basename(file.path);
  let first = true;
  for await (const chunk of readLineChunks(file.path, { maxLineBytes: MAX_LINE_BYTES, onBytes })) {
    if (first) {
      first = false;
      const head = firstLine(chunk);
      if (head !== null && head.trim() !== '' && !parses(head) && file.bytes <= MAX_DOCUMENT_BYTES) {
        const items = await readDocument(file);
        // Not one document either: go on line by line, so that one bad line loses nothing else.
        if (items) {
          for (let i = 0; i < items.length; i += ITEMS_PER_JOB) {
            yield { kind: 'items', fileName, items: items.slice(i, i + ITEMS_PER_JOB) };
          }
          return;
        }
      }
    }
    yield { kind: 'lines', fileName, chunk };
  }
}

function firstLine(chunk: { bytes: Buffer; firstLine: number; lines: number }): string | null {
  if (chunk.firstLine !== 1 || chunk.lines === 0) return null;
  const nl = chunk.bytes.indexOf(0x0a);
  return chunkLines({
    ...chunk,
    bytes: nl < 0 ? chunk.bytes : chunk.bytes.subarray(0, nl),
    lines: 1,
    tooLong: [],
  })[0]!;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The items of a file holding one JSON document, or null when it is not one. */
async function readDocument(file: InputFile): Promise<DocumentItem[] | null> {
  const bytes = await readFile(file.path);
  // A byte order mark goes, as the line reader drops it (JSON.parse refuses it).
  let text = ((await isGzip(file.path)) ? gunzipSync(bytes) : bytes).toString('utf8').replace(/^\uFEFF/, '');
  // JSON with comments (OONI's test data): whole-line `//` comments are dropped, nothing else is guessed.
  if (/\.jsonc(\.gz)?$/i.test(file.path)) text = text.replace(/^[ \t]*\/\/.*$/gm, '');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  // Compact, as a JSON Lines file would hold it: the content hash of a record does not depend on indentation.
  // Each item is checked for depth before JSON.stringify, which recurses: a hostile item costs only itself.
  const item = (value: unknown, label: string): DocumentItem => {
    const deep = tooDeep(value);
    return deep
      ? { label, refused: { kind: deep.kind, message: deep.message } }
      : { label, text: JSON.stringify(value) };
  };
  if (Array.isArray(doc)) return doc.map((value, i) => item(value, `#${i + 1}`));
  return [item(doc, '1')];
}
