/** The per-record work of ingest — parse, convert, judge — over a job of lines or items, in a worker or not. */
import { type MeasurementRecord, rawText } from '../store/measurement-store.js';
import { forEachLine, type LineChunk } from './read-lines.js';
import { type ConvertContext, RecordError, recordsFromText } from './to-records.js';

/** What one job converts: a chunk of a JSON Lines file, or items of a JSON document ("#1", "#2"...). */
export type ConvertJob =
  | { kind: 'lines'; fileName: string; chunk: LineChunk }
  | { kind: 'items'; fileName: string; items: { label: string; text: string }[] };

export interface Rejection {
  /** The line number or item label. */
  where: number | string;
  kind: RecordError['kind'];
  message: string;
}

export interface ConvertedJob {
  /** Records read (blank lines are not records). */
  read: number;
  records: MeasurementRecord[];
  rejected: Rejection[];
}

/** Converts a job's records; a bad record is a Rejection, anything else (a bug) is thrown. */
export function convertJob(job: ConvertJob, base: Omit<ConvertContext, 'fileName'>): ConvertedJob {
  const ctx: ConvertContext = { ...base, fileName: job.fileName };
  const out: ConvertedJob = { read: 0, records: [], rejected: [] };
  const one = (where: number | string, text: string, bytes?: Buffer) => {
    out.read++;
    try {
      for (const r of recordsFromText(text, ctx)) {
        // Judged already: from here on the JSON text is what travels and gets stored, and the parsed object
        // can die young (a batch of parsed measurements kept alive costs more in GC than the parse itself).
        // A line stored as read travels as its bytes, which the garbage collector never copies.
        if (bytes && r.rawJson === text) {
          r.rawUtf8 = { bytes, length: text.length };
          r.rawJson = undefined;
        } else r.rawJson ??= JSON.stringify(r.raw);
        r.raw = null;
        out.records.push(r);
      }
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      out.rejected.push({ where, kind: err.kind, message: err.message });
    }
  };
  if (job.kind === 'items') {
    for (const item of job.items) one(item.label, item.text);
    return out;
  }
  for (const t of job.chunk.tooLong) {
    out.read++;
    out.rejected.push({ where: t.line, kind: 'too large', message: `line of ${t.bytes} bytes` });
  }
  let line = job.chunk.firstLine;
  forEachLine(job.chunk, (text, bytes) => {
    if (text.length > 0 && text.trim() !== '') one(line, text, bytes);
    line++;
  });
  return out;
}

/**
 * A converted job as it crosses from a worker thread: the records' fields as one JSON text and their raw
 * texts apart. V8's structured clone of the record objects costs several times more on both sides
 * (about 9 µs a record against 3 for JSON).
 */
export interface PackedJob {
  read: number;
  rejected: Rejection[];
  /** JSON of the records without their raw text. */
  records: string;
  raws: string[];
}

export function packJob(out: ConvertedJob): PackedJob {
  const raws: string[] = [];
  const records = JSON.stringify(
    out.records.map((r) => {
      // As text: a view's bytes would cross with the whole chunk under them.
      raws.push(rawText(r));
      return { ...r, rawJson: undefined, rawUtf8: undefined };
    }),
  );
  return { read: out.read, rejected: out.rejected, records, raws };
}

export function unpackJob(packed: PackedJob): ConvertedJob {
  const records = JSON.parse(packed.records) as MeasurementRecord[];
  for (const [i, r] of records.entries()) r.rawJson = packed.raws[i]!;
  return { read: packed.read, rejected: packed.rejected, records };
}
