/** The bytes of a text file as the line splitter expects them: no UTF-8 byte order mark, every line ended by LF or CRLF. */

const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * `chunks` with a byte order mark at the very start dropped (editors on Windows write one; JSON.parse refuses it)
 * and every lone CR (classic Mac OS line ends) turned into LF, in place. CRLF stays as it is, also when a read
 * ends between its CR and its LF. Neither byte can occur inside a multi-byte UTF-8 character, nor unescaped in
 * a JSON string, so no record's content changes.
 */
export async function* normalizeText(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  // The first bytes of the file, held until there are enough of them to tell whether they are a BOM.
  let head: Buffer | null = Buffer.alloc(0);
  // The previous chunk ended with a CR (now LF): an LF at the start of this one is the rest of that CRLF.
  let endedWithCr = false;
  for await (let data of chunks) {
    if (head) {
      if (head.length > 0) data = Buffer.concat([head, data]);
      if (data.length < BOM.length && BOM.subarray(0, data.length).equals(data)) {
        head = data;
        continue;
      }
      head = null;
      if (data.subarray(0, BOM.length).equals(BOM)) data = data.subarray(BOM.length);
    }
    if (data.length === 0) continue;
    if (endedWithCr && data[0] === LF) data = data.subarray(1);
    endedWithCr = loneCrsToLf(data);
    if (data.length > 0) yield data;
  }
  // A file of one or two bytes that begin like a BOM but are not one.
  if (head && head.length > 0) yield head;
}

/** Turns every CR not followed by LF into LF; a CR at the end is turned too, and reported (its LF may follow). */
function loneCrsToLf(data: Buffer): boolean {
  // indexOf is a native scan: a file without CR costs one pass per chunk, a CRLF file one call per line.
  for (let i = data.indexOf(CR); i >= 0; i = data.indexOf(CR, i + 1)) {
    if (i + 1 === data.length) {
      data[i] = LF;
      return true;
    }
    if (data[i + 1] !== LF) data[i] = LF;
  }
  return false;
}
