/** Streams files into the measurement store in atomic batches, counting what was added, duplicated or refused. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Store } from '../store/store.js';
import type { ConvertJob, DocumentItem } from './convert-items.js';
import { IngestRun, type IngestRunOptions, type IngestSummary } from './ingest-run.js';
import { expandInputs, type InputFile } from './input-files.js';
import { chunkLines, isGzip, readLineChunks } from './read-lines.js';
import { tooDeep } from './record-fields.js';

export { type IngestSummary, MAX_ERRORS_KEPT } from './ingest-run.js';

/** Lines longer than this are refused without being parsed or held in memory (hostile or broken input). */
export const MAX_LINE_BYTES = 32 * 1024 * 1024;
/** A file whose first line is not JSON is read as one JSON document if it is at most this big. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;
/** Items of a JSON document array per job. */
const ITEMS_PER_JOB = 500;

export interface IngestProgress {
  file: string;
  fileIndex: number;
  files: number;
  bytesDone: number;
  bytesTotal: number;
  summary: IngestSummary;
}

export interface IngestOptions extends IngestRunOptions {
  onProgress?: (p: IngestProgress) => void;
  /** Called after each file with the running summary. */
  onFile?: (file: string, summary: IngestSummary) => void;
}

/** Ingests every file under `paths`; a bad record is counted and reported, the rest goes in. */
export async function ingestFiles(
  store: Store,
  paths: string[],
  options: IngestOptions,
): Promise<IngestSummary> {
  const files = expandInputs(paths);
  const run = await IngestRun.start(store, options);
  const { summary } = run;
  const bytesTotal = files.reduce((n, f) => n + f.bytes, 0);
  let bytesDone = 0;
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
      await run.ingestSource(
        file.path,
        fileJobs(file, (n) => (bytesDone += n)),
        progress,
      );
      options.onFile?.(file.path, summary);
    }
  } finally {
    await run.close();
  }
  summary.files = files.length;
  return summary;
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
