/** Tokens (everyone's own; an admin's for anyone), users and probes (admins), and the audit log (signed-in users). */
import { z } from 'zod';
import { addUser, disableUser } from '../../auth/accounts.js';
import { actingAs } from '../../auth/acting.js';
import { createToken, getToken, listTokens, revokeToken } from '../../auth/api-tokens.js';
import { registerProbe } from '../../auth/probes.js';
import { may } from '../../auth/roles.js';
import { ROLES } from '../../model/account.js';
import { ForbiddenError, NotFoundError } from '../../shared/errors.js';
import type { Store } from '../../store/store.js';
import type { ApiRouter } from '../api-router.js';
import { principalOf } from '../auth/route-access.js';
import {
  newProbeJson,
  newTokenJson,
  tokenJson,
  tokenList,
  toTokenJson,
  toUserJson,
  userJson,
} from '../contract/account-json.js';
import { auditList } from '../contract/audit-json.js';
import { listRoute } from '../list-route.js';
import { countryCode, format, isoDate, page } from '../query-schemas.js';

const TAG = 'accounts';

export function accountRoutes(router: ApiRouter, store: Store, now: () => Date): void {
  const acting = (c: Parameters<typeof principalOf>[0]) => actingAs(principalOf(c)!, c.get('requestId'), now);

  listRoute(
    router,
    {
      method: 'get',
      path: '/tokens',
      summary: 'API tokens: your own (an admin sees every one); never their secrets',
      tag: TAG,
      auth: 'person',
      query: z.object({ format, ...page }),
      list: tokenList,
      csvName: () => 'tokens',
    },
    async (_input, c) => {
      const p = principalOf(c)!;
      const all = await listTokens(store);
      return may(p, 'manage_tokens') ? all : all.filter((t) => t.user === p.name);
    },
  );

  router.route(
    {
      method: 'post',
      path: '/tokens',
      summary: 'Make an API token for yourself, scoped to your role or less and your countries; shown once',
      tag: TAG,
      auth: 'person',
      requestBody: z.strictObject({
        label: z.string().min(1).max(100),
        role: z.enum(ROLES).optional().describe('default: your role; never more than it'),
        countries: z.array(countryCode).max(50).optional().describe('default: your countries'),
      }),
      response: newTokenJson,
    },
    async (c, { body }) => {
      const p = principalOf(c)!;
      const { token, record } = await createToken(store, acting(c), {
        label: body.label,
        user: p.name,
        probe: null,
        role: body.role ?? (p.role === 'probe' ? 'viewer' : p.role),
        countries: body.countries ?? p.countries,
      });
      return c.json({ ...toTokenJson(record), token });
    },
  );

  router.route(
    {
      method: 'post',
      path: '/tokens/:id/revoke',
      summary: 'Revoke an API token (your own; an admin any): refused from the next request on',
      tag: TAG,
      auth: 'person',
      params: z.object({ id: z.string().regex(/^tok_[0-9a-f]{12}$/, 'expected a token id (tok_…)') }),
      response: tokenJson,
      responses: { '404': 'no such token' },
    },
    async (c, { params }) => {
      const p = principalOf(c)!;
      const t = await getToken(store, params.id);
      if (!t) throw new NotFoundError(`no token ${params.id}`);
      if (t.user !== p.name && !may(p, 'manage_tokens'))
        throw new ForbiddenError('only its owner or an admin may revoke a token');
      return c.json(toTokenJson(await revokeToken(store, acting(c), params.id)));
    },
  );

  router.route(
    {
      method: 'post',
      path: '/users',
      summary: 'Add a user (admins); the password must be 12 characters or more and not a common one',
      tag: TAG,
      auth: { permission: 'manage_users' },
      requestBody: z.strictObject({
        name: z.string().max(40),
        role: z.enum(ROLES),
        countries: z.array(countryCode).max(250).default([]),
        password: z.string().max(1024),
      }),
      response: userJson,
      responses: { '409': 'the name is taken' },
    },
    async (c, { body }) => c.json(toUserJson(await addUser(store, acting(c), body))),
  );

  router.route(
    {
      method: 'post',
      path: '/users/:name/disable',
      summary: 'Disable a user (admins): their sessions end and their tokens stop working',
      tag: TAG,
      auth: { permission: 'manage_users' },
      params: z.object({ name: z.string().max(40) }),
      requestBody: z.strictObject({ reason: z.string().max(1000).optional() }),
      response: userJson,
      responses: { '404': 'no such user' },
    },
    async (c, { params, body }) =>
      c.json(toUserJson(await disableUser(store, acting(c), params.name, body.reason ?? null))),
  );

  router.route(
    {
      method: 'post',
      path: '/probes',
      summary:
        "Register a probe (admins): its token (shown once) makes its submissions trusted, stored with the probe's id",
      tag: TAG,
      auth: { permission: 'manage_probes' },
      requestBody: z.strictObject({ name: z.string().max(60) }),
      response: newProbeJson,
      responses: { '409': 'the name is taken' },
    },
    async (c, { body }) => {
      const { probe, token, record } = await registerProbe(store, acting(c), body.name);
      return c.json({ id: probe.id, name: probe.name, token, token_id: record.id });
    },
  );

  listRoute(
    router,
    {
      method: 'get',
      path: '/audit',
      summary: 'The audit log, newest first: every write with who, when, before and after, why',
      tag: 'audit',
      auth: { permission: 'read_audit' },
      query: z.object({
        entity: z.string().max(200).optional().describe('e.g. assessment:KZ:2024'),
        actor: z.string().max(100).optional(),
        since: isoDate.optional().describe('from this day on (YYYY-MM-DD)'),
        format,
        ...page,
      }),
      list: auditList,
      csvName: () => 'audit',
    },
    ({ query }) =>
      store.audit.list({
        ...(query.entity ? { entity: query.entity } : {}),
        ...(query.actor ? { actor: query.actor } : {}),
        ...(query.since ? { since: query.since } : {}),
        limit: 10_000,
      }),
  );
}
