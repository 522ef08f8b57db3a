/** `netfreedom lists validate|show`: lint Citizen Lab test lists and pick the URLs to test in a country. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_LISTS_DIR, selectUrls, validateLists } from '../../test-lists/test-lists.js';
import { checkCategoryCodes } from '../category-codes.js';
import { addOptions, type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { printJson } from '../output.js';
import { parseCodes } from '../parse-args.js';
import { action, type CliContext, EXIT_FAILURE, type Io } from '../run-command.js';

interface ShowOptions extends JsonOption {
  category?: string[];
  dir?: string;
}

const SHOW_OPTIONS: OptionTable<ShowOptions> = {
  category: {
    flags: '--category <codes>',
    description: 'only these category codes, comma-separated (e.g. NEWS,HUMR)',
    parse: parseCodes,
  },
  dir: { flags: '--dir <path>', description: 'a folder of lists other than the bundled one' },
  ...jsonOption('print entries as JSON'),
};

export function registerLists(program: Command, ctx: CliContext): void {
  const lists = program.command('lists').description('Citizen Lab test lists');
  addOptions(
    lists
      .command('validate')
      .description('lint list files with the upstream rules; prints file:line: reason for each problem')
      .argument('<files...>', 'list CSV files'),
    jsonOption('print the problems as JSON'),
  ).action(action(ctx, (files: string[], opts: JsonOption) => validate(ctx.io, files, opts)));
  addOptions(
    lists
      .command('show')
      .description(
        'print the URLs to test in a country (URL, category, list; tab-separated): its list plus global.csv, de-duplicated',
      )
      .argument('<country>', 'two-letter country code, e.g. kz'),
    SHOW_OPTIONS,
  ).action(action(ctx, (country: string, opts: ShowOptions) => show(ctx.io, country, opts)));
}

async function validate(io: Io, files: string[], opts: JsonOption): Promise<number | undefined> {
  const problems = await validateLists(files);
  if (opts.json) printJson(io, { files, problems });
  else {
    for (const p of problems) io.out(`${p.file}:${p.line}: ${p.reason}\n`);
    if (problems.length === 0) io.out(`${files.length} file(s) valid\n`);
    else io.err(`${problems.length} problem(s) in ${new Set(problems.map((p) => p.file)).size} file(s)\n`);
  }
  return problems.length > 0 ? EXIT_FAILURE : undefined;
}

/** One entry a line for scripts; when a category has no entry, nothing on stdout and a note on stderr. */
async function show(io: Io, country: string, opts: ShowOptions): Promise<void> {
  const dir = opts.dir ?? DEFAULT_LISTS_DIR;
  if (opts.category) await checkCategoryCodes(opts.category, dir);
  const entries = await selectUrls(country, { categories: opts.category, dir });
  if (opts.json) return printJson(io, entries);
  for (const e of entries) io.out(`${e.url}\t${e.categoryCode}\t${e.list}\n`);
  if (entries.length === 0 && opts.category) {
    const plural = opts.category.length > 1 ? 'categories' : 'category';
    io.err(
      `no entry of the ${plural} ${opts.category.join(', ')} in ` +
        `${join(dir, `${country.toLowerCase()}.csv`)} or ${join(dir, 'global.csv')}\n`,
    );
  }
}
