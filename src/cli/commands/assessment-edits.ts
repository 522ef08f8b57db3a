/** `netfreedom assessment set | control`: an analyst's score or key-control answer, with its source, in the draft. */
import { Argument, type Command } from 'commander';
import { analystSource, setKeyControl, setQuestionScore } from '../../assessment/analyst-edits.js';
import { loadMethodology } from '../../assessment/methodology-loader.js';
import type { ControlAnswer, Source } from '../../model/assessment.js';
import type { AssessmentRevision } from '../../model/review.js';
import { toRevisionJson } from '../../server/contract/review-json.js';
import { InvalidInputError } from '../../shared/errors.js';
import { AS_OPTION, type AsOption, localActing } from '../local-actor.js';
import { addOptions, type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { printJson } from '../output.js';
import { parseCountry, parseYear } from '../parse-args.js';
import { action, type CliContext, type Io } from '../run-command.js';
import { addStoreOptions, type StoreOptions, withStore } from '../store-options.js';
import { printAssessment } from './print-assessment.js';

/** Where the evidence of an edit is, and how to print the result. */
interface SourceOptions extends JsonOption, AsOption {
  source: string;
  sourceTitle?: string;
  accessed?: string;
}

const SOURCE_OPTIONS: OptionTable<SourceOptions> = {
  source: { flags: '--source <url>', description: 'where the evidence is', required: true },
  sourceTitle: { flags: '--source-title <title>', description: 'title of the source' },
  accessed: {
    flags: '--accessed <date>',
    description: 'when the source was read (YYYY-MM-DD, default today)',
  },
  ...AS_OPTION,
  ...jsonOption('print the revision (its state, history and draft) as JSON'),
};

type SetOptions = StoreOptions & SourceOptions & { justification: string };
type ControlOptions = StoreOptions & SourceOptions & { evidence: string };

const JUSTIFICATION: OptionTable<Pick<SetOptions, 'justification'>> = {
  justification: { flags: '--justification <text>', description: 'why this score', required: true },
};
const EVIDENCE: OptionTable<Pick<ControlOptions, 'evidence'>> = {
  evidence: { flags: '--evidence <text>', description: 'what happened', required: true },
};

export function registerEdits(assessment: Command, ctx: CliContext): void {
  const { io } = ctx;
  addEditOptions(
    assessment
      .command('set')
      .description(
        'set one question score in the draft, with its justification and source (published: a new revision)',
      )
      .argument('<country>', 'two-letter country code', parseCountry)
      .argument('<edition>', 'edition (report year)', parseYear)
      .argument('<question>', 'question id, e.g. B1')
      .argument('<score>', 'integer points, or "unknown"'),
    JUSTIFICATION,
  ).action(
    action(ctx, (country: string, edition: number, question: string, score: string, opts: SetOptions) =>
      setScore(io, { country, edition, question, score }, opts),
    ),
  );
  addEditOptions(
    assessment
      .command('control')
      .description('answer one key internet control (KIC1..KIC9) in the draft, with its evidence and source')
      .argument('<country>', 'two-letter country code', parseCountry)
      .argument('<edition>', 'edition (report year)', parseYear)
      .argument('<control>', 'control id, e.g. KIC2 (see methodology show)')
      .addArgument(new Argument('<answer>', 'the answer').choices(['yes', 'no', 'unknown'])),
    EVIDENCE,
  ).action(
    action(
      ctx,
      (country: string, edition: number, control: string, answer: ControlAnswer, opts: ControlOptions) =>
        answerControl(io, { country, edition, control, answer }, opts),
    ),
  );
}

/** The edit's own option first (help lists it first), then the source, then the store. */
function addEditOptions<T>(command: Command, own: OptionTable<T>): Command {
  return addStoreOptions(addOptions(addOptions(command, own), SOURCE_OPTIONS));
}

function sourceFrom(opts: SourceOptions): Source {
  return analystSource(opts.source, opts.accessed ?? new Date().toISOString().slice(0, 10), opts.sourceTitle);
}

async function setScore(
  io: Io,
  at: { country: string; edition: number; question: string; score: string },
  opts: SetOptions,
): Promise<void> {
  if (at.score !== 'unknown' && !/^\d+$/.test(at.score)) {
    throw new InvalidInputError(`score "${at.score}" must be a non-negative integer or "unknown"`);
  }
  const methodology = await loadMethodology();
  const a = await withStore(opts, (store) =>
    setQuestionScore(store, methodology, localActing(opts), {
      country: at.country,
      edition: at.edition,
      questionId: at.question.toUpperCase(),
      score: at.score === 'unknown' ? null : Number(at.score),
      justification: opts.justification,
      source: sourceFrom(opts),
    }),
  );
  printRevision(io, a, opts);
}

async function answerControl(
  io: Io,
  at: { country: string; edition: number; control: string; answer: ControlAnswer },
  opts: ControlOptions,
): Promise<void> {
  const methodology = await loadMethodology();
  const a = await withStore(opts, (store) =>
    setKeyControl(store, methodology, localActing(opts), {
      country: at.country,
      edition: at.edition,
      controlId: at.control.toUpperCase(),
      answer: at.answer,
      evidence: opts.evidence,
      source: sourceFrom(opts),
    }),
  );
  printRevision(io, a, opts);
}

/** A revision for people (its state, then the draft) or as JSON. */
export function printRevision(io: Io, r: AssessmentRevision, opts: JsonOption): void {
  if (opts.json) {
    printJson(io, toRevisionJson(r));
    return;
  }
  io.out(
    `${r.country} ${r.edition} revision ${r.revision}: ${r.state.replace('_', ' ')}` +
      (r.authors.length ? ` (edited by ${r.authors.join(', ')})` : '') +
      '\n',
  );
  printAssessment(io, r.draft);
}
