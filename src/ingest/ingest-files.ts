/** Streams files into the measurement store in atomic batches, counting what was added, duplicated or refused. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { MeasurementRecord } from '../store/measurement-store.js';
import type { Store } from '../store/store.js';
import { expandInputs, type InputFile } from './input-files.js';
import { isGzip, readLines } from './read-lines.js';
import { type ConvertContext, parseJson, RecordError, toRecords } from './to-records.js';

/** Lines longer than this are refused without being parsed (hostile or broken input). */
export const MAX_LINE_CHARS = 32 * 1024 * 1024;
/** A file whose first line is not JSON is read as one JSON document if it is at most this big. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;
/** How many `file:line: reason` messages a summary keeps (all are counted). */
export const MAX_ERRORS_KEPT = 200;

export interface IngestSummary {
  files: number;
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
  const batchSize = options.batchSize ?? 2000;
  const bytesTotal = files.reduce((n, f) => n + f.bytes, 0);
  let bytesDone = 0;
  let batch: MeasurementRecord[] = [];
  // One batch may be written while the next is parsed (the engine works in its own threads); never more,
  // so memory stays at two batches.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    await writing;
    if (batch.length === 0) return;
    const toWrite = batch;
    batch = [];
    writing = store
      .transaction(() => store.measurements.put(toWrite))
      .then((r) => {
        summary.added += r.added;
        summary.duplicates += r.duplicates;
      });
    // Surface a failed write at the next await instead of as an unhandled rejection.
    writing.catch(() => {});
  };
  const reject = (where: string, err: RecordError) => {
    summary.rejected++;
    summary.rejectedByReason[err.kind] = (summary.rejectedByReason[err.kind] ?? 0) + 1;
    const message = `${where}: ${err.message}`;
    if (summary.errors.length < MAX_ERRORS_KEPT) summary.errors.push(message);
    options.onError?.(message);
  };

  for (const [index, file] of files.entries()) {
    const ctx: ConvertContext = { ...options, fileName: basename(file.path) };
    const progress = () =>
      options.onProgress?.({
        file: file.path,
        fileIndex: index,
        files: files.length,
        bytesDone,
        bytesTotal,
        summary,
      });
    for await (const item of readRecords(file, (n) => (bytesDone += n))) {
      summary.read++;
      try {
        if (item.error) throw item.error;
        batch.push(...toRecords(parseJson(item.text!), ctx));
      } catch (err) {
        if (!(err instanceof RecordError)) throw err;
        reject(`${file.path}:${item.line}`, err);
      }
      if (batch.length >= batchSize) {
        await flush();
        progress();
      }
    }
    await flush();
    await writing;
    progress();
    options.onFile?.(file.path, summary);
  }
  await writing;
  return summary;
}

interface RawItem {
  line: number | string;
  text?: string;
  error?: RecordError;
}

/**
 * The JSON texts of a file with their line numbers: JSON Lines, or — when the first line is not JSON on its own
 * and the file is small enough — one JSON document (an object, or an array whose items are numbered #1, #2...).
 */
async function* readRecords(file: InputFile, onBytes: (n: number) => void): AsyncGenerator<RawItem> {
  let first = true;
  for await (const line of readLines(file.path, onBytes)) {
    if (first) {
      first = false;
      if (line.text.trim() !== '' && !parses(line.text) && file.bytes <= MAX_DOCUMENT_BYTES) {
        const items = await readDocument(file);
        // Not one document either: go on line by line, so that one bad line loses nothing else.
        if (items) {
          yield* items;
          return;
        }
      }
    }
    if (line.text.trim() === '') continue;
    if (line.text.length > MAX_LINE_CHARS) {
      yield {
        line: line.number,
        error: new RecordError('too large', `line of ${line.text.length} characters`),
      };
    } else yield { line: line.number, text: line.text };
  }
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
async function readDocument(file: InputFile): Promise<RawItem[] | null> {
  const bytes = await readFile(file.path);
  const text = ((await isGzip(file.path)) ? gunzipSync(bytes) : bytes).toString('utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (Array.isArray(doc)) return doc.map((item, i) => ({ line: `#${i + 1}`, text: JSON.stringify(item) }));
  return [{ line: 1, text }];
}
