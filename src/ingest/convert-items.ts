/** The per-record work of ingest — parse, convert, judge — over a job of lines or items, in a worker or not. */
import type { MeasurementRecord } from '../store/measurement-store.js';
import { chunkLines, type LineChunk } from './read-lines.js';
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
  const one = (where: number | string, text: string) => {
    out.read++;
    try {
      for (const r of recordsFromText(text, ctx)) {
        // Judged already: from here on the JSON text is what travels and gets stored, and the parsed object
        // can die young (a batch of parsed measurements kept alive costs more in GC than the parse itself).
        r.rawJson ??= JSON.stringify(r.raw);
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
  for (const text of chunkLines(job.chunk)) {
    if (text.length > 0 && text.trim() !== '') one(line, text);
    line++;
  }
  return out;
}
