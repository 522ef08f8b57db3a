/**
 * Every write route of the OpenAPI document, checked three ways: anonymously (401), with a role that may not
 * (403) and with one that may (2xx). A route added without a case here fails this test, so none can skip the
 * check; the only writes open anonymously are sign-in, measurement submission and browsers' CSP reports. (Every
 * route, reads too, against every kind of caller: test/reliability/authorization-matrix.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analystSource, setQuestionScore } from '../../src/assessment/analyst-edits.js';
import { reviewStep } from '../../src/assessment/revisions.js';
import { addUser } from '../../src/auth/accounts.js';
import { createToken } from '../../src/auth/api-tokens.js';
import { recordEvent } from '../../src/evidence/record-facts.js';
import type { EventType } from '../../src/model/evidence.js';
import { dataPath } from '../../src/shared/paths.js';
import { testActing } from '../helpers/acting.js';
import { type AuthFixture, ORIGIN, PASSWORD, startAuthFixture } from './auth-fixture.js';
import { type ApiRoute, apiRoutes, fillPath } from './openapi-routes.js';

interface Case {
  /** The role (user name of auth-fixture's USERS, or `probe`) that may not: 403. */
  forbidden: string;
  /** The one that may: 2xx. */
  allowed: string;
  /** The path with its parameters filled, made ready for the allowed call. */
  prepare(f: AuthFixture): Promise<{ path: string; body?: unknown }>;
}

const SAMPLE = readFileSync(
  dataPath('ooni', 'measurements', 'ooni-spec', 'ts-017-web-connectivity.example-output-sample.json'),
  'utf8',
);
const source = analystSource('https://ooni.org/post/2024-kazakhstan-report/', '2024-06-01');
const edit = { score: 1, justification: 'SNI blocking of news sites', source_url: source.url };

/** A revision of KZ `edition` edited by ana (and in review when `submit`). */
async function revision(f: AuthFixture, edition: number, submit: boolean): Promise<void> {
  await setQuestionScore(f.store, f.methodology, testActing('ana'), {
    country: 'KZ',
    edition,
    questionId: 'B1',
    score: 1,
    justification: 'x',
    source,
  });
  if (submit) await reviewStep(f.store, testActing('ana'), 'KZ', edition, 'submit', null);
}

/** A KZ event in the 2024 edition's coverage period, which suggests a key internet control of its type's rule. */
async function suggestingEvent(f: AuthFixture, id: string, type: EventType): Promise<void> {
  await f.store.evidence.put('source', source);
  await recordEvent(f.store, f.methodology, {
    id,
    country: 'KZ',
    start: '2023-10-01',
    end: null,
    type,
    title: id,
    summary: 'reported',
    indicators: [],
    indicatorAttribution: 'netfreedom',
    keyControls: [],
    sourceIds: [source.id],
  });
}

