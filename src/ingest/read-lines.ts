/**
 * Streams the lines of a file (or of any byte stream), gunzipping a file that starts with the gzip magic bytes;
 * memory stays flat.
 * Lines are split on bytes (Buffer.indexOf), not through readline, and decoded one by one (see chunkLines);
 * a chunk of whole lines can go to a worker thread undecoded. A line ends at LF, CRLF or a lone CR; a UTF-8
 * byte order mark opening the file is dropped (normalize-text.ts).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { decodeUtf8 } from '../shared/decode-utf8.js';
import { normalizeText } from './normalize-text.js';

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
const CARRIAGE_RETURN = 0x0d;
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
 * Yields chunks of whole lines of a file; a line longer than `maxLineBytes` is skipped without being held in memory
 * and reported in `tooLong`. `onBytes` reports file bytes read (compressed bytes for gzip), for progress.
 * A plain file is read into two buffers in turn (see readInTurns): a chunk's bytes stay as they are until the chunk
 * after the next one is read, so a consumer that keeps bytes beyond that copies them.
 */
export async function* readLineChunks(
  path: string,
  options: { maxLineBytes?: number; onBytes?: (n: number) => void } = {},
): AsyncGenerator<LineChunk> {
  if (!(await isGzip(path))) {
    yield* splitLineChunks(readInTurns(path, options.onBytes), options);
    return;
  }
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const source = file.pipe(createGunzip());
  file.on('error', (err) => source.destroy(err));
  let reported = 0;
  const report = () => {
    if (options.onBytes && file.bytesRead > reported) {
      options.onBytes(file.bytesRead - reported);
      reported = file.bytesRead;
    }
  };
  try {
    yield* splitLineChunks(source as AsyncIterable<Buffer>, { ...options, onData: report });
  } finally {
    file.destroy();
    source.destroy();
  }
  report();
}

/**
 * The bytes of a file, CHUNK_BYTES at a time, read into two buffers allocated once and used in turn: a stream
 * allocates a new megabyte for every read (300 of them for the ingest benchmark's file), which the kernel maps and
 * zeroes page by page and the collector frees a moment later.
 */
async function* readInTurns(path: string, onBytes?: (n: number) => void): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffers = [Buffer.allocUnsafeSlow(CHUNK_BYTES), Buffer.allocUnsafeSlow(CHUNK_BYTES)];
    for (let turn = 0; ; turn = 1 - turn) {
      const { bytesRead } = await file.read(buffers[turn]!, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return;
      onBytes?.(bytesRead);
      yield buffers[turn]!.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

/**
 * Yields chunks of whole lines of a stream of (already decompressed) bytes, such as a download piped through
 * gunzip; the same rules as readLineChunks. `onData` is called for every piece read, before it is split.
 */
export async function* splitLineChunks(
  source: AsyncIterable<Buffer>,
  options: { maxLineBytes?: number; onData?: () => void } = {},
): AsyncGenerator<LineChunk> {
  const maxLine = options.maxLineBytes ?? Number.POSITIVE_INFINITY;
  // The start of a line not finished yet, as copies: the source may reuse a piece's buffer once the next piece is
  // read (readInTurns), and a line longer than a read spans more than two.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false; // inside a line already known to be too long
  let line = 1;
  let tooLong: LineChunk['tooLong'] = [];
  for await (const data of normalizeText(source)) {
    options.onData?.();
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
      pending.push(Buffer.from(data.subarray(from)));
      pendingBytes += data.length - from;
      if (pendingBytes > maxLine) {
        tooLong.push({ line, bytes: pendingBytes });
        pending = [];
        pendingBytes = 0;
        skipping = true;
      }
      continue;
    }
    // Only the line that straddles reads is copied; the whole lines of this read are handed out as a view.
    const pieces: Buffer[] = [];
    if (pendingBytes > 0) {
      const nl = data.indexOf(NEWLINE, from);
      pieces.push(Buffer.concat([...pending, data.subarray(from, nl)]));
      from = nl + 1;
    }
    if (from <= last) pieces.push(data.subarray(from, last));
    pending = [Buffer.from(data.subarray(last + 1))];
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
  const lines: string[] = [];
  forEachLine(chunk, (text) => lines.push(text));
  return lines;
}

/** Calls `visit` with each line of a chunk as text and as the bytes it was decoded from (without the CR of CRLF). */
export function forEachLine(chunk: LineChunk, visit: (text: string, bytes: Buffer) => void): void {
  if (chunk.lines === 0) return;
  // A chunk that crossed to a worker arrives as a plain Uint8Array.
  const bytes = Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength);
  // Line by line, not the whole chunk at once: a string of a megabyte costs about 3 ms to allocate (9 µs a line),
  // and one non-ASCII character in it would make every line two bytes a character. decodeUtf8 decodes a line
  // that is not ASCII twice as fast as Node's own decoder.
  for (let start = 0; ; ) {
    const newline = bytes.indexOf(NEWLINE, start);
    let end = newline < 0 ? bytes.length : newline;
    if (end > start && bytes[end - 1] === CARRIAGE_RETURN) end--;
    const line = bytes.subarray(start, end);
    visit(decodeUtf8(line), line);
    if (newline < 0) return;
    start = newline + 1;
  }
}

/** Yields every line with its number (lines over the limit, if one is given, are left out). */
export async function* readLines(path: string, onBytes?: (n: number) => void): AsyncGenerator<Line> {
  for await (const chunk of readLineChunks(path, { onBytes })) {
    let number = chunk.firstLine;
    for (const text of chunkLines(chunk)) yield { text, number: number++ };
  }
}
