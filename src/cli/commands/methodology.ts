/** `netfreedom methodology show`: the categories, questions, bands and key internet controls. */
import type { Command } from 'commander';
import { loadMethodology } from '../../assessment/methodology-loader.js';
import { toMethodologyJson } from '../../server/contract/methodology-json.js';
import { formatTable, printJson } from '../output.js';
import { action, type CliContext } from '../run-command.js';

export function registerMethodology(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const methodology = program.command('methodology').description('the Freedom on the Net methodology');
  methodology
    .command('show')
    .description(
      'print categories, the 21 questions with their maximum points, status bands and key internet controls',
    )
    .option('--file <path>', 'a methodology file other than the bundled one')
    .option('--json', 'print JSON')
    .action(
      action(ctx, async (opts: { file?: string; json?: boolean }) => {
        const m = await loadMethodology(opts.file);
        if (opts.json) return printJson(io, toMethodologyJson(m));
        io.out(
          `${m.index} (${m.publisher}): ${m.maxTotal} points, higher is freer since ${m.currentScaleFromEdition}\n\n`,
        );
        const rows = m.categories.flatMap((c) => [
          [c.id, c.name, c.maxPoints, ''],
          ...c.questions.map((q) => [`  ${q.id}`, q.text, q.maxPoints, q.verification]),
        ]);
        io.out(formatTable(['id', 'category / question', 'max', 'wording'], rows));
        io.out(`\nStatus (${m.currentScaleFromEdition}+): `);
        io.out(m.statusBands.map((b) => `${b.status} ${b.min}–${b.max}`).join(', '));
        io.out('\nStatus (legacy scale, 0 = most free): ');
        io.out(m.legacyStatusBands.map((b) => `${b.status} ${b.min}–${b.max}`).join(', '));
        io.out('\n\nKey internet controls:\n');
        for (const k of m.keyInternetControls) io.out(`  ${k.id}  ${k.label}\n`);
      }),
    );
}
