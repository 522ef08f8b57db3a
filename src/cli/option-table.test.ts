import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addOptions, type OptionTable } from './option-table.js';

interface Opts {
  probeCc?: string[];
  detect: boolean;
  port?: number;
}

const TABLE: OptionTable<Opts> = {
  probeCc: {
    flags: '--probe-cc <cc,...>',
    description: 'countries',
    parse: (v) => v.split(','),
    required: true,
  },
  detect: { flags: '--no-detect', description: 'skip detection' },
  port: { flags: '--port <port>', description: 'port', parse: Number, default: 8080 },
};

describe('option tables', () => {
  it('add each flag with its parser, default and requirement, filling the property it is keyed by', () => {
    const cmd = addOptions(new Command('x').exitOverride(), TABLE);
    cmd.parse(['--probe-cc', 'KZ,RU', '--no-detect'], { from: 'user' });
    expect(cmd.opts()).toEqual({ probeCc: ['KZ', 'RU'], detect: false, port: 8080 });
    expect(cmd.options.find((o) => o.long === '--probe-cc')?.mandatory).toBe(true);
  });

  it('refuse a flag that would fill another property than its key', () => {
    const wrong = { probeAsn: { flags: '--probe-cc <cc>', description: 'typo' } } as OptionTable<{
      probeAsn?: string;
    }>;
    expect(() => addOptions(new Command('x'), wrong)).toThrow(
      '--probe-cc <cc> fills "probeCc", not "probeAsn"',
    );
  });
});
