/** Users, tokens and sign-in answers in the API's names: never a password, a hash or a stored secret. */
import { z } from 'zod';
import type { PublicToken, PublicUser } from '../../auth/index.js';
import type { Principal } from '../../model/account.js';
import { named } from './api-schemas.js';
import { listContract } from './list-contract.js';

const role = z.enum(['viewer', 'analyst', 'reviewer', 'admin']);
const countries = z
  .array(z.string())
  .describe('countries it may act on (ISO 3166-1 alpha-2); empty: every country');

export const userJson = named(
  'User',
  'A person with an account',
  z.strictObject({
    name: z.string(),
    role,
    countries,
    disabled: z.boolean(),
    created_at: z.string(),
    password_changed_at: z.string(),
  }),
);

export function toUserJson(u: PublicUser): z.output<typeof userJson> {
  return {
    name: u.name,
    role: u.role,
    countries: u.countries,
    disabled: u.disabled,
    created_at: u.createdAt,
    password_changed_at: u.passwordChangedAt,
  };
}

export const principalJson = named(
  'Principal',
  'Who a request acts as',
  z.strictObject({
    name: z.string().describe("the user's name, or the probe's id for a probe token"),
    kind: z.enum(['session', 'token', 'local']),
    role: z.enum(['viewer', 'analyst', 'reviewer', 'admin', 'probe']),
    countries,
    token_id: z.string().nullable(),
  }),
);

export function toPrincipalJson(p: Principal): z.output<typeof principalJson> {
  return { name: p.name, kind: p.kind, role: p.role, countries: p.countries, token_id: p.tokenId ?? null };
}

export const signInJson = named(
  'SignIn',
  'A new session: the cookie carries it (HttpOnly); this says for whom and until when at the latest',
  z.strictObject({
    user: principalJson,
    expires_at: z
      .string()
      .describe('the absolute end of the session, ISO 8601 UTC (it ends sooner when left idle)'),
  }),
);

export const doneJson = named('Done', 'What a write did', z.strictObject({ done: z.string() }));

const tokenFields = {
  id: z.string().describe('`tok_…`, the public part of the token'),
  label: z.string(),
  user: z.string().nullable(),
  probe: z.string().nullable().describe("the registered probe's id, for a probe's token"),
  role: z.enum(['viewer', 'analyst', 'reviewer', 'admin', 'probe']),
  countries,
  created_at: z.string(),
  created_by: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
};

export const tokenJson = named(
  'ApiToken',
  'An API token as listed (never its secret)',
  z.strictObject(tokenFields),
);

export function toTokenJson(t: PublicToken): z.output<typeof tokenJson> {
  return {
    id: t.id,
    label: t.label,
    user: t.user,
    probe: t.probe,
    role: t.role,
    countries: t.countries,
    created_at: t.createdAt,
    created_by: t.createdBy,
    last_used_at: t.lastUsedAt,
    revoked_at: t.revokedAt,
  };
}

export const newTokenJson = named(
  'NewApiToken',
  'A token just made: `token` is shown this once and kept nowhere (the server keeps its SHA-256)',
  z.strictObject({ ...tokenFields, token: z.string().describe('send as `Authorization: Bearer <token>`') }),
);

export const tokenList = listContract({
  pageId: 'ApiTokenPage',
  description: 'One page of API tokens',
  item: tokenJson,
  toJson: toTokenJson,
  csvRow: (item) => ({ ...item, countries: item.countries.join(' ') }),
});

export const newProbeJson = named(
  'NewProbe',
  "A registered probe and its token (shown once): submissions with it are stored with the probe's id",
  z.strictObject({ id: z.string(), name: z.string(), token: z.string(), token_id: z.string() }),
);

export type PrincipalJson = z.output<typeof principalJson>;
