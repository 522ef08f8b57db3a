/**
 * The app the injection test attacks, over a real store of either engine: the standard measurements, a change
 * event, the bundled assessments and evidence, an admin's API token; and the GET routes' parameters read from the
 * OpenAPI document the server serves.
 */
import { seedAssessments } from '../../src/assessment/bundled-data.js';
import { loadMethodology } from '../../src/assessment/methodology-loader.js';
import { addUser } from '../../src/auth/accounts.js';
import { createToken } from '../../src/auth/api-tokens.js';
import { seedEvidence } from '../../src/evidence/bundled-evidence.js';
import { createApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/store.js';
import { testActing } from '../helpers/acting.js';
import { standardSet } from '../store/measurement-fixtures.js';

export interface InjectionApp {
  /** A GET with the admin's token (every route answers it). */
  get(url: string): Promise<Response>;
  /** Any request with the admin's token (`init.headers` added to it). */
  request(url: string, init?: RequestInit): Promise<Response>;
  /** Every GET route with its parameters, from /api/openapi.json. */
  routes: DocumentedRoute[];
  /** Every POST route with its parameters and the top-level fields of its JSON body. */
  posts: (DocumentedRoute & { bodyFields: string[] })[];
}

export interface DocumentedParameter {
  name: string;
  in: 'query' | 'path';
  required: boolean;
  enum: string[] | null;
}

export interface DocumentedRoute {
  path: string;
  parameters: DocumentedParameter[];
}

/** Seeds `store` and builds the app over it. */
export async function startInjectionApp(store: Store, webRoot: string): Promise<InjectionApp> {
  const methodology = await loadMethodology();
  await seedAssessments(store, methodology, testActing());
  await seedEvidence(store, methodology);
  await store.measurements.put(standardSet());
  await store.measurements.putChanges('KZ', [
    {
      id: 'kz-1',
      probeCc: 'KZ',
      probeAsn: 'AS9198',
      domain: 'meduza.io',
      kind: 'blocking_started',
      at: '2024-03-02T00:00:00Z',
      score: 4.5,
      method: 'cusum',
      measurementUids: ['uid-a'],
    },
  ]);
  const admin = testActing('root');
  await addUser(store, admin, {
    name: 'admin',
    role: 'admin',
    countries: [],
    password: 'injection test passphrase',
  });
  const { token } = await createToken(store, admin, {
    label: 'injection',
    user: 'admin',
    probe: null,
    role: 'admin',
    countries: [],
  });
  const app = createApp({ store, methodology, webRoot });
  const request = async (url: string, init: RequestInit = {}) =>
    app.request(url, { ...init, headers: { ...(init.headers as object), authorization: `Bearer ${token}` } });
  const get = (url: string) => request(url);
  const doc = (await (await get('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, RawOperation>>;
  };
  const routes: DocumentedRoute[] = [];
  const posts: InjectionApp['posts'] = [];
  const parameters = (op: RawOperation) =>
    (op.parameters ?? []).map((p) => ({
      name: p.name,
      in: p.in as 'query' | 'path',
      required: Boolean(p.required),
      enum: p.schema?.enum ?? null,
    }));
  for (const [path, operations] of Object.entries(doc.paths)) {
    if (operations.get) routes.push({ path, parameters: parameters(operations.get) });
    const post = operations.post;
    if (post) {
      const schema = post.requestBody?.content?.['application/json']?.schema;
      posts.push({ path, parameters: parameters(post), bodyFields: Object.keys(schema?.properties ?? {}) });
    }
  }
  return { get, request, routes, posts };
}

interface RawOperation {
  parameters?: RawParameter[];
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

interface RawParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { enum?: string[] };
}

/** Values that make each parameter answer 200 with data. */
export const SAMPLE_VALUES: Record<string, string> = {
  cc: 'KZ',
  asn: 'AS9198',
  edition: '2024',
  uid: 'uid-a',
  id: 'none',
  probe_cc: 'KZ',
  probe_asn: 'AS9198',
  domain: 'meduza.io',
  axis_x: 'probe_cc',
  question: 'B1',
  control: 'KIC2',
  name: 'nobody',
};

/** The URL of a route with its path and required parameters filled, `overrides` given as they are (encoded). */
export function routeUrl(route: DocumentedRoute, overrides: Record<string, string> = {}): string {
  const value = (name: string) => overrides[name] ?? encodeURIComponent(SAMPLE_VALUES[name] ?? 'x');
  const path = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => value(name));
  const query = route.parameters
    .filter((p) => p.in === 'query' && (p.required || p.name in overrides))
    .map((p) => `${p.name}=${value(p.name)}`);
  return query.length ? `${path}?${query.join('&')}` : path;
}
