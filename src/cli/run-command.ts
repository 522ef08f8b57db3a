/**
 * The CLI's edge: maps errors to exit codes and messages that say what and where. The codes: 0 done, 1 failure,
 * 2 usage, 3 a sync stopped at its byte budget, 4 done with rejections (the good records are stored).
 */
import { NetfreedomError, UsageError } from '../shared/errors.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** A sync stopped at its byte budget with objects left: run it again to go on. */
export const EXIT_BUDGET_REACHED = 3;
/** Done, and every good record is stored, but some were refused (reported as `file:line: reason`). */
export const EXIT_WITH_REJECTIONS = 4;

/** The exit code of an import that refused `rejected` records: a failure only when asked to be strict. */
export function rejectionsExit(rejected: number, strict: boolean | undefined): number | undefined {
  if (rejected === 0) return undefined;
  return strict ? EXIT_FAILURE : EXIT_WITH_REJECTIONS;
}

/** Where a command writes; tests swap these to capture output. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars, colours). */
  isTty: boolean;
}

/**
 * Thrown by `Io.out` once standard output cannot take more: a closed pipe (`netfreedom ... | head`) ends the
 * command with exit 0 and no message, as Unix tools end; any other failure (a full disk) is one line, exit 1.
 */
export class OutputClosedError extends Error {
  constructor(readonly failure: Error) {
    super(`cannot write to standard output: ${failure.message}`);
  }

  /** True when the reader went away: nothing is wrong, nobody is listening. */
  get readerGone(): boolean {
    return (this.failure as NodeJS.ErrnoException).code === 'EPIPE';
  }
}

/** Runs a command body and returns its exit code; a program error becomes one line on stderr, no stack trace. */
export async function runCommand(io: Io, body: () => Promise<number | undefined>): Promise<number> {
  try {
    return (await body()) ?? EXIT_OK;
  } catch (err) {
    return reportError(io, err);
  }
}

export function reportError(io: Io, err: unknown): number {
  if (err instanceof OutputClosedError) {
    if (err.readerGone) return EXIT_OK;
    io.err(`netfreedom: ${err.message}\n`);
    return EXIT_FAILURE;
  }
  if (err instanceof NetfreedomError) {
    io.err(`netfreedom: ${err.message}\n`);
    return err instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.err(`netfreedom: internal error: ${message}\n`);
  if (process.env.NETFREEDOM_DEBUG && err instanceof Error) io.err(`${err.stack}\n`);
  return EXIT_FAILURE;
}

/** What every command registration receives: where to print and how to report its exit code. */
export interface CliContext {
  io: Io;
  exit(code: number): void;
}

/** Wraps a command body as a commander action that reports its exit code through the context. */
export function action<A extends unknown[]>(
  ctx: CliContext,
  // biome-ignore lint/suspicious/noConfusingVoidType: a body may end with a print call that returns void
  body: (...args: A) => Promise<number | undefined | void>,
): (...args: A) => Promise<void> {
  return async (...args: A) =>
    ctx.exit(
      await runCommand(ctx.io, async () => {
        const code = await body(...args);
        // Only a number is an exit code: a body ending in `return print(...)` returns whatever that returned.
        return typeof code === 'number' ? code : undefined;
      }),
    );
}
