/**
 * Ingest benchmark: builds N realistic web_connectivity records (default 1,000,000) by varying real OONI samples
 * (inputs from the bundled test lists, KZ/RU/UZ networks, dates across a year, a verdict mix), then times
 * ingest + analysis into a fresh DuckDB file against the floor: reading the same file and JSON.parse of every line.
 * Run: npx tsx bench/ingest/run.ts [--records N] [--workers N] [--batch N] [--cyrillic]
 * --cyrillic gives every other record a Cyrillic note, as pages of KZ and RU sites bring into real measurements.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CURRENT_ANALYZER,
  createConvertContext,
  INGEST_CONTEXT_MODULE,
} from '../../src/cli/ingest-context.js';
import { defaultWorkerCount } from '../../src/ingest/convert-pool.js';
import { ingestFiles } from '../../src/ingest/ingest-files.js';
import { readLineChunks, readLines } from '../../src/ingest/read-lines.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { variedRecord } from '../shared/varied-records.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    workers: { type: 'string' },
    batch: { type: 'string', default: '5000' },
    cyrillic: { type: 'boolean', default: false },
  },
});
const N = Number(values.records);

async function generate(path: string): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < N; i++) {
    const line = variedRecord(i, { cyrillic: values.cyrillic });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** User + system CPU seconds of every thread of this process since `since`. */
function cpuSeconds(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nf-bench-ingest-'));
  try {
    const file = join(dir, 'records.jsonl');
    let t = performance.now();
    await generate(file);
    const bytes = statSync(file).size;
    console.log(
      `ingest benchmark: ${N.toLocaleString('en')} records, ${(bytes / 1e6).toFixed(0)} MB, generated in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    // The floor: the file read in chunks and parsed the plain way, each chunk decoded as UTF-8 at once and split
    // on newlines, JSON.parse per line. It is kept as it was when the benchmark was written, whatever ingest's own
    // reader does: a faster reader is ingest's gain, not a lower bar.
    t = performance.now();
    let cpu = process.cpuUsage();
    let parsed = 0;
    for await (const chunk of readLineChunks(file)) {
      for (const line of chunk.bytes.toString('utf8').split('\n')) if (JSON.parse(line)) parsed++;
    }
    const floor = (performance.now() - t) / 1000;
    const floorCpu = cpuSeconds(cpu);
    console.log(
      `  floor (read + JSON.parse): ${floor.toFixed(1)} s, ${(parsed / floor).toFixed(0)} records/s, ${(bytes / 1e6 / floor).toFixed(0)} MB/s`,
    );
    // For reference, ingest's own reader (line by line decoding, see src/ingest/read-lines.ts) with JSON.parse.
    t = performance.now();
    for await (const line of readLines(file)) JSON.parse(line.text);
    console.log(`  ingest's reader + JSON.parse: ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const store = await DuckDbStore.open(join(dir, 'bench.duckdb'));
    t = performance.now();
    cpu = process.cpuUsage();
    const workers = values.workers === undefined ? defaultWorkerCount(bytes) : Number(values.workers);
    const s = await ingestFiles(store, [file], {
      ...(await createConvertContext({ source: 'auto' })),
      batchSize: Number(values.batch),
      workers: { count: workers, contextModule: INGEST_CONTEXT_MODULE },
    });
    // Closing checkpoints what is still in the write-ahead log: that is part of the ingest's cost.
    await store.close();
    const took = (performance.now() - t) / 1000;
    const tookCpu = cpuSeconds(cpu);
    if (s.added !== N) throw new Error(`expected ${N} added, got ${JSON.stringify(s)}`);
    console.log(
      `  ingest + analyse (rules v${CURRENT_ANALYZER.rulesVersion}, ${workers} worker thread(s)) into DuckDB: ${took.toFixed(1)} s, ${(N / took).toFixed(0)} records/s, ${(bytes / 1e6 / took).toFixed(0)} MB/s`,
    );
    console.log(`  ratio to the floor: ${(floor / took).toFixed(2)} (goal ≥ 0.5)`);
    // CPU time of all threads (workers, DuckDB's, zlib's): what a busy machine cannot hide.
    console.log(
      `  CPU time: floor ${floorCpu.toFixed(1)} s, ingest ${tookCpu.toFixed(1)} s (${(tookCpu / floorCpu).toFixed(1)}× the floor's)`,
    );
    // Spread perfectly over every core, that CPU still takes this long: the best ratio this machine allows.
    const cores = availableParallelism();
    const best = tookCpu / cores;
    console.log(
      `  that CPU over ${cores} cores: at least ${best.toFixed(1)} s, a ratio of at most ${(floor / best).toFixed(2)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
