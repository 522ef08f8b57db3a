/** Help agrees with the parser: every option a command refuses to run without is marked in its help. */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/cli.js';
import { buildProgram } from './main.js';

function allCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}

describe('help', () => {
  it('names every required option in the usage line and marks it (required)', async () => {
    const program = await buildProgram({ io: { out() {}, err() {}, isTty: false }, exit() {} });
    const required = allCommands(program).flatMap((cmd) =>
      cmd.options.filter((o) => o.mandatory).map((o) => ({ cmd, o })),
    );
    expect(required.map(({ cmd, o }) => `${cmd.name()} ${o.long}`)).toContain('changes --probe-cc');
    for (const { cmd, o } of required) {
      const help = cmd.helpInformation();
      const usage = help.split('\n')[0]!;
      expect(usage, `${cmd.name()} ${o.long}`).toContain(` ${o.flags} `);
      // Long descriptions wrap: compare with the white space collapsed.
      expect(help.replace(/\s+/g, ' '), `${cmd.name()} ${o.long}`).toContain(
        `${o.flags} ${o.description} (required)`,
      );
    }
  });

  it('says so for changes --probe-cc, through the binary', async () => {
    const r = await runCli(['changes', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: netfreedom changes --probe-cc <cc> \[options\]/);
    expect(r.stdout).toMatch(/--probe-cc <cc> +country \(required\)/);
  });

  it("lists a command with its required options in its group's help", async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toMatch(/\n {2}changes --probe-cc <cc> \[options\] /);
  });

  it('a group without its command is a usage error: help on stderr, exit 2; asking for help is exit 0', async () => {
    for (const args of [[], ['assessment'], ['lists'], ['methodology']]) {
      const r = await runCli(args);
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(r.stderr).toMatch(/^Usage: netfreedom /);
    }
    for (const args of [['help'], ['help', 'assessment'], ['assessment', '--help']]) {
      const r = await runCli(args);
      expect({ args, code: r.code }).toEqual({ args, code: 0 });
      expect(r.stdout).toMatch(/^Usage: netfreedom /);
    }
  });
});
