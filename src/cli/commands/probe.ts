/**
 * `netfreedom probe`: `run` measures (web_connectivity and the app and circumvention tests; the default, so
 * `netfreedom probe URL...` still measures URLs) and `queue status|flush|clear` tends the offline submission queue.
 */
import type { Command } from 'commander';
import { testsHelp } from '../../probe/experiments/registry.js';
import { addOptions } from '../option-table.js';
import { action, type CliContext } from '../run-command.js';
import { PROBE_OPTIONS, type ProbeOptions } from './probe-options.js';
import { registerProbeQueue } from './probe-queue.js';
import { probeRun } from './probe-run.js';

export function registerProbe(program: Command, ctx: CliContext): void {
  const probe = program
    .command('probe')
    .description('measure from here: websites, messaging apps and circumvention tools; the submission queue');
  registerProbeRun(probe, ctx);
  registerProbeQueue(probe, ctx);
}

function registerProbeRun(probe: Command, ctx: CliContext): void {
  addOptions(
    probe
      .command('run', { isDefault: true })
      .description(
        'measure (web_connectivity by default; --test/--suite for the others) and append OONI-format JSONL; exit 0 once measured, blocked or not',
      )
      .argument('[inputs...]', 'URLs to measure (or the inputs of dnscheck / stunreachability)')
      .addHelpText('after', testsHelp()),
    PROBE_OPTIONS,
  ).action(action(ctx, (inputs: string[], opts: ProbeOptions) => probeRun(ctx.io, inputs, opts)));
}
