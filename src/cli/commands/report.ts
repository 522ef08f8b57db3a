/** `netfreedom report CC --edition YEAR`: a country report in Markdown, HTML or PDF, or its model as JSON. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { loadMethodology } from '../../assessment/methodology-loader.js';
import { LANGUAGES, type Lang } from '../../model/language.js';
import {
  buildReport,
  compareCountries,
  compareEditions,
  comparisonTitle,
  renderComparisonHtml,
  renderComparisonMarkdown,
  renderHtml,
  renderMarkdown,
  renderPdf,
  reportStem,
  reportText,
} from '../../report/index.js';
import { UsageError } from '../../shared/errors.js';
import { addOptions, type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { printJson } from '../output.js';
import { parseCountry, parseYear } from '../parse-args.js';
import { action, type CliContext, type Io } from '../run-command.js';
import { addStoreOptions, type StoreOptions, withExistingStore } from '../store-options.js';
import { ensureBundled } from './bundled-evidence-cli.js';

export const REPORT_FORMATS = ['md', 'html', 'pdf'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

interface ReportCliOptions extends JsonOption {
  edition?: number;
  compare?: string[];
  editions?: [number, number];
  format?: ReportFormat;
  output?: string;
  lang: Lang;
  baseUrl: string;
}

const OPTIONS: OptionTable<ReportCliOptions> = {
  edition: { flags: '--edition <year>', description: 'the edition (e.g. 2024)', parse: parseYear },
  compare: {
    flags: '--compare <cc,...>',
    description: 'side by side with these countries, for --edition (e.g. --compare UZ,KG)',
    parse: (v) => v.split(',').map((c) => parseCountry(c.trim())),
  },
  editions: {
    flags: '--editions <first-last>',
    description: "the country's trend over a range of editions (e.g. 2020-2024), instead of --edition",
    parse: parseEditionRange,
  },
  format: {
    flags: '--format <format>',
    description: 'md, html or pdf (default: from the --output extension, else md)',
    choices: REPORT_FORMATS,
  },
  output: {
    flags: '--output <file>',
    description:
      'write here (Markdown: the SVG charts beside it); default standard output, for pdf COUNTRY-EDITION-LANG.pdf',
  },
  lang: { flags: '--lang <lang>', description: 'language: en, ru or kk', choices: LANGUAGES, default: 'en' },
  baseUrl: {
    flags: '--base-url <url>',
    description: 'address of the netfreedom server the explorer and API links point to',
    default: 'http://localhost:8080',
  },
  ...jsonOption('print the report model (every figure with its references) as JSON'),
};

export function registerReport(program: Command, ctx: CliContext): void {
  addStoreOptions(
    addOptions(
      program
        .command('report')
        .description(
          'a country report: score and breakdown, history, key developments, key internet controls, events, ' +
            'measured evidence, surveys, recommendations, methodology, numbered sources and query snapshots; ' +
            'every number with its reference. Exit 1 when the store has no assessment of that country and edition',
        )
        .argument('<country>', 'two-letter country code', parseCountry)
        .addHelpText(
          'after',
          '\nExamples:\n  netfreedom report KZ --edition 2024 --format pdf --output kz-2024.pdf\n' +
            '  netfreedom report KZ --edition 2024 --lang ru --output kz-2024-ru.md\n' +
            '  netfreedom report KZ --edition 2024 --compare UZ,KG --format html --output central-asia.html\n' +
            '  netfreedom report KZ --editions 2020-2024 --format pdf\n',
        ),
      OPTIONS,
    ),
  ).action(action(ctx, (cc: string, o: StoreOptions & ReportCliOptions) => report(ctx.io, cc, o)));
}

async function report(io: Io, cc: string, o: StoreOptions & ReportCliOptions): Promise<void> {
  if (o.editions && (o.edition || o.compare))
    throw new UsageError('--editions stands instead of --edition and --compare');
  if (!o.editions && !o.edition)
    throw new UsageError("required option '--edition <year>' (or --editions) not specified");
  const format = o.format ?? formatOf(o.output) ?? 'md';
  const methodology = await loadMethodology();
  const opts = { lang: o.lang };
  const model = await withExistingStore(o, async (store) => {
    await ensureBundled(io, store, methodology);
    if (o.editions) return compareEditions(store, methodology, cc, o.editions[0], o.editions[1], opts);
    if (o.compare)
      return compareCountries(
        store,
        methodology,
        [cc, ...o.compare.filter((c) => c !== cc)],
        o.edition!,
        opts,
      );
    return buildReport(store, methodology, cc, o.edition!, opts);
  });
  if (o.json) return printJson(io, model);
  const options = { baseUrl: o.baseUrl };
  const stem =
    'parts' in model
      ? model.kind === 'countries'
        ? `${model.parts.map((p) => p.country).join('-')}-${model.parts[0]!.edition}-${model.lang}`
        : `${cc}-${model.parts[0]!.edition}-${model.parts.at(-1)!.edition}-${model.lang}`
      : reportStem(model);
  if (format === 'md') {
    const { markdown, files } =
      'parts' in model ? renderComparisonMarkdown(model, options) : renderMarkdown(model, options);
    if (!o.output) {
      io.out(markdown);
      if (files.length)
        io.err(`the ${files.length} chart(s) are written beside the file only with --output\n`);
      return;
    }
    write(o.output, markdown);
    for (const f of files) write(join(dirname(o.output), f.name), f.content);
    io.err(`wrote ${o.output}${files.length ? ` and ${files.map((f) => f.name).join(', ')}` : ''}\n`);
    return;
  }
  const html = 'parts' in model ? renderComparisonHtml(model, options) : renderHtml(model, options);
  if (format === 'html') {
    if (!o.output) return io.out(html);
    write(o.output, html);
    io.err(`wrote ${o.output}\n`);
    return;
  }
  const t = reportText(model.lang);
  const { pdf } = await renderPdf(html, {
    // The environment is read at the edge only.
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    footer:
      'parts' in model
        ? `netfreedom — ${comparisonTitle(model, t)}`
        : t('footer', { country: model.countryName, edition: model.edition }),
  });
  const file = o.output ?? `${stem}.pdf`;
  write(file, pdf);
  io.err(`wrote ${resolve(file)}\n`);
}

/** `2020-2024`: the first and last editions, in order. */
function parseEditionRange(value: string): [number, number] {
  const m = /^(\d{4})-(\d{4})$/.exec(value);
  if (!m || Number(m[1]) > Number(m[2]))
    throw new InvalidArgumentError(`"${value}" is not a range of editions such as 2020-2024`);
  return [Number(m[1]), Number(m[2])];
}

function formatOf(file: string | undefined): ReportFormat | null {
  if (!file) return null;
  const ext = extname(file).toLowerCase();
  if (ext === '.md' || ext === '.markdown') return 'md';
  if (ext === '.html' || ext === '.htm') return 'html';
  if (ext === '.pdf') return 'pdf';
  throw new UsageError(`--output ${file}: say --format md, html or pdf (the extension does not say which)`);
}

function write(file: string, content: string | Uint8Array): void {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  writeFileSync(file, content);
}
