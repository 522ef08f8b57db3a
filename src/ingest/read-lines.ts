/** Streams the lines of a file, gunzipping when it starts with the gzip magic bytes; memory stays flat. */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

export interface Line {
  text: string;
  /** 1-based. */
  number: number;
}

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

/** Yields every line with its number; `onBytes` reports compressed bytes read (for progress). */
export async function* readLines(path: string, onBytes?: (n: number) => void): AsyncGenerator<Line> {
  const gzip = await isGzip(path);
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const source = gzip ? file.pipe(createGunzip()) : file;
  if (gzip) file.on('error', (err) => source.destroy(err));
  const rl = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  let reported = 0;
  const report = () => {
    if (onBytes && file.bytesRead > reported) {
      onBytes(file.bytesRead - reported);
      reported = file.bytesRead;
    }
  };
  try {
    for await (const text of rl) {
      number++;
      if ((number & 255) === 0) report();
      yield { text, number };
    }
    report();
  } finally {
    rl.close();
    file.destroy();
  }
}
