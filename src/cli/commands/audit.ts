/** `netfreedom audit list | verify`: the audit log, and the check of its hash chain. */
import { type Command, InvalidArgumentError } from 'commander';
import { toAuditEntryJson } from '../../server/contract/audit-json.js';
import { verifyChain } from '../../store/audit-chain.js';
import { addOptions, type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { printJson, printTable } from '../output.js';
import { parsePositiveInt } from '../parse-args.js';
import { action, type CliContext, EXIT_FAILURE, type Io } from '../run-command.js';
import { addStoreOptions, type StoreOptions, withExistingStore } from '../store-options.js';

interface ListOptions extends JsonOption {
  entity?: string;
  user?: string;
  since?: string;
  limit: number;
}

function parseDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new InvalidArgumentError(`"${value}" is not a date such as 2024-06-01`);
  return value;
}

const LIST_OPTIONS: OptionTable<ListOptions> = {
  entity: {
    flags: '--entity <id>',
    description: 'entries about this entity, e.g. assessment:KZ:2024, user:alice',
  },
  user: {
    flags: '--user <name>',
    description: 'entries by this user (also their tokens and local commands)',
  },
  since: { flags: '--since <date>', description: 'from this day on (YYYY-MM-DD, UTC)', parse: parseDate },
  limit: {
    flags: '--limit <n>',
    description: 'at most this many, newest first',
    parse: parsePositiveInt,
    default: 100,
  },
  ...jsonOption(),
};

export function registerAudit(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const cmd = program.command('audit').description('the audit log: every write, hash-chained');
  addStoreOptions(addOptions(cmd.command('list').description('entries, newest first'), LIST_OPTIONS)).action(
    action(ctx, (opts: StoreOptions & ListOptions) => list(io, opts)),
  );
  addStoreOptions(
    addOptions(
      cmd
        .command('verify')
        .description('check the hash chain: exit 1 naming the first entry that was edited or deleted'),
      jsonOption(),
    ),
  ).action(action(ctx, (opts: StoreOptions & JsonOption) => verify(io, opts)));
}

async function list(io: Io, opts: StoreOptions & ListOptions): Promise<void> {
  const entries = await withExistingStore(opts, (store) =>
    store.audit.list({
      ...(opts.entity ? { entity: opts.entity } : {}),
      ...(opts.user ? { actor: opts.user } : {}),
      ...(opts.since ? { since: opts.since } : {}),
      limit: opts.limit,
    }),
  );
  if (opts.json) return printJson(io, entries.map(toAuditEntryJson));
  printTable(
    io,
    ['seq', 'at', 'actor', 'action', 'entity', 'reason'],
    entries.map((e) => [
      e.seq,
      e.at.slice(0, 19).replace('T', ' '),
      e.actor,
      e.action,
      e.entity,
      e.reason?.slice(0, 60),
    ]),
    'no audit entries match',
  );
}

async function verify(io: Io, opts: StoreOptions & JsonOption): Promise<number | undefined> {
  const result = await withExistingStore(opts, (store) =>
    verifyChain((after, n) => store.audit.page(after, n)),
  );
  if (opts.json) printJson(io, result);
  else if (result.ok)
    io.out(
      `audit log intact: ${result.entries} entries` +
        (result.head
          ? `; head ${result.head.seq} ${result.head.hash} (note it elsewhere to detect a cut-off tail)`
          : '') +
        '\n',
    );
  else
    io.err(
      `netfreedom: audit log broken at entry ${result.seq}: ${result.reason} (${result.entries} entries before it are intact)\n`,
    );
  return result.ok ? undefined : EXIT_FAILURE;
}
