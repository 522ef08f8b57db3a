/** `netfreedom tokens create | list | revoke` and `netfreedom probes register | list`: API tokens and probes. */
import type { Command } from 'commander';
import { getUser } from '../../auth/accounts.js';
import { createToken, listTokens, revokeToken } from '../../auth/api-tokens.js';
import { listProbes, registerProbe } from '../../auth/probes.js';
import type { Role } from '../../model/account.js';
import { toTokenJson } from '../../server/contract/account-json.js';
import { NotFoundError } from '../../shared/errors.js';
import { AS_OPTION, type AsOption, localActing } from '../local-actor.js';
import { addOptions, type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { printJson, printTable } from '../output.js';
import { action, type CliContext, type Io } from '../run-command.js';
import { addStoreOptions, type StoreOptions, withExistingStore } from '../store-options.js';
import { parseCountries, parseRole } from './users.js';

interface CreateOptions extends AsOption, JsonOption {
  user: string;
  label: string;
  role?: Role;
  countries?: string[];
}

const CREATE_OPTIONS: OptionTable<CreateOptions> = {
  user: { flags: '--user <name>', description: 'the user the token acts for', required: true },
  label: { flags: '--label <text>', description: 'what the token is for', required: true },
  role: {
    flags: '--role <role>',
    description: "its role (default: the user's; never more)",
    parse: parseRole,
  },
  countries: {
    flags: '--countries <cc,...>',
    description: "countries it may act on (default: the user's)",
    parse: parseCountries,
  },
  ...AS_OPTION,
  ...jsonOption('print the token and its record as JSON'),
};

export function registerTokens(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const cmd = program
    .command('tokens')
    .description('API tokens for scripts: create (shown once), list, revoke');
  addStoreOptions(
    addOptions(
      cmd.command('create').description("make a token for a user, within the user's role and countries"),
      CREATE_OPTIONS,
    ),
  ).action(action(ctx, (opts: StoreOptions & CreateOptions) => create(io, opts)));
  addStoreOptions(
    addOptions(cmd.command('list').description('every token (never its secret)'), jsonOption()),
  ).action(
    action(ctx, async (opts: StoreOptions & JsonOption) => {
      const tokens = await withExistingStore(opts, (store) => listTokens(store));
      if (opts.json) return printJson(io, tokens.map(toTokenJson));
      printTable(
        io,
        ['id', 'label', 'for', 'role', 'countries', 'last used', 'revoked'],
        tokens.map((t) => [
          t.id,
          t.label,
          t.user ?? `probe ${t.probe}`,
          t.role,
          t.countries.join(',') || 'all',
          t.lastUsedAt?.slice(0, 16) ?? 'never',
          t.revokedAt?.slice(0, 16) ?? 'no',
        ]),
        'no tokens',
      );
    }),
  );
  addStoreOptions(
    addOptions(
      cmd.command('revoke').description('revoke a token: refused from then on').argument('<id>', 'tok_…'),
      AS_OPTION,
    ),
  ).action(
    action(ctx, async (id: string, opts: StoreOptions & AsOption) => {
      await withExistingStore(opts, (store) => revokeToken(store, localActing(opts), id));
      io.out(`${id} is revoked\n`);
    }),
  );

  const probes = program.command('probes').description('registered probes: their submissions are trusted');
  addStoreOptions(
    addOptions(
      probes
        .command('register')
        .description(
          'register a probe and print its token (shown once): `netfreedom probe --submit URL --token …`',
        )
        .argument('<name>', 'a name for the probe'),
      { ...AS_OPTION, ...jsonOption('print the probe and its token as JSON') },
    ),
  ).action(
    action(ctx, async (name: string, opts: StoreOptions & AsOption & JsonOption) => {
      const { probe, token, record } = await withExistingStore(opts, (store) =>
        registerProbe(store, localActing(opts), name),
      );
      if (opts.json) return printJson(io, { id: probe.id, name: probe.name, token, token_id: record.id });
      io.out(`registered ${probe.name} as ${probe.id}; its token (shown once, keep it secret):\n${token}\n`);
    }),
  );
  addStoreOptions(
    addOptions(probes.command('list').description('every registered probe'), jsonOption()),
  ).action(
    action(ctx, async (opts: StoreOptions & JsonOption) => {
      const list = await withExistingStore(opts, (store) => listProbes(store));
      if (opts.json) return printJson(io, list);
      printTable(
        io,
        ['id', 'name', 'registered', 'by'],
        list.map((p) => [p.id, p.name, p.createdAt.slice(0, 10), p.createdBy]),
        'no probes registered',
      );
    }),
  );
}

async function create(io: Io, opts: StoreOptions & CreateOptions): Promise<void> {
  const { token, record } = await withExistingStore(opts, async (store) => {
    const user = await getUser(store, opts.user);
    if (!user) throw new NotFoundError(`no user named ${opts.user}`);
    return createToken(store, localActing(opts), {
      label: opts.label,
      user: user.name,
      probe: null,
      role: opts.role ?? user.role,
      countries: opts.countries ?? user.countries,
    });
  });
  if (opts.json) return printJson(io, { ...toTokenJson(record), token });
  io.out(
    `${record.id} for ${record.user} (${record.role}); the token (shown once, keep it secret):\n${token}\n`,
  );
}
