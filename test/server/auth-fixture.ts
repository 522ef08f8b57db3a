/**
 * A server with accounts for the authorization tests: one user of every role (analysts for KZ and for RU), an API
 * token for each, a registered probe, the bundled assessments, and a clock the tests move.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedAssessments } from '../../src/assessment/bundled-data.js';
import { loadMethodology } from '../../src/assessment/methodology-loader.js';
import { addUser } from '../../src/auth/accounts.js';
import { createToken } from '../../src/auth/api-tokens.js';
import { registerProbe } from '../../src/auth/probes.js';
import type { Role } from '../../src/model/account.js';
import type { Methodology } from '../../src/model/methodology.js';
import { createApp } from '../../src/server/app.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { testActing } from '../helpers/acting.js';

export const ORIGIN = 'http://nf.test';
export const PASSWORD = 'correct horse battery staple';

/** The users every test finds: name → role and countries. */
export const USERS: Record<string, { role: Role; countries: string[] }> = {
  admin: { role: 'admin', countries: [] },
  ana: { role: 'analyst', countries: ['KZ'] },
  ben: { role: 'analyst', countries: ['KZ'] },
  rita: { role: 'analyst', countries: ['RU'] },
  rev: { role: 'reviewer', countries: [] },
  rev2: { role: 'reviewer', countries: [] },
  vic: { role: 'viewer', countries: [] },
};

export interface Call {
  token?: string;
  cookie?: string;
  body?: unknown;
  origin?: string;
  headers?: Record<string, string>;
}

export interface AuthFixture {
  store: Store;
  methodology: Methodology;
  app: ReturnType<typeof createApp>;
  /** An API token per user name, and `probe` for the registered probe. */
  tokens: Record<string, string>;
  probeId: string;
  /** Moves the app's clock. */
  advance(ms: number): void;
  call(method: string, path: string, opts?: Call): Promise<Response>;
  /** Signs in and answers the session cookie (`name=value`). */
  signIn(name: string, password?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startAuthFixture(options: { publicUrl?: string } = {}): Promise<AuthFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'nf-auth-'));
  const store = await openStore(join(dir, 'auth.duckdb'));
  const methodology = await loadMethodology();
  await seedAssessments(store, methodology, testActing('seed'));
  const tokens: Record<string, string> = {};
  for (const [name, { role, countries }] of Object.entries(USERS)) {
    await addUser(store, testActing('root'), { name, role, countries, password: PASSWORD });
    tokens[name] = (
      await createToken(store, testActing('root'), {
        label: 'test',
        user: name,
        probe: null,
        role,
        countries,
      })
    ).token;
  }
  const probe = await registerProbe(store, testActing('root'), 'almaty-1');
  tokens.probe = probe.token;
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const app = createApp({
    store,
    methodology,
    webRoot: join(dir, 'none'),
    now,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });
  const call = async (method: string, path: string, opts: Call = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.origin) headers.origin = opts.origin;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    return app.request(`${ORIGIN}${path}`, {
      method,
      headers,
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
  };
  return {
    store,
    methodology,
    app,
    tokens,
    probeId: probe.probe.id,
    advance: (ms) => {
      offset += ms;
    },
    call,
    signIn: async (name, password = PASSWORD) => {
      const res = await call('POST', '/api/v1/auth/login', { body: { name, password }, origin: ORIGIN });
      if (res.status !== 200) throw new Error(`sign-in of ${name}: ${res.status} ${await res.text()}`);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    },
    stop: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
