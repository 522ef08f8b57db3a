/**
 * Streams the lines of a file, gunzipping when it starts with the gzip magic bytes; memory stays flat.
 * Lines are split on bytes (Buffer.indexOf), not through readline: decoding and splitting whole chunks at once
 * is several times faster, and a chunk of whole lines can go to a worker thread undecoded.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

export interface Line {
  text: string;
  /** 1-based. */
  number: number;
}

/** Whole lines as bytes: `lines` newline-separated lines starting at line `firstLine` (1-based). */
export interface LineChunk {
  bytes: Buffer;
  firstLine: number;
  lines: number;
  /** Line numbers (within the file) of lines longer than the limit, left out of `bytes`. */
  tooLong: { line: number; bytes: number }[];
}

const NEWLINE = 0x0a;
/** Chunks handed out hold about this many bytes (more when one line is longer). */
export const CHUNK_BYTES = 1 << 20;

export async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/**
 * Yields chunks of whole lines; a line longer than `maxLineBytes` is skipped without being held in memory and
 * reported in `tooLong`. `onBytes` reports file bytes read (compressed bytes for gzip), for progress.
 */
export async function* readLineChunks(
  path: string,
  options: { maxLineBytes?: number; onBytes?: (n: number) => void } = {},
): AsyncGenerator<LineChunk> {
  const maxLine = options.maxLineBytes ?? Number.POSITIVE_INFINITY;
  const gzip = await isGzip(path);
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const source = gzip ? file.pipe(createGunzip()) : file;
  if (gzip) file.on('error', (err) => source.destroy(err));
  let reported = 0;
  let pending: Buffer[] = []; // the start of a line not finished yet
  let pendingBytes = 0;
  let skipping = false; // inside a line already known to be too long
  let line = 1;
  let tooLong: LineChunk['tooLong'] = [];
  try {
    for await (const data of source as AsyncIterable<Buffer>) {
      if (options.onBytes && file.bytesRead > reported) {
        options.onBytes(file.bytesRead - reported);
        reported = file.bytesRead;
      }
      let from = 0;
      if (skipping) {
        const nl = data.indexOf(NEWLINE);
        if (nl < 0) {
          tooLong.at(-1)!.bytes += data.length;
          continue;
        }
        tooLong.at(-1)!.bytes += nl;
        skipping = false;
        line++;
        from = nl + 1;
      }
      const last = data.lastIndexOf(NEWLINE);
      if (last < from) {
        // No line ends in this piece: keep it, unless the line is already too long.
        pending.push(data.subarray(from));
        pendingBytes += data.length - from;
        if (pendingBytes > maxLine) {
          tooLong.push({ line, bytes: pendingBytes });
          pending = [];
          pendingBytes = 0;
          skipping = true;
        }
        continue;
      }
      // Only the line that straddles two reads is copied; the whole lines of this read are handed out as a view.
      const pieces: Buffer[] = [];
      if (pendingBytes > 0) {
        const nl = data.indexOf(NEWLINE, from);
        pieces.push(Buffer.concat([...pending, data.subarray(from, nl)]));
        from = nl + 1;
      }
      if (from <= last) pieces.push(data.subarray(from, last));
      pending = [data.subarray(last + 1)];
      pendingBytes = data.length - last - 1;
      for (const bytes of pieces) {
        const chunk = splitTooLong(bytes, line, maxLine, tooLong);
        line += chunk.lines;
        tooLong = [];
        yield chunk;
      }
    }
    if (!skipping && pendingBytes > 0) {
      const chunk = splitTooLong(Buffer.concat(pending), line, maxLine, tooLong);
      yield chunk;
    } else if (tooLong.length > 0) yield { bytes: Buffer.alloc(0), firstLine: line, lines: 0, tooLong };
  } finally {
    file.destroy();
    if (source !== file) source.destroy();
  }
  if (options.onBytes && file.bytesRead > reported) options.onBytes(file.bytesRead - reported);
}

/** Counts the lines of `bytes` and blanks out (as empty lines) those longer than the limit. */
function splitTooLong(
  bytes: Buffer,
  firstLine: number,
  maxLine: number,
  tooLong: LineChunk['tooLong'],
): LineChunk {
  let lines = 0;
  let start = 0;
  let cut = false;
  for (;;) {
    const nl = bytes.indexOf(NEWLINE, start);
    const end = nl < 0 ? bytes.length : nl;
    if (end - start > maxLine) {
      tooLong.push({ line: firstLine + lines, bytes: end - start });
      cut = true;
    }
    lines++;
    if (nl < 0) break;
    start = nl + 1;
  }
  return { bytes: cut ? blankLines(bytes, firstLine, tooLong) : bytes, firstLine, lines, tooLong };
}

/** `bytes` with the listed lines emptied (their newlines kept, so numbering holds). */
function blankLines(bytes: Buffer, firstLine: number, tooLong: LineChunk['tooLong']): Buffer {
  const drop = new Set(tooLong.map((t) => t.line));
  const parts: Buffer[] = [];
  let start = 0;
  let n = firstLine;
  for (;;) {
    const nl = bytes.indexOf(NEWLINE, start);
    const end = nl < 0 ? bytes.length : nl;
    if (!drop.has(n)) parts.push(bytes.subarray(start, end));
    else parts.push(Buffer.alloc(0));
    if (nl < 0) break;
    parts.push(Buffer.from('\n'));
    start = nl + 1;
    n++;
  }
  return Buffer.concat(parts);
}

/** The lines of a chunk as text (a trailing CR is dropped, as for CRLF files). */
export function chunkLines(chunk: LineChunk): string[] {
  if (chunk.lines === 0) return [];
  // A chunk that crossed to a worker arrives as a plain Uint8Array.
  const bytes = chunk.bytes;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  return lines;
}

/** Yields every line with its number (lines over the limit, if one is given, are left out). */
export async function* readLines(path: string, onBytes?: (n: number) => void): AsyncGenerator<Line> {
  for await (const chunk of readLineChunks(path, { onBytes })) {
    let number = chunk.firstLine;
    for (const text of chunkLines(chunk)) yield { text, number: number++ };
  }
}
