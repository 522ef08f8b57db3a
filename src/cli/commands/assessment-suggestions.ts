/** `netfreedom assessment suggest | accept | reject`: the key internet controls the rules suggest, and an analyst's decision. */
import type { Command } from 'commander';
import { loadMethodology } from '../../assessment/methodology-loader.js';
import { decideSuggestion } from '../../evidence/decide-suggestion.js';
import { suggestControls } from '../../evidence/suggest-controls.js';
import { loadSuggestionRules } from '../../evidence/suggestion-rules.js';
import { suggestionList } from '../../server/contract/assessment-evidence-json.js';
import { NotFoundError } from '../../shared/errors.js';
import { AS_OPTION, type AsOption, localActing } from '../local-actor.js';
import { addOptions, type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { printJson } from '../output.js';
import { parseCountry, parseYear } from '../parse-args.js';
import { action, type CliContext, type Io } from '../run-command.js';
import { addStoreOptions, type StoreOptions, withExistingStore, withStore } from '../store-options.js';
import { ensureBundled } from './bundled-evidence-cli.js';

interface SuggestOptions extends JsonOption {
  edition?: number;
}

interface DecideOptions extends JsonOption, AsOption {}

const SUGGEST_OPTIONS: OptionTable<SuggestOptions> = {
  edition: {
    flags: '--edition <year>',
    description: 'edition (default: the latest assessed)',
    parse: parseYear,
  },
  ...jsonOption(),
};

export function registerSuggestions(assessment: Command, ctx: CliContext): void {
  const { io } = ctx;
  addStoreOptions(
    addOptions(
      assessment
        .command('suggest')
        .description(
          'key internet controls the rules suggest, from events in the coverage period and measurements',
        )
        .argument('<country>', 'two-letter country code', parseCountry),
      SUGGEST_OPTIONS,
    ),
  ).action(action(ctx, (cc: string, o: StoreOptions & SuggestOptions) => suggest(io, cc, o)));
  for (const decision of ['accept', 'reject'] as const) {
    addStoreOptions(
      addOptions(
        assessment
          .command(decision)
          .description(
            decision === 'accept'
              ? 'accept a suggestion: answer the control yes in the draft, with its evidence linked'
              : 'reject a suggestion: the answer stays as it is',
          )
          .argument('<country>', 'two-letter country code', parseCountry)
          .argument('<edition>', 'edition (report year)', parseYear)
          .argument('<control>', 'key internet control id, e.g. KIC3'),
        { ...AS_OPTION, ...jsonOption('print the suggestion with its decision as JSON') },
      ),
    ).action(
      action(ctx, (cc: string, edition: number, control: string, o: StoreOptions & DecideOptions) =>
        decide(io, { cc, edition, control, decision: decision === 'accept' ? 'accepted' : 'rejected' }, o),
      ),
    );
  }
}

async function suggest(io: Io, cc: string, o: StoreOptions & SuggestOptions): Promise<void> {
  const methodology = await loadMethodology();
  const rules = await loadSuggestionRules(methodology);
  const { edition, list } = await withExistingStore(o, async (store) => {
    await ensureBundled(io, store, methodology);
    const edition = o.edition ?? (await store.assessments.list({ country: cc })).at(-1)?.edition;
    if (edition === undefined) throw new NotFoundError(`no assessment for ${cc}: give --edition`);
    return { edition, list: await suggestControls(store, methodology, rules, cc, edition) };
  });
  if (o.json) return printJson(io, { country: cc, edition, suggestions: list.map(suggestionList.toJson) });
  if (list.length === 0) return io.out(`nothing suggests a key internet control for ${cc} ${edition}\n`);
  for (const s of list) {
    const decided = s.decision
      ? `${s.decision.decision} ${s.decision.decidedAt.slice(0, 10)}`
      : 'not decided';
    io.out(`${s.controlId} ${s.controlLabel} — ${decided}; answer now: ${s.currentAnswer}\n`);
    for (const e of s.evidence)
      io.out(
        e.kind === 'event'
          ? `  [${e.ruleId}] event ${e.event.id}: ${e.event.title} (${e.event.end ? `${e.event.start} – ${e.event.end}` : e.event.start}${e.inPeriod === 'partly' ? ', partly in the period' : ''})\n`
          : e.kind === 'test_anomalies'
            ? `  [${e.ruleId}] ${e.testName}: ${e.anomalyCount} of ${e.measurementCount} measurements anomalous (${e.networks.join(', ')}), ${e.firstSeen} – ${e.lastSeen}\n`
            : `  [${e.ruleId}] ${e.domain} (${e.categoryCode ?? 'no category'}): ${e.confirmations.join(' and ')}, ${e.firstSeen.slice(0, 10)} – ${e.lastSeen.slice(0, 10)}\n`,
      );
  }
}

async function decide(
  io: Io,
  at: { cc: string; edition: number; control: string; decision: 'accepted' | 'rejected' },
  o: StoreOptions & DecideOptions,
): Promise<void> {
  const methodology = await loadMethodology();
  const rules = await loadSuggestionRules(methodology);
  const s = await withStore(o, async (store) => {
    await ensureBundled(io, store, methodology);
    return decideSuggestion(store, methodology, rules, localActing(o), {
      country: at.cc,
      edition: at.edition,
      controlId: at.control,
      decision: at.decision,
    });
  });
  if (o.json) return printJson(io, suggestionList.toJson(s));
  io.out(
    at.decision === 'accepted'
      ? `${s.controlId} accepted for ${at.cc} ${at.edition}: answered yes in the draft (published answer: ` +
          `${s.currentAnswer} until the draft is reviewed and published)\n`
      : `${s.controlId} rejected for ${at.cc} ${at.edition}; answer now: ${s.currentAnswer}\n`,
  );
}
