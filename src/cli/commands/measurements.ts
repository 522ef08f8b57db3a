/** `netfreedom ingest | reanalyze | optimize`: measurements from files into the store, re-judged, laid out. */
import { type Command, InvalidArgumentError } from 'commander';
import { defaultWorkerCount } from '../../ingest/convert-pool.js';
import { ingestFiles } from '../../ingest/ingest-files.js';
import { expandInputs } from '../../ingest/input-files.js';
import { reanalyze } from '../../ingest/reanalyze.js';
import { CURRENT_ANALYZER, createConvertContext, INGEST_CONTEXT_MODULE } from '../ingest-context.js';
import {
  addOptions,
  type JsonOption,
  jsonOption,
  type OptionTable,
  type StrictOption,
  strictOption,
} from '../option-table.js';
import { countsText, printJson, rejectionsText } from '../output.js';
import { parsePositiveInt } from '../parse-args.js';
import { progressBar } from '../progress.js';
import { action, type CliContext, type Io, rejectionsExit } from '../run-command.js';
import { addStoreOptions, type StoreOptions, withExistingStore, withStore } from '../store-options.js';
import { parseDate } from './measurement-options.js';

function parseWorkerCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64)
    throw new InvalidArgumentError(`"${value}" is not a number of threads (0–64)`);
  return n;
}

interface IngestOptions extends JsonOption, StrictOption {
  source: 'ooni' | 'censoredplanet' | 'auto';
  simulated?: boolean;
  batchSize: number;
  workers?: number;
}

const INGEST_OPTIONS: OptionTable<IngestOptions> = {
  source: {
    flags: '--source <source>',
    description: 'what the files hold',
    choices: ['ooni', 'censoredplanet', 'auto'],
    default: 'auto',
  },
  simulated: {
    flags: '--simulated',
    description: 'mark every record as produced by a simulated network (demo data)',
  },
  batchSize: {
    flags: '--batch-size <n>',
    description: 'records per atomic batch',
    parse: parsePositiveInt,
    default: 2000,
  },
  workers: {
    flags: '--workers <n>',
    description:
      'threads that parse and judge records (default: for inputs over 16 MB on 3+ cores, one per core but one; else 0 = this thread)',
    parse: parseWorkerCount,
  },
  ...strictOption(),
  ...jsonOption('print the summary as JSON'),
};

interface ReanalyzeOptions extends JsonOption {
  since?: string;
}

const REANALYZE_OPTIONS: OptionTable<ReanalyzeOptions> = {
  since: { flags: '--since <date>', description: 'only measurements from this day on', parse: parseDate },
  ...jsonOption('print the summary as JSON'),
};

export function registerMeasurements(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  addStoreOptions(
    addOptions(
      program
        .command('ingest')
        .description(
          'read OONI / Censored Planet / netfreedom measurements into the store; bad records are reported as file:line',
        )
        .argument('<path...>', 'files (.json, .jsonl, .jsonl.gz) or directories (OONI S3 layout)'),
      INGEST_OPTIONS,
    ),
  ).action(action(ctx, (paths: string[], o: StoreOptions & IngestOptions) => ingest(io, paths, o)));

  addStoreOptions(
    addOptions(
      program.command('reanalyze').description('re-judge stored raw measurements analysed with older rules'),
      REANALYZE_OPTIONS,
    ),
  ).action(action(ctx, (o: StoreOptions & ReanalyzeOptions) => reanalyzeStored(io, o)));

  addStoreOptions(
    addOptions(
      program
        .command('optimize')
        .description(
          'maintenance: lay the measurements out for fast per-country queries (DuckDB re-sorts, ClickHouse merges)',
        ),
      jsonOption(),
    ),
  ).action(action(ctx, (o: StoreOptions & JsonOption) => optimize(io, o)));
}

/** Total size of the inputs, 0 when a path is missing (ingest reports that itself). */
function inputBytes(paths: string[]): number {
  try {
    return expandInputs(paths).reduce((n, f) => n + f.bytes, 0);
  } catch {
    return 0;
  }
}

async function ingest(io: Io, paths: string[], o: StoreOptions & IngestOptions): Promise<number | undefined> {
  const bar = progressBar(io);
  const workers = o.workers ?? defaultWorkerCount(inputBytes(paths));
  const context = workers > 0 ? null : await createConvertContext({ source: o.source });
  const summary = await withStore(o, (store) =>
    ingestFiles(store, paths, {
      ...(context ?? { analyze: CURRENT_ANALYZER.analyze }),
      source: o.source,
      simulated: Boolean(o.simulated),
      batchSize: o.batchSize,
      workers: { count: workers, contextModule: INGEST_CONTEXT_MODULE },
      onError: (m) => {
        if (!o.json) io.err(`${m}\n`);
      },
      onProgress: (p) =>
        bar.update(
          p.bytesDone,
          p.bytesTotal,
          `${p.fileIndex + 1}/${p.files} files, ${p.summary.read} records`,
        ),
      onFile: (file, s) => {
        if (!io.isTty && !o.json)
          io.err(`${file}: ${s.read} read so far, ${s.added} added, ${s.rejected} rejected\n`);
      },
    }),
  );
  bar.done();
  // A folder with no measurement file in it is most often the wrong folder.
  if (summary.files === 0)
    io.err(
      `netfreedom: no measurement file (.json, .jsonl or .jsonc, gzipped or not) in ${paths.join(', ')}\n`,
    );
  if (o.json) printJson(io, summary);
  else {
    io.out(
      `${summary.files} file(s), ${summary.read} record(s) read: ${summary.added} added, ` +
        `${summary.duplicates} duplicate(s), ${rejectionsText(summary)}\n`,
    );
  }
  return rejectionsExit(summary.rejected, o.strict);
}

async function reanalyzeStored(io: Io, o: StoreOptions & ReanalyzeOptions): Promise<void> {
  const bar = progressBar(io);
  const summary = await withExistingStore(o, (store) =>
    reanalyze(store.measurements, CURRENT_ANALYZER.analyze, CURRENT_ANALYZER.rulesVersion, {
      ...(o.since ? { since: o.since } : {}),
      onPage: (s) => bar.update(s.examined, s.examined + 1, `${s.examined} examined, ${s.updated} updated`),
    }),
  );
  bar.done();
  if (o.json) return printJson(io, { rulesVersion: CURRENT_ANALYZER.rulesVersion, ...summary });
  const changed = countsText(summary.changed);
  io.out(
    `rules version ${CURRENT_ANALYZER.rulesVersion}: ${summary.examined} examined, ${summary.updated} updated` +
      `${changed ? `; outcome changes: ${changed}` : ''}\n`,
  );
}

async function optimize(io: Io, o: StoreOptions & JsonOption): Promise<void> {
  const t = Date.now();
  await withExistingStore(o, (store) => store.measurements.optimize());
  const seconds = Math.round(Date.now() - t) / 1000;
  if (o.json) printJson(io, { optimized: true, seconds });
  else io.out(`optimized in ${seconds.toFixed(1)} s\n`);
}