/** Every write route, by `METHOD path` as the OpenAPI document spells it. */
const CASES: Record<string, Case> = {
  'POST /api/v1/auth/logout': {
    forbidden: 'probe',
    allowed: 'vic',
    prepare: async () => ({ path: '/api/v1/auth/logout' }),
  },
  'POST /api/v1/auth/password': {
    forbidden: 'probe',
    allowed: 'pat',
    prepare: async () => ({
      path: '/api/v1/auth/password',
      body: { current_password: PASSWORD, new_password: 'another long passphrase 2' },
    }),
  },
  'POST /api/v1/tokens': {
    forbidden: 'probe',
    allowed: 'vic',
    prepare: async () => ({ path: '/api/v1/tokens', body: { label: 'script' } }),
  },
  'POST /api/v1/tokens/{id}/revoke': {
    forbidden: 'probe',
    allowed: 'vic',
    prepare: async (f) => {
      const { record } = await createToken(f.store, testActing('vic'), {
        label: 'old',
        user: 'vic',
        probe: null,
        role: 'viewer',
        countries: [],
      });
      return { path: `/api/v1/tokens/${record.id}/revoke` };
    },
  },
  'POST /api/v1/users': {
    forbidden: 'rev',
    allowed: 'admin',
    prepare: async () => ({
      path: '/api/v1/users',
      body: { name: 'newcomer', role: 'viewer', countries: ['KZ'], password: 'a new long passphrase' },
    }),
  },
  'POST /api/v1/users/{name}/disable': {
    forbidden: 'ana',
    allowed: 'admin',
    prepare: async (f) => {
      await addUser(f.store, testActing('root'), {
        name: 'leaver',
        role: 'viewer',
        countries: [],
        password: PASSWORD,
      });
      return { path: '/api/v1/users/leaver/disable', body: { reason: 'left the team' } };
    },
  },
  'POST /api/v1/probes': {
    forbidden: 'vic',
    allowed: 'admin',
    prepare: async () => ({ path: '/api/v1/probes', body: { name: 'shymkent-2' } }),
  },
  'POST /api/v1/assessments/{cc}/{edition}/questions/{question}': {
    forbidden: 'vic',
    allowed: 'ana',
    prepare: async () => ({ path: '/api/v1/assessments/KZ/2024/questions/B1', body: edit }),
  },
  'POST /api/v1/assessments/{cc}/{edition}/controls/{control}': {
    forbidden: 'rev',
    allowed: 'ana',
    prepare: async () => ({
      path: '/api/v1/assessments/KZ/2024/controls/KIC2',
      body: { answer: 'yes', evidence: 'news sites blocked', source_url: source.url },
    }),
  },
  'POST /api/v1/assessments/{cc}/{edition}/submit': {
    forbidden: 'rev',
    allowed: 'ana',
    prepare: async (f) => {
      await revision(f, 2023, false);
      return { path: '/api/v1/assessments/KZ/2023/submit', body: {} };
    },
  },
  'POST /api/v1/assessments/{cc}/{edition}/return': {
    forbidden: 'ana',
    allowed: 'rev',
    prepare: async (f) => {
      await revision(f, 2022, true);
      return { path: '/api/v1/assessments/KZ/2022/return', body: { comment: 'B1 needs a second source' } };
    },
  },
  'POST /api/v1/assessments/{cc}/{edition}/publish': {
    forbidden: 'ana',
    allowed: 'rev',
    prepare: async (f) => {
      await revision(f, 2021, true);
      return { path: '/api/v1/assessments/KZ/2021/publish', body: {} };
    },
  },
  'POST /api/v1/countries/{cc}/events': {
    forbidden: 'rita',
    allowed: 'ana',
    prepare: async () => ({
      path: '/api/v1/countries/KZ/events',
      body: {
        id: 'kz-2024-01-news-blocked',
        type: 'block',
        start: '2024-01-10',
        title: 'News sites blocked',
        summary: 'Several news sites were blocked by SNI filtering.',
        indicators: ['B1'],
        source_urls: [source.url],
      },
    }),
  },
  'POST /api/v1/assessments/{cc}/{edition}/key-developments': {
    forbidden: 'rev',
    allowed: 'ana',
    prepare: async () => ({
      path: '/api/v1/assessments/KZ/2024/key-developments',
      body: { id: 'kz-2024-kd-1', position: 1, text: 'News sites were blocked.', source_urls: [source.url] },
    }),
  },
  'POST /api/v1/assessments/{cc}/{edition}/narratives/{question}': {
    forbidden: 'vic',
    allowed: 'ana',
    prepare: async () => ({
      path: '/api/v1/assessments/KZ/2024/narratives/B1',
      body: { text: 'News sites were blocked by SNI filtering.', source_urls: [source.url] },
    }),
  },
  'POST /api/v1/assessments/{cc}/{edition}/evidence': {
    forbidden: 'rita',
    allowed: 'admin',
    prepare: async () => ({
      path: '/api/v1/assessments/KZ/2024/evidence',
      body: { target: 'B1', query: { domain: ['meduza.io'] }, note: 'SNI blocking' },
    }),
  },
  'POST /api/v1/countries/{cc}/surveys': {
    forbidden: 'rev',
    allowed: 'ana',
    prepare: async () => ({
      path: '/api/v1/countries/KZ/surveys',
      body: {
        id: 'kz-2024-survey',
        edition: 2024,
        questions: [
          { question: 'Do you use a VPN?', sample_size: 1000, answers: [{ answer: 'yes', share: 0.3 }] },
        ],
        source_urls: [source.url],
      },
    }),
  },
  'POST /api/v1/countries/{cc}/recommendations': {
    forbidden: 'vic',
    allowed: 'ana',
    prepare: async () => ({
      path: '/api/v1/countries/KZ/recommendations',
      body: {
        id: 'kz-2024-rec-1',
        edition: 2024,
        addressees: ['government'],
        text: 'Stop blocking news sites.',
        source_urls: [source.url],
      },
    }),
  },
  'POST /api/v1/assessments/{cc}/{edition}/suggestions/{control}/accept': {
    forbidden: 'rev',
    allowed: 'ana',
    prepare: async (f) => {
      await suggestingEvent(f, 'kz-2024-cyberattack', 'cyberattack');
      return { path: '/api/v1/assessments/KZ/2024/suggestions/KIC9/accept' };
    },
  },
  'POST /api/v1/assessments/{cc}/{edition}/suggestions/{control}/reject': {
    forbidden: 'rita',
    allowed: 'ana',
    prepare: async (f) => {
      await suggestingEvent(f, 'kz-2024-arrest', 'arrest');
      return { path: '/api/v1/assessments/KZ/2024/suggestions/KIC7/reject' };
    },
  },
};

