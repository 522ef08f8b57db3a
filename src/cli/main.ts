/** The `netfreedom` command line: registers every command and maps the outcome to an exit code. */
import { Command, CommanderError } from 'commander';
import { registerAssessment } from './commands/assessment.js';
import { registerAudit } from './commands/audit.js';
import { registerControl } from './commands/control.js';
import { registerEvents } from './commands/events.js';
import { registerEvidence } from './commands/evidence.js';
import { registerLists } from './commands/lists.js';
import { registerMeasurements } from './commands/measurements.js';
import { registerMethodology } from './commands/methodology.js';
import { registerProbe } from './commands/probe.js';
import { registerReport } from './commands/report.js';
import { registerServe } from './commands/serve.js';
import { registerSurveys } from './commands/surveys.js';
import { registerSync } from './commands/sync.js';
import { registerTokens } from './commands/tokens.js';
import { registerUsers } from './commands/users.js';
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

/** Builds the program; `ctx.exit` receives each command's exit code. */
export function buildProgram(ctx: CliContext): Command {
  const program = configureHelp(new Command('netfreedom'))
    .description('netfreedom: measure internet censorship, analyse it, score a country, publish the evidence')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  registerMethodology(program, ctx);
  registerAssessment(program, ctx);
  registerLists(program, ctx);
  registerServe(program, ctx);
  registerMeasurements(program, ctx);
  registerSync(program, ctx);
  registerEvidence(program, ctx);
  registerEvents(program, ctx);
  registerSurveys(program, ctx);
  registerReport(program, ctx);
  registerControl(program, ctx);
  registerProbe(program, ctx);
  registerUsers(program, ctx);
  registerTokens(program, ctx);
  registerAudit(program, ctx);
  for (const cmd of allCommands(program)) cmd.exitOverride().configureOutput(program.configureOutput());
  return program;
}

function allCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}

/** Runs the CLI with `argv` (as process.argv) and returns the exit code. */
export async function main(argv: string[], io: Io = createProcessIo()): Promise<number> {
  let code = EXIT_OK;
  const program = buildProgram({ io, exit: (c) => (code = c) });
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
