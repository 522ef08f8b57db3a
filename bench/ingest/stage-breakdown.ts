/**
 * The CPU of each stage of ingest measured alone on this thread, over the same file: reading and decoding lines,
 * JSON.parse, the conversion and analysis, and the archive's compression. The store's writes are what remains of the
 * ingest's own CPU.
 */
import { createConvertContext } from '../../src/cli/ingest-context.js';
import { convertJob } from '../../src/ingest/convert-items.js';
import { forEachLine, type LineChunk, readLineChunks } from '../../src/ingest/read-lines.js';
import { BLOCK_CHARS } from '../../src/store/duckdb/raw-archive.js';
import { compressBlock } from '../../src/store/duckdb/raw-block-codec.js';

export interface StageSeconds {
  read: number;
  parse: number;
  analyse: number;
  archive: number;
  total: number;
}

/** CPU seconds of one pass over the file's chunks. */
async function pass(file: string, visit: (chunk: LineChunk) => void): Promise<number> {
  const cpu = process.cpuUsage();
  for await (const chunk of readLineChunks(file)) visit(chunk);
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1e6;
}

/** Times each stage in a pass of its own; a later stage's figure is its pass less the stages it includes. */
export async function measureStages(file: string): Promise<StageSeconds> {
  let sink = 0;
  const read = await pass(file, (chunk) => forEachLine(chunk, (text) => (sink += text.length)));
  const parsed = await pass(file, (chunk) =>
    forEachLine(chunk, (text) => {
      if (text.length > 0) sink += JSON.parse(text) ? 1 : 0;
    }),
  );
  const context = await createConvertContext({ source: 'auto' });
  const converted = await pass(file, (chunk) => {
    sink += convertJob({ kind: 'lines', fileName: file, chunk }, context).records.length;
  });
  // As the raw archive does: the lines' bytes in blocks of about 64 K, each compressed by its codec.
  const archive = await pass(file, (chunk) => {
    for (let at = 0; at < chunk.bytes.length; at += BLOCK_CHARS)
      sink += compressBlock(chunk.bytes.subarray(at, at + BLOCK_CHARS)).length;
  });
  if (sink === 0) throw new Error('nothing was read');
  return {
    read,
    parse: Math.max(0, parsed - read),
    analyse: Math.max(0, converted - parsed),
    archive,
    total: converted + archive,
  };
}
