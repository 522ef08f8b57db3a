/** The per-record work of ingest — parse, convert, judge — over a job of lines or items, in a worker or not. */
import { type MeasurementRecord, rawPiece } from '../store/measurement-store.js';
import { forEachLine, type LineChunk } from './read-lines.js';
import { type ConvertContext, RecordError } from './record-fields.js';
import { convertText, type TextRecords } from './to-records.js';

/** What one job converts: a chunk of a JSON Lines file, or items of a JSON document ("#1", "#2"...). */
export type ConvertJob =
  | { kind: 'lines'; fileName: string; chunk: LineChunk }
  | { kind: 'items'; fileName: string; items: DocumentItem[] };

/**
 * An item of a JSON document as compact JSON text, or why it was refused before it could be written as text
 * (nested too deep for JSON.stringify). Plain data, since an Error loses its class on the way to a worker.
 */
export type DocumentItem =
  | { label: string; text: string }
  | { label: string; refused: { kind: RecordError['kind']; message: string } };

export interface Rejection {
  /** The line number or item label, followed by ` (item N)` for the N-th item of an array there. */
  where: number | string;
  /** A record's problem, or `unreadable`: the file itself broke off (a truncated gzip, a read error). */
  kind: RecordError['kind'] | 'unreadable';
  message: string;
}

export interface ConvertedJob {
  /** Records read: a line or document item is one, an array as many as it has items; blank lines none. */
  read: number;
  records: MeasurementRecord[];
  rejected: Rejection[];
}

/** Converts a job's records; a bad record is a Rejection, anything else (a bug) is thrown. */
export function convertJob(job: ConvertJob, base: Omit<ConvertContext, 'fileName'>): ConvertedJob {
  const ctx: ConvertContext = { ...base, fileName: job.fileName };
  const out: ConvertedJob = { read: 0, records: [], rejected: [] };
  const one = (where: number | string, text: string, bytes?: Buffer) => {
    let converted: TextRecords;
    ctx.line = bytes ? { text, bytes } : undefined;
    try {
      converted = convertText(text, ctx);
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      out.read++;
      out.rejected.push({ where, kind: err.kind, message: err.message });
      return;
    }
    // So that read = added + duplicates + rejected, whatever the line held.
    out.read += converted.records.length + converted.refused.length;
    for (const r of converted.records) {
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
    for (const err of converted.refused) {
      out.rejected.push({ where: `${where} (item ${err.item})`, kind: err.kind, message: err.message });
    }
  };
  if (job.kind === 'items') {
    for (const item of job.items) {
      if ('text' in item) one(item.label, item.text);
      else {
        out.read++;
        out.rejected.push({ where: item.label, ...item.refused });
      }
    }
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
 * A converted job as it crosses from a worker thread: the records' fields as one JSON text, their raw texts as
 * UTF-8 in one buffer that is moved, not copied (`transfer`). V8's structured clone of the record objects costs
 * several times more on both sides (about 9 µs a record against 3 for JSON), and raw texts arriving as strings
 * were copied twice on the way and then again by every garbage collection while their batch waited.
 */
export interface PackedJob {
  read: number;
  rejected: Rejection[];
  /** JSON of the records without their raw text. */
  records: string;
  /** The raw texts' UTF-8 bytes, one after the other. */
  raws: Uint8Array;
  /** Per record: where its bytes end in `raws`, and its text's length as a JS string. */
  rawEnds: Uint32Array;
  rawLengths: Uint32Array;
}

/** Packs `out`; post it with `transfer` as the transfer list. */
export function packJob(out: ConvertedJob): { packed: PackedJob; transfer: ArrayBuffer[] } {
  const n = out.records.length;
  const pieces: Uint8Array[] = [];
  const rawEnds = new Uint32Array(n);
  const rawLengths = new Uint32Array(n);
  let end = 0;
  const records = JSON.stringify(
    out.records.map((r, i) => {
      const piece = rawPiece(r);
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece.bytes;
      pieces.push(bytes);
      end += bytes.byteLength;
      rawEnds[i] = end;
      rawLengths[i] = piece.length;
      return { ...r, raw: null, rawJson: undefined, rawUtf8: undefined };
    }),
  );
  // A buffer of its own (not a slice of Node's pool), so that it can be transferred.
  const raws = new Uint8Array(end);
  let offset = 0;
  for (const bytes of pieces) {
    raws.set(bytes, offset);
    offset += bytes.byteLength;
  }
  const packed = { read: out.read, rejected: out.rejected, records, raws, rawEnds, rawLengths };
  return { packed, transfer: [raws.buffer, rawEnds.buffer, rawLengths.buffer] };
}

export function unpackJob(packed: PackedJob): ConvertedJob {
  const records = JSON.parse(packed.records) as MeasurementRecord[];
  let start = 0;
  for (const [i, r] of records.entries()) {
    const end = packed.rawEnds[i]!;
    r.rawUtf8 = { bytes: packed.raws.subarray(start, end), length: packed.rawLengths[i]! };
    start = end;
  }
  return { read: packed.read, rejected: packed.rejected, records };
}
