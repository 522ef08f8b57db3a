/**
 * Ingest benchmark: `netfreedom ingest` (the built binary, in a process of its own) of N real-shaped web_connectivity
 * records (bench/shared/real-shaped-records.ts) into a fresh DuckDB file, against the floor measured in the same
 * run — a plain readline + JSON.parse of the same file, in a process of its own too — with DuckDB's `read_ndjson`
 * beside them as the native reference and a breakdown of the CPU per stage.
 * The floor and ingest run in rounds (`--rounds`, 3 by default), each round the one then the other; each goal is
 * judged on the median of the rounds' ratios and the largest peak RSS.
 * Run: npm run build && npx tsx bench/ingest/run.ts [--records 3000] [--body-kb N] [--workers N] [--batch N] [--rounds 3]
 * --body-kb gives every record a body of N KB instead of the real mix (memory must not grow with the record).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { CURRENT_ANALYZER } from '../../src/cli/ingest-context.js';
import { median } from '../shared/median.js';
import { realShapedRecord } from '../shared/real-shaped-records.js';
import { measureStages } from './stage-breakdown.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'netfreedom.js');
const GOAL_SPEED = 0.5;
const GOAL_CPU = 2;
const GOAL_RSS_MB = 300;

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '3000' },
    'body-kb': { type: 'string' },
    workers: { type: 'string' },
    batch: { type: 'string' },
    rounds: { type: 'string', default: '3' },
  },
});
const N = Number(values.records);
const ROUNDS = Number(values.rounds);
if (!(Number.isInteger(ROUNDS) && ROUNDS >= 1)) throw new Error('--rounds takes a whole number of 1 or more');
const bodyBytes = values['body-kb'] === undefined ? undefined : Number(values['body-kb']) * 1000;

/** On exit, the process's peak RSS (KB) and CPU (µs, every thread): its own figures, whatever its threads do. */
const FIGURES = `data:text/javascript,process.on("exit",()=>{const c=process.cpuUsage();process.stderr.write("bench-figures "+process.resourceUsage().maxRSS+" "+(c.user+c.system)+"\\n")})`;
/** The floor: node:readline over the file, JSON.parse per line, nothing else. */
const FLOOR = `import{createReadStream}from"node:fs";import{createInterface}from"node:readline";let n=0;for await(const l of createInterface({input:createReadStream(process.argv[1]),crlfDelay:Infinity}))if(JSON.parse(l))n++;console.log(n)`;

interface ChildFigures {
  seconds: number;
  cpuSeconds: number;
  rssMb: number;
  out: string;
}

/** Runs node with `args` in a process of its own; its wall time, CPU time and peak RSS. */
function runNode(args: string[]): Promise<ChildFigures> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, ['--import', FIGURES, ...args], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const figures = /bench-figures (\d+) (\d+)/.exec(err);
      if (code !== 0 || !figures) return reject(new Error(`node ${args.join(' ')} exited ${code}: ${err}`));
      resolve({
        seconds: (performance.now() - t) / 1000,
        cpuSeconds: Number(figures[2]) / 1e6,
        rssMb: Number(figures[1]) / 1024,
        out,
      });
    });
  });
}

