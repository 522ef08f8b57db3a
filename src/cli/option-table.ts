/**
 * Command options declared as data: one typed table per command group, keyed by the property each flag
 * fills, so that the flags, their parsers and the options type a command's action receives cannot drift
 * (vitest declares its flags the same way).
 */
import { type Command, Option } from 'commander';

interface OptionBase<V> {
  /** As commander spells them: `--probe-cc <cc,...>`, `--json`, `--no-detect`. */
  flags: string;
  description: string;
  default?: V;
  choices?: readonly string[];
  /** The command refuses to run without it; help says so. */
  required?: boolean;
}

/** A flag with a value of another type than a string needs the parser that makes that value. */
export type OptionSpec<V> = OptionBase<V> &
  ([V] extends [string | boolean]
    ? { parse?: (value: string, previous: V) => V }
    : { parse: (value: string, previous: V) => V });

/** One entry per property of the options type `T`: a property without a flag does not compile. */
export type OptionTable<T> = { [K in keyof T]-?: OptionSpec<NonNullable<T[K]>> };

/** Adds every option of `table` to `command`; a flag that would fill another property than its key is a bug. */
export function addOptions<T>(command: Command, table: OptionTable<T>): Command {
  for (const [key, spec] of Object.entries(table) as [string, OptionSpec<unknown>][]) {
    const option = new Option(spec.flags, spec.description);
    if (option.attributeName() !== key)
      throw new Error(`option table: ${spec.flags} fills "${option.attributeName()}", not "${key}"`);
    if (spec.parse) option.argParser(spec.parse);
    if (spec.default !== undefined) option.default(spec.default);
    if (spec.choices) option.choices(spec.choices);
    if (spec.required) option.makeOptionMandatory();
    command.addOption(option);
  }
  return command;
}

/** The `--json` switch every command that prints data has. */
export interface JsonOption {
  json?: boolean;
}

export function jsonOption(description = 'print JSON'): OptionTable<JsonOption> {
  return { json: { flags: '--json', description } };
}

/** The `--strict` switch of imports: a refused record fails the command (exit 1) instead of exit 4. */
export interface StrictOption {
  strict?: boolean;
}

export function strictOption(): OptionTable<StrictOption> {
  return {
    strict: {
      flags: '--strict',
      description: 'exit 1 when any record is refused (default: exit 4, the good records stored)',
    },
  };
}
