/**
 * The authorization matrix: every route of the OpenAPI document (reads too) against every kind of caller —
 * anonymous, each role by token and by session, an analyst and a token of another country, a token narrower than
 * its user, a probe, a revoked token, a disabled user's — with no draft leaking to a reader who may not see it.
 * Figures: cells checked, failures (goal 0). (CSRF, fixation, revocation, lockout: authorization-sessions.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analystSource, setQuestionScore } from '../../src/assessment/analyst-edits.js';
import { addUser, disableUser } from '../../src/auth/accounts.js';
import { createToken, revokeToken } from '../../src/auth/api-tokens.js';
import type { TokenRole } from '../../src/model/account.js';
import { dataPath } from '../../src/shared/paths.js';
import { type Caller, expectedAccess, meets } from '../../testkit/reliability/access-model.js';
import { atLeast, none, recordFigures } from '../../testkit/reliability/figures.js';
import { testActing } from '../helpers/acting.js';
import { type AuthFixture, ORIGIN, PASSWORD, startAuthFixture, USERS } from '../server/auth-fixture.js';
import {
  type ApiRoute,
  apiRoutes,
  countryParamOf,
  fillPath,
  permissionOf,
} from '../server/openapi-routes.js';

/** Text that is only in a draft and the audit log: no answer to a reader without `read_drafts` may hold it. */
const DRAFT_MARK = `draft-only-${Date.now().toString(36)}`;
const SAMPLE = readFileSync(
  dataPath('ooni', 'measurements', 'ooni-spec', 'ts-017-web-connectivity.example-output-sample.json'),
  'utf8',
);

let f: AuthFixture;
let routes: ApiRoute[];
/** Credentials per caller label: a token, or a session cookie. */
const credentials: Record<string, { token?: string; cookie?: string }> = {};
const callers: Caller[] = [];
const values: Record<string, string> = { name: 'nobody-here' };
const failures: string[] = [];
const cells = { matrix: 0, leaks: 0 };

function check(kind: keyof typeof cells, ok: boolean, what: string): void {
  cells[kind] += 1;
  if (!ok) failures.push(`${kind}: ${what}`);
}

async function token(user: string, role: TokenRole, countries: string[]): Promise<string> {
  const made = await createToken(f.store, testActing('root'), {
    label: 'matrix',
    user,
    probe: null,
    role,
    countries,
  });
  return made.token;
}

beforeAll(async () => {
  f = await startAuthFixture();
  // A draft of KZ 2024 holding the mark, a source and a measurement, so that every read has a real record.
  const source = analystSource('https://ooni.org/post/2024-kazakhstan-report/', '2024-06-01');
  await f.store.evidence.put('source', source);
  await setQuestionScore(f.store, f.methodology, testActing('ana'), {
    country: 'KZ',
    edition: 2024,
    questionId: 'B1',
    score: 2,
    justification: DRAFT_MARK,
    source,
  });
  values.id = source.id;
  const submitted = await f.call('POST', '/api/v1/measurements', { body: JSON.parse(SAMPLE) });
  values.uid = ((await submitted.json()) as { measurement_uid: string }).measurement_uid;
  routes = await apiRoutes((path) => f.call('GET', path));
  // Signing out ends the session it is called with: last, so the session callers keep theirs until then.
  routes.sort((a, b) => Number(a.key.endsWith('/logout')) - Number(b.key.endsWith('/logout')));

  callers.push({ label: 'anonymous', kind: 'anonymous', role: null, countries: [] });
  for (const name of ['vic', 'ana', 'rev', 'admin', 'rita']) {
    const { role, countries } = USERS[name]!;
    callers.push({ label: `${role} ${name} (token)`, kind: 'token', role, countries });
    credentials[callers.at(-1)!.label] = { token: f.tokens[name]! };
  }
  for (const name of ['vic', 'ana', 'rev', 'admin']) {
    const { role, countries } = USERS[name]!;
    callers.push({ label: `${role} ${name} (session)`, kind: 'session', role, countries });
    credentials[callers.at(-1)!.label] = { cookie: await f.signIn(name) };
  }
  const extra: [Caller, string][] = [
    [
      { label: 'admin token for RU only', kind: 'token', role: 'admin', countries: ['RU'] },
      await token('admin', 'admin', ['RU']),
    ],
    [
      { label: "admin's viewer token", kind: 'token', role: 'viewer', countries: [] },
      await token('admin', 'viewer', []),
    ],
    [{ label: 'probe token', kind: 'token', role: 'probe', countries: [] }, f.tokens.probe!],
    [{ label: 'unknown token', kind: 'invalid', role: null, countries: [] }, 'nft_tok_000000000000.AAAA'],
  ];
  const revoked = await createToken(f.store, testActing('root'), {
    label: 'old',
    user: 'ana',
    probe: null,
    role: 'analyst',
    countries: ['KZ'],
  });
  await revokeToken(f.store, testActing('root'), revoked.record.id);
  extra.push([{ label: 'revoked token', kind: 'invalid', role: null, countries: [] }, revoked.token]);
  await addUser(f.store, testActing('root'), {
    name: 'leaver',
    role: 'admin',
    countries: [],
    password: PASSWORD,
  });
  const leaver = await token('leaver', 'admin', []);
  await disableUser(f.store, testActing('root'), 'leaver', 'left');
  extra.push([{ label: "disabled admin's token", kind: 'invalid', role: null, countries: [] }, leaver]);
  for (const [caller, t] of extra) {
    callers.push(caller);
    credentials[caller.label] = { token: t };
  }
}, 60_000);