/** The writes anyone may make, and what makes each succeed. */
const PUBLIC: Record<string, () => { path: string; body: unknown }> = {
  'POST /api/v1/auth/login': () => ({
    path: '/api/v1/auth/login',
    body: { name: 'vic', password: PASSWORD },
  }),
  'POST /api/v1/measurements': () => ({ path: '/api/v1/measurements', body: JSON.parse(SAMPLE) }),
  'POST /api/v1/csp-reports': () => ({
    path: '/api/v1/csp-reports',
    body: { 'csp-report': { 'document-uri': `${ORIGIN}/`, 'blocked-uri': 'inline' } },
  }),
};

let f: AuthFixture;
let writes: ApiRoute[];

beforeAll(async () => {
  f = await startAuthFixture();
  // A user whose password the password route changes, so the others' stay as they are.
  await addUser(f.store, testActing('root'), {
    name: 'pat',
    role: 'viewer',
    countries: [],
    password: PASSWORD,
  });
  f.tokens.pat = (
    await createToken(f.store, testActing('root'), {
      label: 't',
      user: 'pat',
      probe: null,
      role: 'viewer',
      countries: [],
    })
  ).token;
  writes = (await apiRoutes((path) => f.call('GET', path))).filter((r) => r.method !== 'GET');
}, 60_000);

afterAll(async () => f?.stop());

describe('every write route of the OpenAPI document', () => {
  it('has a case here, and only sign-in, submission and CSP reports are open anonymously', () => {
    expect(writes.length).toBeGreaterThanOrEqual(22);
    for (const w of writes)
      expect(CASES[w.key] ?? PUBLIC[w.key], `no authorization case for ${w.key}`).toBeDefined();
    expect(
      writes
        .filter((w) => w.access === 'public')
        .map((w) => w.key)
        .sort(),
    ).toEqual(Object.keys(PUBLIC).sort());
  });

  it('answers 401 anonymously, 403 to a role that may not, 2xx to one that may', async () => {
    for (const w of writes) {
      const c = CASES[w.key];
      if (!c) continue;
      const path = fillPath(w);
      const anonymous = await f.call('POST', path, { body: {} });
      expect(anonymous.status, `${w.key} anonymously`).toBe(401);
      const forbidden = await f.call('POST', path, { body: {}, token: f.tokens[c.forbidden] });
      expect(forbidden.status, `${w.key} as ${c.forbidden}`).toBe(403);
      const ready = await c.prepare(f);
      const allowed = await f.call('POST', ready.path, {
        token: f.tokens[c.allowed],
        ...(ready.body !== undefined ? { body: ready.body } : {}),
      });
      expect(allowed.status, `${w.key} as ${c.allowed}: ${await allowed.clone().text()}`).toBeLessThan(300);
      expect(allowed.status).toBeGreaterThanOrEqual(200);
    }
  });

  it('lets anyone sign in and submit', async () => {
    for (const [key, make] of Object.entries(PUBLIC)) {
      const { path, body } = make();
      const res = await f.call('POST', path, { body, origin: ORIGIN });
      expect(res.status, key).toBe(200);
    }
  });

  it("refuses an analyst on another country's assessment (403), and a bad token outright (401)", async () => {
    const other = await f.call('POST', '/api/v1/assessments/KZ/2024/questions/B2', {
      body: edit,
      token: f.tokens.rita,
    });
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: { message: string } }).error.message).toMatch(/RU/);
    const ru = await f.call('POST', '/api/v1/assessments/RU/2024/questions/B2', {
      body: edit,
      token: f.tokens.rita,
    });
    expect(ru.status).toBe(200);
    const bad = await f.call('GET', '/api/v1/countries', { token: 'nft_tok_000000000000.xxxx' });
    expect(bad.status).toBe(401);
  });
});
