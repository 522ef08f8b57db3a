/** `netfreedom assessment ...`: import, show, history, compare, set and export country assessments. */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Argument, Option } from 'commander';
import { analystSource, setKeyControl, setQuestionScore } from '../../assessment/analyst-edits.js';
import { type ExportFormat, exportAssessments } from '../../assessment/export-assessments.js';
import { compare, history } from '../../assessment/history.js';
import { importScores } from '../../assessment/import-scores.js';
import { loadMethodology } from '../../assessment/methodology-loader.js';
import type { Assessment, ControlAnswer, Source } from '../../model/assessment.js';
import { InvalidInputError, NotFoundError } from '../../shared/errors.js';
import { formatTable, printJson } from '../output.js';
import { parseCountry, parseYear } from '../parse-args.js';
import { action, type CliContext, EXIT_FAILURE, type Io } from '../run-command.js';
import { addStoreOptions, type StoreOptions, withStore } from '../store-options.js';

type Json = { json?: boolean };
type SourceOptions = { source: string; sourceTitle?: string; accessed?: string };

/** The options an analyst's edit shares: where the evidence is, and how to print the result. */
function addEditOptions(command: Command): Command {
  return addStoreOptions(
    command
      .requiredOption('--source <url>', 'where the evidence is')
      .option('--source-title <title>', 'title of the source')
      .option('--accessed <date>', 'when the source was read (YYYY-MM-DD, default today)')
      .option('--json', 'print the updated assessment as JSON'),
  );
}

function sourceFrom(opts: SourceOptions): Source {
  return analystSource(opts.source, opts.accessed ?? new Date().toISOString().slice(0, 10), opts.sourceTitle);
}