afterAll(async () => {
  await recordFigures('authorization', [
    atLeast('authorization: route × caller cells', cells.matrix, 800),
    atLeast('authorization: reads checked for draft leaks', cells.leaks, 40),
    none('authorization: failures', failures.length),
  ]);
  await f?.stop();
});

/** Calls a route as a caller, with an empty body for writes (a write that is allowed then stops at validation). */
function callAs(caller: Caller, route: ApiRoute, path: string): Promise<Response> {
  const { token: t, cookie } = credentials[caller.label] ?? {};
  return f.call(route.method, path, {
    ...(t ? { token: t } : {}),
    ...(cookie ? { cookie } : {}),
    ...(route.method === 'POST' ? { body: {}, origin: ORIGIN } : {}),
  });
}

describe('the authorization matrix', () => {
  it('answers every route as the roles allow, to every caller', async () => {
    expect(routes.length).toBeGreaterThanOrEqual(53);
    for (const route of routes) {
      // Writes go to an edition without a revision: an allowed submit or publish with an empty body then finds
      // nothing to act on, and the draft of 2024 stays a draft for the leak checks.
      const path = fillPath(route, route.method === 'POST' ? { ...values, edition: '2023' } : values);
      const country = countryParamOf(route.access) ? 'KZ' : null;
      for (const caller of callers) {
        // The sign-in route allows 10 attempts a minute per client address, and every call here has the same one.
        if (route.key.endsWith('/auth/login')) f.advance(7_000);
        const expected = expectedAccess(caller, permissionOf(route.access), country);
        const res = await callAs(caller, route, path);
        check(
          'matrix',
          meets(expected, route.method, res.status),
          `${route.key} as ${caller.label}: expected ${expected}, got ${res.status}`,
        );
        const mayReadDrafts = expectedAccess(caller, 'read_drafts', null) === 'allowed';
        if (route.method === 'GET' && res.status === 200 && !mayReadDrafts)
          check(
            'leaks',
            !(await res.text()).includes(DRAFT_MARK),
            `${route.key} shows a draft to ${caller.label}`,
          );
      }
    }
    // The mark is really there for those who may read it, or the leak checks above prove nothing.
    const revision = await f.call('GET', '/api/v1/assessments/KZ/2024/revision', { token: f.tokens.vic! });
    expect(await revision.text()).toContain(DRAFT_MARK);
  }, 120_000);

  it('shows no draft in the feeds, the reports or the API document', async () => {
    for (const path of [
      '/feeds/all.atom',
      '/feeds/KZ.atom',
      '/api/openapi.json',
      '/api/v1/countries/KZ/report?edition=2024&format=html',
      '/api/v1/countries/KZ/report?edition=2024&format=md',
    ]) {
      const res = await f.call('GET', path);
      check(
        'leaks',
        res.status === 200 && !(await res.text()).includes(DRAFT_MARK),
        `${path}: ${res.status}`,
      );
    }
  });

  it('has no failure in any cell', () => {
    expect(failures).toEqual([]);
  });
});
