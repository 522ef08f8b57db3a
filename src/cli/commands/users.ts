/** `netfreedom users add | list | disable | reset-password`: the accounts, for the operator of the machine. */
import { type Command, InvalidArgumentError } from 'commander';
import { addUser, disableUser, listUsers, setPassword } from '../../auth/accounts.js';
import { ROLES, type Role } from '../../model/account.js';
import { toUserJson } from '../../server/contract/account-json.js';
import { UsageError } from '../../shared/errors.js';
import { AS_OPTION, type AsOption, localActing } from '../local-actor.js';
import { addOptions, type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { printJson, printTable } from '../output.js';
import { parseCountry } from '../parse-args.js';
import { readSecretFromStdin } from '../read-secret.js';
import { action, type CliContext, type Io } from '../run-command.js';
import { addStoreOptions, type StoreOptions, withExistingStore, withStore } from '../store-options.js';

interface AddOptions extends AsOption, JsonOption {
  role: Role;
  countries?: string[];
  passwordStdin?: boolean;
}

/** One of the roles; anything else is a usage error naming them. */
export function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`"${value}" is not a role: use ${ROLES.join(', ')}`);
  return value as Role;
}

/** Comma-separated country codes. */
export function parseCountries(value: string): string[] {
  return value.split(',').map((c) => parseCountry(c.trim()));
}

const ADD_OPTIONS: OptionTable<AddOptions> = {
  role: {
    flags: '--role <role>',
    description: 'viewer, analyst, reviewer or admin',
    parse: parseRole,
    required: true,
  },
  countries: {
    flags: '--countries <cc,...>',
    description: 'countries the user may act on (default: every country)',
    parse: parseCountries,
  },
  passwordStdin: {
    flags: '--password-stdin',
    description: 'read the password from standard input (12 characters or more, not a common one)',
  },
  ...AS_OPTION,
  ...jsonOption('print the user as JSON'),
};

interface ResetOptions extends AsOption {
  passwordStdin?: boolean;
}

const RESET_OPTIONS: OptionTable<ResetOptions> = {
  passwordStdin: { flags: '--password-stdin', description: 'read the new password from standard input' },
  ...AS_OPTION,
};

interface DisableOptions extends AsOption {
  reason?: string;
}

const DISABLE_OPTIONS: OptionTable<DisableOptions> = {
  reason: { flags: '--reason <text>', description: 'why, for the audit log' },
  ...AS_OPTION,
};

export function registerUsers(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const cmd = program.command('users').description('accounts: add, list, disable, reset a password');
  addStoreOptions(
    addOptions(
      cmd
        .command('add')
        .description('add a user with one role; the password comes on standard input')
        .argument('<name>', 'user name: lower-case letters, digits, ".", "_", "-"'),
      ADD_OPTIONS,
    ),
  ).action(action(ctx, (name: string, opts: StoreOptions & AddOptions) => add(io, name, opts)));
  addStoreOptions(
    addOptions(
      cmd.command('list').description('every user, role, countries, whether disabled'),
      jsonOption(),
    ),
  ).action(action(ctx, (opts: StoreOptions & JsonOption) => list(io, opts)));
  addStoreOptions(
    addOptions(
      cmd
        .command('disable')
        .description('disable a user: their sessions end and their tokens stop working')
        .argument('<name>', 'user name'),
      DISABLE_OPTIONS,
    ),
  ).action(
    action(ctx, async (name: string, opts: StoreOptions & DisableOptions) => {
      await withExistingStore(opts, (store) =>
        disableUser(store, localActing(opts), name, opts.reason ?? null),
      );
      io.out(`${name} is disabled; their sessions have ended and their tokens are refused\n`);
    }),
  );
  addStoreOptions(
    addOptions(
      cmd
        .command('reset-password')
        .description("set a user's password (from standard input); every session of the user ends")
        .argument('<name>', 'user name'),
      RESET_OPTIONS,
    ),
  ).action(
    action(ctx, async (name: string, opts: StoreOptions & ResetOptions) => {
      const password = await passwordFrom(opts);
      await withExistingStore(opts, (store) => setPassword(store, localActing(opts), name, password));
      io.out(`the password of ${name} is set; their sessions have ended\n`);
    }),
  );
}

async function passwordFrom(opts: { passwordStdin?: boolean }): Promise<string> {
  if (!opts.passwordStdin)
    throw new UsageError('give the password on standard input with --password-stdin (never as an argument)');
  return readSecretFromStdin();
}

async function add(io: Io, name: string, opts: StoreOptions & AddOptions): Promise<void> {
  const password = await passwordFrom(opts);
  const user = await withStore(opts, (store) =>
    addUser(store, localActing(opts), { name, role: opts.role, countries: opts.countries ?? [], password }),
  );
  if (opts.json) return printJson(io, toUserJson(user));
  io.out(
    `added ${user.name} (${user.role}, ${user.countries.length ? user.countries.join(',') : 'every country'})\n`,
  );
}

async function list(io: Io, opts: StoreOptions & JsonOption): Promise<void> {
  const users = await withExistingStore(opts, (store) => listUsers(store));
  if (opts.json) return printJson(io, users.map(toUserJson));
  printTable(
    io,
    ['name', 'role', 'countries', 'disabled', 'created'],
    users.map((u) => [
      u.name,
      u.role,
      u.countries.join(',') || 'all',
      u.disabled ? 'yes' : 'no',
      u.createdAt.slice(0, 10),
    ]),
    'no users yet: `netfreedom users add NAME --role admin --password-stdin` creates the first admin',
  );
}
