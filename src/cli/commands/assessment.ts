/** `netfreedom assessment ...`: import, show, history, compare, set, control and export country assessments. */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { type ExportFormat, exportAssessments } from '../../assessment/export-assessments.js';
import { history } from '../../assessment/history.js';
import { importScores } from '../../assessment/import-scores.js';
import { loadMethodology } from '../../assessment/methodology-loader.js';
import { toAssessmentJson } from '../../server/contract/assessment-json.js';
import { toHistoryPointJson } from '../../server/contract/assessment-views-json.js';
import { InvalidDataError, NotFoundError } from '../../shared/errors.js';
import { AS_OPTION, type AsOption, localActing } from '../local-actor.js';
import { addOptions, type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { formatTable, printJson } from '../output.js';
import { parseCountry, parseYear } from '../parse-args.js';
import { action, type CliContext, EXIT_FAILURE, type Io } from '../run-command.js';
import { addStoreOptions, type StoreOptions, withExistingStore, withStore } from '../store-options.js';
import { registerCompare } from './assessment-compare.js';
import { registerEdits } from './assessment-edits.js';
import { registerReview } from './assessment-review.js';
import { registerSuggestions } from './assessment-suggestions.js';
import { printAssessment } from './print-assessment.js';

interface ShowOptions extends JsonOption {
  edition?: number;
}

const SHOW_OPTIONS: OptionTable<ShowOptions> = {
  edition: {
    flags: '--edition <year>',
    description: 'edition (report year; default: the latest)',
    parse: parseYear,
  },
  ...jsonOption(),
};

interface ExportOptions {
  format: ExportFormat;
  output?: string;
}

const EXPORT_OPTIONS: OptionTable<ExportOptions> = {
  format: {
    flags: '--format <format>',
    description: 'output format',
    choices: ['csv', 'json'],
    default: 'csv',
  },
  output: { flags: '--output <file>', description: 'write to a file instead of standard output' },
};

export function registerAssessment(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const cmd = program.command('assessment').description('country assessments (Freedom on the Net scores)');
  addStoreOptions(
    addOptions(
      cmd
        .command('import')
        .description('import a FOTN scores CSV; bad rows are reported with their line, the rest is imported')
        .argument('<file>', 'CSV with the columns of data/fotn/fotn-scores.csv'),
      { ...AS_OPTION, ...jsonOption('print the summary as JSON') },
    ),
  ).action(
    action(ctx, (file: string, opts: StoreOptions & JsonOption & AsOption) => importFile(io, file, opts)),
  );
  addStoreOptions(
    addOptions(
      cmd
        .command('show')
        .description(
          'one assessment: total, status, categories, questions, key internet controls and sources',
        )
        .argument('<country>', 'two-letter country code', parseCountry),
      SHOW_OPTIONS,
    ),
  ).action(action(ctx, (country: string, opts: StoreOptions & ShowOptions) => show(io, country, opts)));
  addStoreOptions(
    addOptions(
      cmd
        .command('history')
        .description(
          "a country's totals and category scores by edition, with the change since the previous edition",
        )
        .argument('<country>', 'two-letter country code', parseCountry),
      jsonOption(),
    ),
  ).action(
    action(ctx, (country: string, opts: StoreOptions & JsonOption) => printHistory(io, country, opts)),
  );
  registerCompare(cmd, ctx);
  registerEdits(cmd, ctx);
  registerReview(cmd, ctx);
  registerSuggestions(cmd, ctx);
  addStoreOptions(
    addOptions(
      cmd
        .command('export')
        .description('export every assessment as CSV (the import columns) or JSON (everything)'),
      EXPORT_OPTIONS,
    ),
  ).action(action(ctx, (opts: StoreOptions & ExportOptions) => exportAll(io, opts)));
}

async function importFile(
  io: Io,
  file: string,
  opts: StoreOptions & JsonOption & AsOption,
): Promise<number | undefined> {
  const methodology = await loadMethodology();
  const summary = await withStore(opts, (store) => importScores(store, methodology, file, localActing(opts)));
  if (opts.json) printJson(io, summary);
  else {
    for (const p of summary.rejected) io.err(`${p.file}:${p.line}: ${p.reason}\n`);
    io.out(
      `${summary.read} row(s) read: ${summary.added} added, ${summary.updated} updated, ` +
        `${summary.unchanged} unchanged, ${summary.rejected.length} rejected\n`,
    );
  }
  return summary.rejected.length > 0 ? EXIT_FAILURE : undefined;
}

async function show(io: Io, country: string, opts: StoreOptions & ShowOptions): Promise<void> {
  const a = await withExistingStore(opts, async (store) =>
    opts.edition === undefined
      ? ((await store.assessments.list({ country })).at(-1) ?? null) // ordered by edition
      : store.assessments.get(country, opts.edition),
  );
  if (!a) throw new NotFoundError(`no assessment for ${country}${opts.edition ? ` ${opts.edition}` : ''}`);
  if (opts.json) return printJson(io, toAssessmentJson(a));
  printAssessment(io, a);
}

async function printHistory(io: Io, country: string, opts: StoreOptions & JsonOption): Promise<void> {
  const list = await withExistingStore(opts, (store) => store.assessments.list({ country }));
  if (list.length === 0) throw new NotFoundError(`no assessments for ${country}`);
  const points = history(list);
  if (opts.json) return printJson(io, { country, history: points.map(toHistoryPointJson) });
  io.out(
    formatTable(
      ['edition', 'scale', 'total', 'A', 'B', 'C', 'status', 'change'],
      points.map((p) => [
        p.edition,
        p.scale === 'legacy' ? 'legacy (0 = most free)' : 'current',
        p.total,
        p.categories.A ?? null,
        p.categories.B ?? null,
        p.categories.C ?? null,
        p.status,
        p.change === null ? null : p.change > 0 ? `+${p.change}` : String(p.change),
      ]),
    ),
  );
}

/** The CSV (or JSON) on stdout or in --output; an empty store is said on stderr, the data stays what it is. */
async function exportAll(io: Io, opts: StoreOptions & ExportOptions): Promise<void> {
  const { list, location } = await withExistingStore(opts, async (store) => ({
    list: await store.assessments.list(),
    location: store.location,
  }));
  const text = exportAssessments(list, opts.format);
  if (opts.output) {
    await writeFile(opts.output, text).catch((err: Error) => {
      throw new InvalidDataError(opts.output!, `cannot write the file (${err.message})`);
    });
  } else io.out(text);
  if (list.length === 0)
    io.err(`no assessment in ${location} (\`netfreedom assessment import FILE\` adds some)\n`);
}
