/** Help that agrees with the parser: options a command cannot run without are in its usage line and marked. */
import { type Command, Help, type Option } from 'commander';

/** Configures `program`'s help; commands registered afterwards inherit it. */
export function configureHelp(program: Command): Command {
  return program.configureHelp({
    commandUsage(this: Help, cmd: Command): string {
      return withRequired(cmd, Help.prototype.commandUsage.call(this, cmd));
    },
    /** How a group's help lists the command. */
    subcommandTerm(this: Help, cmd: Command): string {
      return withRequired(cmd, Help.prototype.subcommandTerm.call(this, cmd));
    },
    optionDescription(this: Help, option: Option): string {
      const description = Help.prototype.optionDescription.call(this, option);
      return option.mandatory ? `${description} (required)` : description;
    },
  });
}

/** `usage` with the options `cmd` cannot run without written out before `[options]`. */
function withRequired(cmd: Command, usage: string): string {
  const required = cmd.options.filter((o) => o.mandatory).map((o) => o.flags);
  return required.length > 0 ? usage.replace('[options]', `${required.join(' ')} [options]`) : usage;
}
