/** `netfreedom lists validate|show`: lint Citizen Lab test lists and pick the URLs to test in a country. */
import type { Command } from 'commander';
import { selectUrls, validateLists } from '../../test-lists/test-lists.js';
import { printJson } from '../output.js';
import { parseCodes } from '../parse-args.js';
import { action, type CliContext, EXIT_FAILURE } from '../run-command.js';

export function registerLists(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const lists = program.command('lists').description('Citizen Lab test lists');
  lists
    .command('validate')
    .description('lint list files with the upstream rules; prints file:line: reason for each problem')
    .argument('<files...>', 'list CSV files')
    .option('--json', 'print the problems as JSON')
    .action(
      action(ctx, async (files: string[], opts: { json?: boolean }) => {
        const problems = await validateLists(files);
        if (opts.json) printJson(io, { files, problems });
        else {
          for (const p of problems) io.out(`${p.file}:${p.line}: ${p.reason}\n`);
          if (problems.length === 0) io.out(`${files.length} file(s) valid\n`);
          else
            io.err(`${problems.length} problem(s) in ${new Set(problems.map((p) => p.file)).size} file(s)\n`);
        }
        return problems.length > 0 ? EXIT_FAILURE : undefined;
      }),
    );
  lists
    .command('show')
    .description('print the URLs to test in a country: its list plus global.csv, de-duplicated')
    .argument('<country>', 'two-letter country code, e.g. kz')
    .option('--category <codes>', 'only these category codes, comma-separated (e.g. NEWS,HUMR)', parseCodes)
    .option('--dir <path>', 'a folder of lists other than the bundled one')
    .option('--json', 'print entries as JSON')
    .action(
      action(ctx, async (country: string, opts: { category?: string[]; dir?: string; json?: boolean }) => {
        const entries = await selectUrls(country, { categories: opts.category, dir: opts.dir });
        if (opts.json) return printJson(io, entries);
        for (const e of entries) io.out(`${e.url}\t${e.categoryCode}\t${e.list}\n`);
      }),
    );
}
