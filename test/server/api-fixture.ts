/** An app over a store holding every kind of answer the API gives, and a real URL for each of its GET routes. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeMeasurement } from '../../src/analysis/analyze.js';
import { analystSource, setKeyControl, setQuestionScore } from '../../src/assessment/analyst-edits.js';
import { seedAssessments } from '../../src/assessment/bundled-data.js';
import { loadMethodology } from '../../src/assessment/methodology-loader.js';
import { reviewStep } from '../../src/assessment/revisions.js';
import { addUser } from '../../src/auth/accounts.js';
import { createToken } from '../../src/auth/api-tokens.js';
import { seedEvidence } from '../../src/evidence/bundled-evidence.js';
import { linkEvidence } from '../../src/evidence/evidence-links.js';
import { narrativeId, recordNarrative } from '../../src/evidence/record-facts.js';
import type { Measurement } from '../../src/model/measurement.js';
import { createApp } from '../../src/server/app.js';
import { dataPath } from '../../src/shared/paths.js';
import { sourceId } from '../../src/shared/source-id.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { testActing } from '../helpers/acting.js';
import { record, standardSet } from '../store/measurement-fixtures.js';

/** A measurement with a decodable certificate chain (the simulated Qaznet interception), stored as real data. */
export const CHAIN_UID = 'contract-chain-1';

export interface ApiFixture {
  app: ReturnType<typeof createApp>;
  /** A GET as an admin (API token) when the route is not public (`x-access` of its OpenAPI operation). */
  get(url: string, access?: string): Promise<Response>;
  stop(): Promise<void>;
}

/** FOTN scores with one question and one key control answered, the standard measurements, one change event. */
export async function startApiFixture(): Promise<ApiFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'nf-contract-'));
  const methodology = await loadMethodology();
  const store: Store = await openStore(join(dir, 'contract.duckdb'));
  await seedAssessments(store, methodology, testActing());
  const source = analystSource('https://example.org/evidence', '2024-06-01', 'Evidence');
  await setQuestionScore(store, methodology, testActing(), {
    country: 'KZ',
    edition: 2024,
    questionId: 'B1',
    score: 1,
    justification: 'SNI blocking',
    source,
  });
  await setKeyControl(store, methodology, testActing(), {
    country: 'KZ',
    edition: 2024,
    controlId: 'KIC2',
    answer: 'yes',
    evidence: 'news sites blocked',
    source,
  });
  // Published by a reviewer who did not edit it, so that the public answers carry the edits.
  await reviewStep(store, testActing(), 'KZ', 2024, 'submit', null);
  await reviewStep(store, testActing('reviewer'), 'KZ', 2024, 'publish', null);
  const raw = readFileSync(dataPath('demo', 'kz-simulated.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { annotations: { scenario: string } })
    .find((m) => m.annotations.scenario === 'kzInterceptionQaznetUntrusted');
  const chain = record({
    uid: CHAIN_UID,
    domain: 'www.facebook.com',
    outcome: 'confirmed',
    technique: 'tls_interception',
    raw,
  });
  // Its evidence as the analysis gives it, sentences and items, so that `evidence_items` is answered in full.
  const { evidence, evidenceItems } = analyzeMeasurement(raw as unknown as Measurement);
  await store.measurements.put([
    ...standardSet(),
    { ...chain, analysis: { ...chain.analysis, evidence, evidenceItems } },
  ]);
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
  // The bundled country evidence, a narrative and an evidence link of each kind, so every evidence route answers in full.
  await seedEvidence(store, methodology);
  await store.evidence.put('source', source);
  await recordNarrative(store, methodology, {
    id: narrativeId('KZ', 2024, 'B1'),
    country: 'KZ',
    edition: 2024,
    questionId: 'B1',
    text: 'News, human-rights and circumvention sites were blocked by TLS interference.',
    scoreChange: null,
    sourceIds: [source.id],
  });
  const link = (request: Parameters<typeof linkEvidence>[2]['request']) =>
    linkEvidence(store, methodology, {
      country: 'KZ',
      edition: 2024,
      target: { kind: 'question', id: 'B1' },
      request,
    });
  await link({ kind: 'measurement_query', filters: { domain: ['meduza.io'] } });
  await link({ kind: 'event', eventId: 'kz-2023-06-tls-blocking-seen-by-ooni' });
  await link({ kind: 'source', sourceId: source.id });
  const app = createApp({ store, methodology, webRoot: join(dir, 'none') });
  const admin = testActing('root');
  await addUser(store, admin, {
    name: 'admin',
    role: 'admin',
    countries: [],
    password: 'fixture operator passphrase',
  });
  const { token } = await createToken(store, admin, {
    label: 'fixture',
    user: 'admin',
    probe: null,
    role: 'admin',
    countries: [],
  });
  return {
    app,
    get: async (url, access = 'public') =>
      app.request(url, access === 'public' ? {} : { headers: { authorization: `Bearer ${token}` } }),
    stop: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Values for path parameters and required query parameters, by name. */
const SAMPLE_VALUES: Record<string, string> = {
  cc: 'KZ',
  asn: 'AS9198',
  edition: '2024',
  uid: CHAIN_UID,
  // The source the fixture's analyst edits cite.
  id: sourceId('https://example.org/evidence'),
};

/** Query parameters that make a route answer its richest shape. */
const SAMPLE_QUERIES: Record<string, string> = {
  '/api/v1/aggregation': 'axis_x=probe_cc&axis_y=measurement_start_day',
  // The translated texts must come through the same schema and names as the English ones.
  '/api/v1/methodology': 'lang=kk',
};

interface DocumentedParameter {
  name: string;
  in: string;
  required: boolean;
}

/** A URL that answers 200 for an OpenAPI path template; throws when a parameter has no sample value. */
export function sampleUrl(template: string, parameters: DocumentedParameter[]): string {
  const value = (name: string) => {
    const v = SAMPLE_VALUES[name];
    if (v === undefined) throw new Error(`no sample value for parameter "${name}" of ${template}`);
    return v;
  };
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => value(name));
  const query = parameters
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${p.name}=${value(p.name)}`);
  const extra = SAMPLE_QUERIES[template];
  if (extra) query.push(extra);
  return query.length ? `${path}?${query.join('&')}` : path;
}
