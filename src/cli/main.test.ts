/** The command line loads only the command group it is asked for, and the group table names what each registers. */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, COMMAND_GROUPS } from './main.js';

const ctx = { io: { out() {}, err() {}, isTty: false }, exit() {} };
const names = (program: Command) => program.commands.flatMap((c) => [c.name(), ...c.aliases()]);

describe('command groups', () => {
  it('name exactly the top-level commands their modules register, each name once', async () => {
    for (const group of COMMAND_GROUPS) {
      const program = new Command('netfreedom');
      (await group.load())(program, ctx);
      expect(names(program)).toEqual(group.names);
    }
    const all = COMMAND_GROUPS.flatMap((g) => g.names);
    expect(new Set(all).size).toBe(all.length);
  });

  it('registers one group for a command it names, and every group otherwise', async () => {
    expect(names(await buildProgram(ctx, ['node', 'netfreedom', 'ingest', 'x.jsonl']))).toEqual([
      'ingest',
      'reanalyze',
      'optimize',
    ]);
    const all = COMMAND_GROUPS.flatMap((g) => g.names);
    for (const argv of [
      ['node', 'netfreedom'],
      ['node', 'netfreedom', '--help'],
      ['node', 'netfreedom', 'nope'],
    ])
      expect(names(await buildProgram(ctx, argv))).toEqual(all);
  });
});
