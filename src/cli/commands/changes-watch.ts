/**
 * `netfreedom changes watch CC [--since DATE] [--interval SECONDS] --json`: the blocking changes detected since a
 * day, for scripts and alerting; with --interval it keeps watching, printing each new change once (JSON Lines).
 */
import type { Command } from 'commander';
import { updateChanges } from '../../ingest/update-changes.js';
import { changeList } from '../../server/contract/evidence-json.js';
import type { ChangeEvent } from '../../store/measurement-store.js';
import { addOptions, type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { formatTable } from '../output.js';
import { parseCountry, parsePositiveInt } from '../parse-args.js';
import { action, type CliContext, type Io } from '../run-command.js';
import { addStoreOptions, type StoreOptions, withExistingStore } from '../store-options.js';
import { parseDate } from './measurement-options.js';

interface WatchOptions extends JsonOption {
  since?: string;
  interval?: number;
  detect: boolean;
}

const OPTIONS: OptionTable<WatchOptions> = {
  since: {
    flags: '--since <date>',
    description: 'changes from this day on (YYYY-MM-DD; default: yesterday, UTC)',
    parse: parseDate,
  },
  interval: {
    flags: '--interval <seconds>',
    description: 'keep watching: look again every so many seconds, printing only changes not printed before',
    parse: parsePositiveInt,
  },
  detect: { flags: '--no-detect', description: 'read the stored changes without running detection first' },
  ...jsonOption(
    'print each change as one JSON object per line (JSON Lines), as GET /api/v1/changes names them',
  ),
};

/** Adds `watch` under the `changes` command. */
export function registerChangesWatch(changes: Command, ctx: CliContext): void {
  // `changes` requires --probe-cc and commander checks a subcommand's ancestors too: `watch` names its country
  // as an argument, so the parent's option is marked given (empty) when `watch` is the command run.
  changes.hook('preSubcommand', (parent, sub) => {
    if (sub.name() === 'watch' && parent.getOptionValue('probeCc') === undefined)
      parent.setOptionValue('probeCc', '');
  });
  addStoreOptions(
    addOptions(
      changes
        .command('watch')
        .description(
          "a country's new blocking changes since a day, oldest first, for scripts and alerting " +
            '(exit 0 whether or not there are any)',
        )
        .argument('<country>', 'two-letter country code', parseCountry),
      OPTIONS,
    ),
  ).action(
    // Flags `changes` shares (--db, --since, --json) are read by it wherever they stand: take them from there too.
    action(ctx, (cc: string, _o: WatchOptions, cmd: Command) =>
      watch(ctx.io, cc, cmd.optsWithGlobals<StoreOptions & WatchOptions>()),
    ),
  );
}

async function watch(io: Io, cc: string, o: StoreOptions & WatchOptions): Promise<void> {
  const since = o.since ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const printed = new Set<string>();
  for (;;) {
    // The store is opened for each look only, so that other processes may write between them.
    const events = await withExistingStore(o, async (store) => {
      if (o.detect) await store.transaction(() => updateChanges(store.measurements, cc));
      return store.measurements.changes({ probeCc: [cc], since });
    });
    print(
      io,
      events.filter((e) => !printed.has(e.id)),
      o.json ?? false,
      printed.size === 0 && !o.interval,
    );
    for (const e of events) printed.add(e.id);
    if (!o.interval) return;
    await new Promise((resolve) => setTimeout(resolve, o.interval! * 1000));
  }
}

function print(io: Io, events: ChangeEvent[], json: boolean, sayNone: boolean): void {
  if (json) {
    for (const e of events) io.out(`${JSON.stringify(changeList.toJson(e))}\n`);
    return;
  }
  if (events.length === 0) {
    if (sayNone) io.err('no new change of blocking\n');
    return;
  }
  io.out(
    formatTable(
      ['at', 'network', 'domain', 'change', 'measurements'],
      events.map((e) => [e.at, e.probeAsn, e.domain, e.kind, e.measurementUids.length]),
    ),
  );
}
