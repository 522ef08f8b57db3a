/** `netfreedom survey import | show` and `netfreedom recommendations list`. */
import type { Command } from 'commander';
import { loadMethodology } from '../../assessment/methodology-loader.js';
import { recommendationsWithSources, withSources } from '../../evidence/evidence-views.js';
import { importSurveys } from '../../evidence/import-surveys.js';
import { recommendationList, surveyList } from '../../server/contract/country-evidence-json.js';
import { AS_OPTION, type AsOption, localActing } from '../local-actor.js';
import { addOptions, type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { printJson, printTable } from '../output.js';
import { parseCountry, parseYear } from '../parse-args.js';
import { action, type CliContext, type Io } from '../run-command.js';
import { addStoreOptions, type StoreOptions, withExistingStore, withStore } from '../store-options.js';
import { ensureBundled, printImportSummary } from './bundled-evidence-cli.js';

interface ShowOptions extends JsonOption {
  edition?: number;
}

const SHOW_OPTIONS: OptionTable<ShowOptions> = {
  edition: { flags: '--edition <year>', description: 'only this edition', parse: parseYear },
  ...jsonOption(),
};

export function registerSurveys(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const survey = program.command('survey').description('public-opinion surveys with margins of error');
  addStoreOptions(
    addOptions(
      survey
        .command('import')
        .description(
          'import surveys from a CSV (country,edition,survey_id,question,answer,share,sample_size,fieldwork_start,' +
            'fieldwork_end,method,source_url); bad rows are reported by line',
        )
        .argument('<file>', 'CSV file'),
      { ...AS_OPTION, ...jsonOption('print the summary as JSON') },
    ),
  ).action(
    action(ctx, async (file: string, o: StoreOptions & JsonOption & AsOption) =>
      printImportSummary(
        io,
        await withStore(o, (store) => importSurveys(store, file, localActing(o))),
        'survey(s)',
        o.json,
      ),
    ),
  );
  addStoreOptions(
    addOptions(
      survey
        .command('show')
        .description("a country's surveys: each share with its 95 % margin of error in percentage points")
        .argument('<country>', 'two-letter country code', parseCountry),
      SHOW_OPTIONS,
    ),
  ).action(action(ctx, (cc: string, o: StoreOptions & ShowOptions) => show(io, cc, o)));
  addStoreOptions(
    addOptions(
      program
        .command('recommendations')
        .description('recommendations with their addressees and status per later edition')
        .command('list')
        .description("a country's recommendations")
        .argument('<country>', 'two-letter country code', parseCountry),
      jsonOption(),
    ),
  ).action(action(ctx, (cc: string, o: StoreOptions & JsonOption) => recommendations(io, cc, o)));
}

async function show(io: Io, cc: string, o: StoreOptions & ShowOptions): Promise<void> {
  const methodology = await loadMethodology();
  const surveys = await withExistingStore(o, async (store) => {
    await ensureBundled(io, store, methodology);
    const filter = { country: cc, ...(o.edition ? { edition: o.edition } : {}) };
    return withSources(store, await store.evidence.list('survey', filter));
  });
  const json = surveys.map(surveyList.toJson);
  if (o.json) return printJson(io, json);
  if (json.length === 0) return io.out(`no survey found for ${cc}\n`);
  for (const s of json) {
    io.out(
      `${s.id} (${s.edition}; verification: ${s.verification}; ${s.sources.map((x) => x.url).join(' ')})\n`,
    );
    for (const q of s.questions) {
      io.out(
        `${q.question} — n = ${q.sample_size ?? 'not given'}${q.margin_note ? ` (${q.margin_note})` : ''}\n`,
      );
      printTable(
        io,
        ['answer', 'share', 'margin of error', '95 % interval'],
        q.answers.map((a) => [
          a.answer,
          `${(a.share * 100).toFixed(1)}%`,
          a.margin_of_error === null ? null : `±${a.margin_of_error.toFixed(1)} pp`,
          a.interval_low === null
            ? null
            : `${(a.interval_low * 100).toFixed(1)}–${((a.interval_high ?? 0) * 100).toFixed(1)}% (${a.interval_method})`,
        ]),
        'no answer',
      );
    }
  }
}

async function recommendations(io: Io, cc: string, o: StoreOptions & JsonOption): Promise<void> {
  const methodology = await loadMethodology();
  const list = await withExistingStore(o, async (store) => {
    await ensureBundled(io, store, methodology);
    return recommendationsWithSources(store, cc);
  });
  if (o.json) return printJson(io, list.map(recommendationList.toJson));
  printTable(
    io,
    ['edition', 'to', 'recommendation', 'status', 'verification'],
    list.map((r) => {
      const json = recommendationList.toJson(r);
      const last = json.statuses.at(-1);
      return [
        r.edition,
        r.addressees.join(', '),
        r.text,
        last ? `${last.status} (${last.edition})` : 'not assessed',
        json.verification,
      ];
    }),
    `no recommendation found for ${cc}`,
  );
}
