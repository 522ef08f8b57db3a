/** The `netfreedom` command line: registers the commands it is asked for and maps the outcome to an exit code. */
import { Command, CommanderError } from 'commander';
import { configureHelp } from './help.js';
import { createProcessIo } from './process-io.js';
import {
  type CliContext,
  EXIT_OK,
  EXIT_USAGE,
  type Io,
  OutputClosedError,
  reportError,
} from './run-command.js';

export const VERSION = '0.1.0';

type Register = (program: Command, ctx: CliContext) => void;

/**
 * The command groups in the order help lists them: the top-level names each registers, and its module, loaded only
 * when needed. Loading every command's modules (the server, the dashboard's routes, the report renderers) cost
 * about 30 MB of memory that `ingest` or `sync` never used. `main.test.ts` checks the names against the modules.
 */
export const COMMAND_GROUPS: { names: string[]; load: () => Promise<Register> }[] = [
  {
    names: ['methodology'],
    load: async () => (await import('./commands/methodology.js')).registerMethodology,
  },
  { names: ['assessment'], load: async () => (await import('./commands/assessment.js')).registerAssessment },
  { names: ['lists'], load: async () => (await import('./commands/lists.js')).registerLists },
  { names: ['serve'], load: async () => (await import('./commands/serve.js')).registerServe },
  {
    names: ['ingest', 'reanalyze', 'optimize'],
    load: async () => (await import('./commands/measurements.js')).registerMeasurements,
  },
  { names: ['sync'], load: async () => (await import('./commands/sync.js')).registerSync },
  {
    names: ['aggregate', 'blocked', 'changes'],
    load: async () => (await import('./commands/evidence.js')).registerEvidence,
  },
  { names: ['events', 'evidence'], load: async () => (await import('./commands/events.js')).registerEvents },
  {
    names: ['survey', 'recommendations'],
    load: async () => (await import('./commands/surveys.js')).registerSurveys,
  },
  { names: ['report'], load: async () => (await import('./commands/report.js')).registerReport },
  { names: ['control'], load: async () => (await import('./commands/control.js')).registerControl },
  { names: ['probe'], load: async () => (await import('./commands/probe.js')).registerProbe },
  { names: ['users'], load: async () => (await import('./commands/users.js')).registerUsers },
  { names: ['tokens', 'probes'], load: async () => (await import('./commands/tokens.js')).registerTokens },
  { names: ['audit'], load: async () => (await import('./commands/audit.js')).registerAudit },
];

/**
 * Builds the program; `ctx.exit` receives each command's exit code. Given `argv`, only the group of the command
 * it names is registered (every group for help, a version or a name no group has, so that those read as before).
 */
export async function buildProgram(ctx: CliContext, argv?: string[]): Promise<Command> {
  const program = configureHelp(new Command('netfreedom'))
    .description('netfreedom: measure internet censorship, analyse it, score a country, publish the evidence')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  const name = argv?.[2];
  const asked = COMMAND_GROUPS.filter((g) => name !== undefined && g.names.includes(name));
  for (const group of asked.length > 0 ? asked : COMMAND_GROUPS) (await group.load())(program, ctx);
  for (const cmd of allCommands(program)) cmd.exitOverride().configureOutput(program.configureOutput());
  return program;
}

function allCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}

/** Runs the CLI with `argv` (as process.argv) and returns the exit code. */
export async function main(argv: string[], io: Io = createProcessIo()): Promise<number> {
  let code = EXIT_OK;
  const program = await buildProgram({ io, exit: (c) => (code = c) }, argv);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof OutputClosedError) return reportError(io, err); // help or version into a closed pipe
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_OK;
      // `netfreedom assessment` without its command shows the help on stderr as an error (exitCode 1): usage.
      if (err.code === 'commander.help' || err.code === 'commander.executeSubCommandAsync')
        return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
      return EXIT_USAGE;
    }
    throw err;
  }
  return code;
}