async function generate(path: string): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < N; i++) {
    if (!out.write(`${realShapedRecord(i, bodyBytes === undefined ? {} : { bodyBytes })}\n`))
      await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** DuckDB's own JSON Lines reader loading the same file with explicit columns: what native code does. */
async function readNdjson(file: string, db: string): Promise<{ seconds: number; cpuSeconds: number }> {
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  const t = performance.now();
  const cpu = process.cpuUsage();
  await connection.run(
    `CREATE TABLE m AS SELECT * FROM read_ndjson('${file}', maximum_object_size = 67108864, columns = {
      report_id: 'VARCHAR', input: 'VARCHAR', probe_cc: 'VARCHAR', probe_asn: 'VARCHAR',
      measurement_start_time: 'VARCHAR', test_name: 'VARCHAR', test_keys: 'JSON'})`,
  );
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - t) / 1000;
  connection.closeSync();
  instance.closeSync();
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nf-bench-ingest-'));
  try {
    const file = join(dir, 'records.jsonl');
    const t = performance.now();
    await generate(file);
    const bytes = statSync(file).size;
    const shape =
      bodyBytes === undefined
        ? 'real-shaped: bodies median 10 KB, mean 100 KB, half Cyrillic'
        : `every body ${bodyBytes / 1000} KB`;
    console.log(
      `ingest benchmark: ${N.toLocaleString('en')} records (${shape}), ${(bytes / 1e6).toFixed(0)} MB, generated in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const mbps = (s: number) => `${(N / s).toFixed(0)} records/s, ${(bytes / 1e6 / s).toFixed(0)} MB/s`;

    const native = await readNdjson(file, join(dir, 'native.duckdb'));
    console.log(
      `  DuckDB read_ndjson (explicit columns, native reference): ${native.seconds.toFixed(1)} s, ${mbps(native.seconds)}, CPU ${native.cpuSeconds.toFixed(1)} s`,
    );

    // Rounds of the floor then ingest, each pair side by side in time: the machine's drift between rounds moves
    // both, and the median of the rounds' ratios is the figure (the floor's CPU alone moved 2.6–3.6 s in one hour).
    const rounds: { floor: ChildFigures; ingest: ChildFigures }[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      const floor = await runNode(['--input-type=module', '-e', FLOOR, file]);
      if (Number(floor.out) !== N) throw new Error(`floor parsed ${floor.out.trim()} of ${N} lines`);
      const db = join(dir, `bench-${r}.duckdb`);
      const args = [BIN, 'ingest', file, '--db', db, '--json'];
      if (values.workers !== undefined) args.push('--workers', values.workers);
      if (values.batch !== undefined) args.push('--batch-size', values.batch);
      const ingest = await runNode(args);
      const summary = JSON.parse(ingest.out) as { added: number };
      if (summary.added !== N) throw new Error(`expected ${N} added, got ${ingest.out}`);
      rmSync(`${db}.raw`, { recursive: true, force: true });
      rounds.push({ floor, ingest });
      console.log(
        `  round ${r}: floor (readline + JSON.parse): ${floor.seconds.toFixed(1)} s, ${mbps(floor.seconds)}, CPU ${floor.cpuSeconds.toFixed(1)} s, peak RSS ${floor.rssMb.toFixed(0)} MB`,
      );
      console.log(
        `           netfreedom ingest (rules v${CURRENT_ANALYZER.rulesVersion}, ${values.workers ?? 'default'} worker threads) into DuckDB: ${ingest.seconds.toFixed(1)} s, ${mbps(ingest.seconds)}, CPU ${ingest.cpuSeconds.toFixed(1)} s, peak RSS ${ingest.rssMb.toFixed(0)} MB; speed ${(floor.seconds / ingest.seconds).toFixed(2)}×, CPU ${(ingest.cpuSeconds / floor.cpuSeconds).toFixed(2)}×`,
      );
    }
    const of = (values: number[]) =>
      ROUNDS === 1 ? '' : `, the median of ${values.map((v) => v.toFixed(2)).join(', ')}`;
    const speeds = rounds.map((r) => r.floor.seconds / r.ingest.seconds);
    const cpus = rounds.map((r) => r.ingest.cpuSeconds / r.floor.cpuSeconds);
    const speed = median(speeds);
    const cpu = median(cpus);
    const rss = Math.max(...rounds.map((r) => r.ingest.rssMb));
    console.log(
      `  speed: ${speed.toFixed(2)} × the floor's${of(speeds)} (goal ≥ ${GOAL_SPEED}): ${verdict(speed >= GOAL_SPEED)}`,
    );
    console.log(
      `  CPU: ${cpu.toFixed(2)} × the floor's${of(cpus)} (goal ≤ ${GOAL_CPU}): ${verdict(cpu <= GOAL_CPU)}`,
    );
    console.log(
      `  peak RSS: ${rss.toFixed(0)} MB${ROUNDS === 1 ? '' : ', the largest of the rounds'} (goal ≤ ${GOAL_RSS_MB} MB): ${verdict(rss <= GOAL_RSS_MB)}`,
    );

    const stages = await measureStages(file);
    const rest = median(rounds.map((r) => r.ingest.cpuSeconds)) - stages.total;
    console.log(
      `  breakdown (CPU s, each stage alone on this thread): read/decode ${stages.read.toFixed(1)} · parse ${stages.parse.toFixed(1)} · analyse ${stages.analyse.toFixed(1)} · archive ${stages.archive.toFixed(1)} · write and the rest ${rest.toFixed(1)} (the median ingest's CPU less the stages)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