export function registerAssessment(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const cmd = program.command('assessment').description('country assessments (Freedom on the Net scores)');

  addStoreOptions(
    cmd
      .command('import')
      .description('import a FOTN scores CSV; bad rows are reported with their line, the rest is imported')
      .argument('<file>', 'CSV with the columns of data/fotn/fotn-scores.csv')
      .option('--json', 'print the summary as JSON'),
  ).action(
    action(ctx, async (file: string, opts: StoreOptions & Json) => {
      const methodology = await loadMethodology();
      const summary = await withStore(opts, (store) => importScores(store, methodology, file));
      if (opts.json) printJson(io, summary);
      else {
        for (const p of summary.rejected) io.err(`${p.file}:${p.line}: ${p.reason}\n`);
        io.out(
          `${summary.read} row(s) read: ${summary.added} added, ${summary.updated} updated, ` +
            `${summary.unchanged} unchanged, ${summary.rejected.length} rejected\n`,
        );
      }
      return summary.rejected.length > 0 ? EXIT_FAILURE : undefined;
    }),
  );

  addStoreOptions(
    cmd
      .command('show')
      .description('one assessment: total, status, categories, questions, key internet controls and sources')
      .argument('<country>', 'two-letter country code', parseCountry)
      .option('--edition <year>', 'edition (report year; default: the latest)', parseYear)
      .option('--json', 'print JSON'),
  ).action(
    action(ctx, async (country: string, opts: StoreOptions & Json & { edition?: number }) => {
      const a = await withStore(opts, async (store) =>
        opts.edition === undefined
          ? ((await store.assessments.list({ country })).at(-1) ?? null) // ordered by edition
          : store.assessments.get(country, opts.edition),
      );
      if (!a)
        throw new NotFoundError(`no assessment for ${country}${opts.edition ? ` ${opts.edition}` : ''}`);
      if (opts.json) return printJson(io, a);
      printAssessment(io, a);
    }),
  );

  addStoreOptions(
    cmd
      .command('history')
      .description(
        "a country's totals and category scores by edition, with the change since the previous edition",
      )
      .argument('<country>', 'two-letter country code', parseCountry)
      .option('--json', 'print JSON'),
  ).action(
    action(ctx, async (country: string, opts: StoreOptions & Json) => {
      const list = await withStore(opts, (store) => store.assessments.list({ country }));
      if (list.length === 0) throw new NotFoundError(`no assessments for ${country}`);
      const points = history(list);
      if (opts.json) return printJson(io, { country, history: points });
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
    }),
  );

  addStoreOptions(
    cmd
      .command('compare')
      .description('several countries for one edition, ranked among the countries present')
      .argument('<countries...>', 'two-letter country codes')
      .option('--edition <year>', 'edition (report year; default: the latest any of them has)', parseYear)
      .option('--json', 'print JSON'),
  ).action(
    action(ctx, async (countries: string[], opts: StoreOptions & Json & { edition?: number }) => {
      const codes = countries.map(parseCountry);
      // One read: the given edition's assessments, or all of them to find the latest any of these countries has.
      const listed = await withStore(opts, (store) =>
        store.assessments.list(opts.edition ? { edition: opts.edition } : {}),
      );
      const edition =
        opts.edition ?? Math.max(0, ...listed.filter((a) => codes.includes(a.country)).map((a) => a.edition));
      const all = listed.filter((a) => a.edition === edition);
      if (edition === 0) throw new NotFoundError(`no assessments for ${codes.join(', ')}`);
      const rows = compare(all).filter((r) => codes.includes(r.country));
      const missing = codes.filter((c) => !rows.some((r) => r.country === c));
      if (opts.json) printJson(io, { edition, countries: rows, missing });
      else {
        io.out(
          formatTable(
            ['rank', 'country', 'total', 'A', 'B', 'C', 'status'],
            rows.map((r) => [
              r.rank === null ? null : `${r.rank}/${r.rankedAmong}`,
              r.country,
              r.total,
              r.categories.A ?? null,
              r.categories.B ?? null,
              r.categories.C ?? null,
              r.status,
            ]),
          ),
        );
        if (missing.length) io.err(`no ${edition} assessment for ${missing.join(', ')}\n`);
      }
      return missing.length > 0 ? EXIT_FAILURE : undefined;
    }),
  );

  addEditOptions(
    cmd
      .command('set')
      .description('set one question score, with its justification and source')
      .argument('<country>', 'two-letter country code', parseCountry)
      .argument('<edition>', 'edition (report year)', parseYear)
      .argument('<question>', 'question id, e.g. B1')
      .argument('<score>', 'integer points, or "unknown"')
      .requiredOption('--justification <text>', 'why this score'),
  ).action(
    action(
      ctx,
      async (
        country: string,
        edition: number,
        question: string,
        score: string,
        opts: StoreOptions & Json & { justification: string } & SourceOptions,
      ) => {
        if (score !== 'unknown' && !/^\d+$/.test(score)) {
          throw new InvalidInputError(`score "${score}" must be a non-negative integer or "unknown"`);
        }
        const methodology = await loadMethodology();
        const a = await withStore(opts, (store) =>
          setQuestionScore(store, methodology, {
            country,
            edition,
            questionId: question.toUpperCase(),
            score: score === 'unknown' ? null : Number(score),
            justification: opts.justification,
            source: sourceFrom(opts),
          }),
        );
        if (opts.json) return printJson(io, a);
        printAssessment(io, a);
      },
    ),
  );

  addEditOptions(
    cmd
      .command('control')
      .description('answer one key internet control (KIC1..KIC9) with its evidence and source')
      .argument('<country>', 'two-letter country code', parseCountry)
      .argument('<edition>', 'edition (report year)', parseYear)
      .argument('<control>', 'control id, e.g. KIC2 (see methodology show)')
      .addArgument(new Argument('<answer>', 'the answer').choices(['yes', 'no', 'unknown']))
      .requiredOption('--evidence <text>', 'what happened'),
  ).action(
    action(
      ctx,
      async (
        country: string,
        edition: number,
        control: string,
        answer: ControlAnswer,
        opts: StoreOptions & Json & { evidence: string } & SourceOptions,
      ) => {
        const methodology = await loadMethodology();
        const a = await withStore(opts, (store) =>
          setKeyControl(store, methodology, {
            country,
            edition,
            controlId: control.toUpperCase(),
            answer,
            evidence: opts.evidence,
            source: sourceFrom(opts),
          }),
        );
        if (opts.json) return printJson(io, a);
        printAssessment(io, a);
      },
    ),
  );

  addStoreOptions(
    cmd
      .command('export')
      .description('export every assessment as CSV (the import columns) or JSON (everything)')
      .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
      .option('--output <file>', 'write to a file instead of standard output'),
  ).action(
    action(ctx, async (opts: StoreOptions & { format: ExportFormat; output?: string }) => {
      const list = await withStore(opts, (store) => store.assessments.list());
      const text = exportAssessments(list, opts.format);
      if (opts.output) await writeFile(opts.output, text);
      else io.out(text);
    }),
  );
}

function printAssessment(io: Io, a: Assessment): void {
  const scale = a.scale === 'legacy' ? ' (legacy scale: 0 = most free)' : '';
  io.out(
    `${a.country} ${a.edition}${scale}: ${a.total ?? 'unknown'} / 100, ${a.status ?? 'status unknown'}\n`,
  );
  if (a.coverageStart) io.out(`coverage ${a.coverageStart} – ${a.coverageEnd}\n`);
  io.out(
    `categories: ${a.categories.map((c) => `${c.categoryId} ${c.score ?? '?'}${c.computed ? ' (computed)' : ''}`).join(', ')}\n`,
  );
  for (const q of a.questions) {
    io.out(
      `  ${q.questionId} ${q.score ?? '?'}  ${q.justification ?? ''}  [${q.sources.map((s) => s.url).join(' ')}]\n`,
    );
  }
  for (const k of a.keyControls) io.out(`  ${k.controlId} ${k.answer}  ${k.evidence ?? ''}\n`);
  for (const s of a.totalSources) io.out(`source (total): ${s.url}\n`);
  for (const s of a.categorySources) io.out(`source (categories): ${s.url}\n`);
  if (a.notes) io.out(`notes: ${a.notes}\n`);
}
