/** The OpenAPI document describes every answer field by field, and real answers satisfy what it says. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaById } from '../../src/server/contract/api-schemas.js';
import { type ApiFixture, sampleUrl, startApiFixture } from './api-fixture.js';

type JsonSchema = {
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  description?: string;
  type?: string;
};
type Operation = {
  parameters: { name: string; in: string; required: boolean }[];
  'x-access'?: string;
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
};

let fixture: ApiFixture;
let doc: Doc;

beforeAll(async () => {
  fixture = await startApiFixture();
  doc = (await (await fixture.app.request('/api/openapi.json')).json()) as Doc;
});

afterAll(async () => {
  await fixture?.stop();
});

/** The component a `$ref` names. */
function componentId(schema: JsonSchema | undefined): string {
  const id = schema?.$ref?.replace('#/components/schemas/', '');
  if (!id || !doc.components.schemas[id])
    throw new Error(`not a reference to a component: ${JSON.stringify(schema)}`);
  return id;
}

function operations(): [string, string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]): [string, string, Operation] => [path, method, op]),
  );
}

describe('response schemas in the OpenAPI document', () => {
  it('gives every route a 200 JSON schema with its fields', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(15);
    for (const [path, method, op] of ops) {
      const id = componentId(op.responses['200']?.content?.['application/json']?.schema);
      const properties = Object.keys(doc.components.schemas[id]!.properties ?? {});
      expect(properties.length, `${method} ${path} → ${id}`).toBeGreaterThan(0);
    }
  });

  it('says what the verdict fields mean, from the code', () => {
    const field = (component: string, name: string) =>
      doc.components.schemas[component]?.properties?.[name]?.description ?? '';
    expect(field('MeasurementSummary', 'outcome')).toMatch(/failure, then confirmed, then anomaly/);
    expect(field('MeasurementSummary', 'measurement_uid')).toMatch(/OONI/);
    expect(field('BlockedSite', 'confirmed')).toMatch(/fingerprint/);
    expect(field('BlockedSite', 'anomaly_share')).toMatch(/0\.\.1/);
    expect(field('Assessment', 'scale')).toMatch(/legacy/);
  });

  it('names the CSV columns of the routes that answer CSV', async () => {
    const csv =
      doc.paths['/api/v1/countries/{cc}/blocked-sites']!.get!.responses['200']!.content!['text/csv']!;
    expect(csv.schema?.description).toContain('first_seen');
  });

  it('describes real answers of every GET route: each parses with its documented schema', async () => {
    for (const [path, method, op] of operations()) {
      if (method !== 'get') continue;
      const id = componentId(op.responses['200']?.content?.['application/json']?.schema);
      const url = sampleUrl(path, op.parameters);
      const body = await (await fixture.get(url, op['x-access'])).json();
      const parsed = schemaById(id)!.safeParse(body);
      expect(parsed.success ? 'valid' : parsed.error.message, `${url} as ${id}`).toBe('valid');
    }
  });

  it('refuses an answer that strays from its schema (the check can fail)', () => {
    const summary = schemaById('MeasurementSummary')!;
    expect(summary.safeParse({ probeCc: 'KZ' }).success).toBe(false);
  });
});

describe('what the descriptions promise a reader', () => {
  it('says that a rank is among the countries of this dataset, not a global rank', () => {
    const row = doc.components.schemas.ComparisonRow!;
    expect(row.properties!.rank!.description).toMatch(/countries of this dataset/);
    expect(row.properties!.rank!.description).toMatch(/not a global rank/);
    expect(row.properties!.ranked_among!.description).toMatch(/countries of this dataset/);
  });
});
