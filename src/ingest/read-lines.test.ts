/** The byte-level line reader: numbering, CRLF, gzip, lines split across reads, and over-long lines skipped. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp.js';
import { CHUNK_BYTES, type LineChunk, readLineChunks, readLines } from './read-lines.js';

async function all(path: string): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for await (const l of readLines(path)) out.push([l.number, l.text]);
  return out;
}

/** The chunks of a file, each kept as a copy: the reader reuses its buffers (a chunk lasts until the next but one). */
async function chunks(path: string, maxLineBytes: number): Promise<LineChunk[]> {
  const out: LineChunk[] = [];
  for await (const c of readLineChunks(path, { maxLineBytes }))
    out.push({ ...c, bytes: Buffer.from(c.bytes) });
  return out;
}

describe('readLines', () => {
  it('numbers lines, drops CR of CRLF, keeps blank lines and a last line without newline', async () => {
    const file = join(tempDir(), 'a.jsonl');
    writeFileSync(file, 'one\r\ntwo\n\nfour — ü\nfive');
    expect(await all(file)).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, ''],
      [4, 'four — ü'],
      [5, 'five'],
    ]);
  });

  it('reads gzip, and lines longer than a read (multi-byte characters across the boundary)', async () => {
    const dir = tempDir();
    const long = 'é'.repeat(CHUNK_BYTES); // 2 MiB of UTF-8: spans several reads
    const text = ['{"a":1}', long, '{"b":2}', ''].join('\n');
    writeFileSync(join(dir, 'p.jsonl'), text);
    writeFileSync(join(dir, 'g.jsonl.gz'), gzipSync(text));
    for (const f of ['p.jsonl', 'g.jsonl.gz']) {
      const lines = await all(join(dir, f));
      expect(lines.map(([n, t]) => [n, t.length])).toEqual([
        [1, 7],
        [2, CHUNK_BYTES],
        [3, 7],
      ]);
      expect(lines[1]![1]).toBe(long);
    }
  });

  it('keeps every line whole while it reuses its two buffers: lines of up to 3.5 reads among short ones', async () => {
    const file = join(tempDir(), 'varied.jsonl');
    // Distinct content everywhere, so that a piece overwritten by a later read cannot pass for itself.
    let seed = 7;
    const text = (length: number) => {
      const bytes = Buffer.alloc(length);
      for (let i = 0; i < length; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        bytes[i] = 0x61 + (seed % 26);
      }
      return `Қ${bytes.toString('latin1')}`;
    };
    const reads = [0, 3.5, 0, 1.2, 2.2, 0, 0.6, 0, 2.9, 0]; // each line's length in reads (0: a few bytes)
    const lines = reads.map((r, i) => text(r === 0 ? i + 3 : Math.floor(r * CHUNK_BYTES)));
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect((await all(file)).map(([, t]) => t)).toEqual(lines);
  });

  it('skips a line over the limit without holding it, reporting its number and size', async () => {
    const file = join(tempDir(), 'big.jsonl');
    const huge = 'x'.repeat(3 * CHUNK_BYTES + 5);
    writeFileSync(file, ['ok1', huge, 'ok3', 'y'.repeat(100), 'ok5'].join('\n'));
    const got = await chunks(file, 50);
    expect(got.flatMap((c) => c.tooLong)).toEqual([
      { line: 2, bytes: huge.length },
      { line: 4, bytes: 100 },
    ]);
    const kept: [number, string][] = [];
    for (const c of got) {
      const texts = c.lines === 0 ? [] : c.bytes.toString('utf8').split('\n');
      texts.forEach((t, i) => {
        kept.push([c.firstLine + i, t]);
      });
    }
    expect(kept.filter(([, t]) => t !== '')).toEqual([
      [1, 'ok1'],
      [3, 'ok3'],
      [5, 'ok5'],
    ]);
    expect(Math.max(...got.map((c) => c.bytes.length))).toBeLessThan(CHUNK_BYTES);
  });

  it('decodes each line as UTF-8 would, whatever the other lines of the chunk hold', async () => {
    const file = join(tempDir(), 'mixed.jsonl');
    const bytes = Buffer.concat([
      Buffer.from('{"a":"ascii"}\n{"k":"Қазақстан"}\r\nx\ry\n'),
      Buffer.from([0x7b, 0xff, 0x7d, 0x0a]), // a byte that is not UTF-8: U+FFFD, not Latin-1's ÿ
      Buffer.from('\u00e9 \ud83d\ude00\nlast'),
    ]);
    writeFileSync(file, bytes);
    const expected = bytes.toString('utf8').split(/\r\n|\r|\n/);
    expect((await all(file)).map(([, t]) => t)).toEqual(expected);
    expect(expected[4]).toBe('{\ufffd}');
    expect(expected.slice(2, 4)).toEqual(['x', 'y']);
  });

  it('ends a line at a lone CR as at LF or CRLF, numbering on', async () => {
    const file = join(tempDir(), 'cr.jsonl');
    writeFileSync(file, 'one\rtwo\r\nthree\n\rfive\r\r\nseven\r');
    expect(await all(file)).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
      [4, ''],
      [5, 'five'],
      [6, ''],
      [7, 'seven'],
    ]);
  });

  it('keeps CRLF one line end when a read ends between CR and LF, and a lone CR there one too', async () => {
    const dir = tempDir();
    // A plain file is read CHUNK_BYTES at a time, so byte CHUNK_BYTES - 1 is the last of the first read.
    const first = 'a'.repeat(CHUNK_BYTES - 1);
    writeFileSync(join(dir, 'crlf.jsonl'), `${first}\r\nb\r\nc`);
    writeFileSync(join(dir, 'cr.jsonl'), `${first}\rb\rc`);
    writeFileSync(join(dir, 'cr-lf.jsonl'), `${first}\r\n\nc`);
    const summary = async (f: string) => (await all(join(dir, f))).map(([n, t]) => [n, t.length]);
    expect(await summary('crlf.jsonl')).toEqual([
      [1, CHUNK_BYTES - 1],
      [2, 1],
      [3, 1],
    ]);
    expect(await summary('cr.jsonl')).toEqual(await summary('crlf.jsonl'));
    expect(await summary('cr-lf.jsonl')).toEqual([
      [1, CHUNK_BYTES - 1],
      [2, 0],
      [3, 1],
    ]);
  });

  it('drops a UTF-8 byte order mark at the start of a file, plain or gzipped, and nowhere else', async () => {
    const dir = tempDir();
    const text = '\ufeff{"a":1}\n\ufeff{"b":2}\n';
    writeFileSync(join(dir, 'bom.jsonl'), text);
    writeFileSync(join(dir, 'bom.jsonl.gz'), gzipSync(text));
    writeFileSync(join(dir, 'only.jsonl'), '\ufeff');
    for (const f of ['bom.jsonl', 'bom.jsonl.gz']) {
      expect(await all(join(dir, f))).toEqual([
        [1, '{"a":1}'],
        [2, '\ufeff{"b":2}'],
      ]);
    }
    expect(await all(join(dir, 'only.jsonl'))).toEqual([]);
    // Two bytes that begin like a BOM but end there are text, kept.
    const half = Buffer.from([0xef, 0xbb]);
    writeFileSync(join(dir, 'half.jsonl'), half);
    expect(await all(join(dir, 'half.jsonl'))).toEqual([[1, half.toString('utf8')]]);
  });
});
