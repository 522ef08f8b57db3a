/** `netfreedom assessment submit | return | publish | revision`: the review workflow on the machine itself. */
import type { Command } from 'commander';
import { getRevision, reviewStep } from '../../assessment/revisions.js';
import { NotFoundError } from '../../shared/errors.js';
import { AS_OPTION, type AsOption, localActing } from '../local-actor.js';
import { addOptions, type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { parseCountry, parseYear } from '../parse-args.js';
import { action, type CliContext, type Io } from '../run-command.js';
import { addStoreOptions, type StoreOptions, withExistingStore } from '../store-options.js';
import { printRevision } from './assessment-edits.js';

interface StepOptions extends AsOption, JsonOption {
  comment?: string;
}

const STEP_OPTIONS: OptionTable<StepOptions> = {
  comment: { flags: '--comment <text>', description: 'a comment for the history (required to return)' },
  ...AS_OPTION,
  ...jsonOption('print the revision as JSON'),
};

const STEPS = {
  submit: 'send the draft to review',
  return: 'return a revision in review to its authors (--comment says what to change)',
  publish: 'publish a revision in review; nobody publishes a revision they edited (--as names the reviewer)',
} as const;

export function registerReview(assessment: Command, ctx: CliContext): void {
  const { io } = ctx;
  for (const [step, description] of Object.entries(STEPS) as [keyof typeof STEPS, string][]) {
    addStoreOptions(
      addOptions(
        assessment
          .command(step)
          .description(description)
          .argument('<country>', 'two-letter country code', parseCountry)
          .argument('<edition>', 'edition (report year)', parseYear),
        STEP_OPTIONS,
      ),
    ).action(
      action(ctx, async (country: string, edition: number, opts: StoreOptions & StepOptions) => {
        const r = await withExistingStore(opts, (store) =>
          reviewStep(store, localActing(opts), country, edition, step, opts.comment?.trim() || null),
        );
        printRevision(io, r, opts);
      }),
    );
  }
  addStoreOptions(
    addOptions(
      assessment
        .command('revision')
        .description("an assessment's current revision: its state, authors, history and draft")
        .argument('<country>', 'two-letter country code', parseCountry)
        .argument('<edition>', 'edition (report year)', parseYear),
      jsonOption(),
    ),
  ).action(
    action(ctx, (country: string, edition: number, opts: StoreOptions & JsonOption) =>
      show(io, country, edition, opts),
    ),
  );
}

async function show(
  io: Io,
  country: string,
  edition: number,
  opts: StoreOptions & JsonOption,
): Promise<void> {
  const r = await withExistingStore(opts, (store) => getRevision(store, country, edition));
  if (!r) throw new NotFoundError(`no revision of ${country} ${edition}: it is as published`);
  if (!opts.json)
    for (const e of r.history)
      io.out(
        `${e.at.slice(0, 16).replace('T', ' ')}  ${e.actor}  ${e.action}${e.note ? `  ${e.note}` : ''}\n`,
      );
  printRevision(io, r, opts);
}
