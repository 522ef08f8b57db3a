/** The API speaks OONI's names: every GET route's JSON keys and CSV headers are snake_case, the raw record aside. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiFixture, sampleUrl, startApiFixture } from './api-fixture.js';

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
/** Objects whose keys are data, not names: category scores keyed by the methodology's category ids. */
const DATA_KEYED = new Set(['categories']);
const CATEGORY_ID = /^[A-Z]$/;

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters: { name: string; in: string; required: boolean }[];
        'x-access'?: string;
        responses: Record<string, { content?: Record<string, unknown> }>;
      }
    >
  >;
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

/** The paths of keys that are not snake_case; a raw record and an audit entry's stored entity are not walked. */
function offendingKeys(value: unknown, at = '$', found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) offendingKeys(v, `${at}[${i}]`, found);
  } else if (value !== null && typeof value === 'object') {
    const dataKeyed = DATA_KEYED.has(at.split('.').at(-1) ?? '');
    for (const [key, v] of Object.entries(value)) {
      const here = `${at}.${key}`;
      // The raw record is OONI's own; an audit entry's before and after are the entity as it was stored.
      if (here === '$.raw' || /^\$\.items\[\d+\]\.(before|after)$/.test(here)) continue;
      if (!(SNAKE.test(key) || (dataKeyed && CATEGORY_ID.test(key)))) found.push(here);
      offendingKeys(v, here, found);
    }
  }
  return found;
}

function getRoutes(): [string, Doc['paths'][string]['get']][] {
  return Object.entries(doc.paths)
    .filter(([, methods]) => methods.get)
    .map(([path, methods]) => [path, methods.get!]);
}

describe("OONI's names in every answer", () => {
  it('the key walk itself catches camelCase and spares the raw record and category ids', () => {
    expect(
      offendingKeys({
        raw: { testKeys: 1 },
        items: [{ probeCc: 'KZ', categories: { A: 1 } }],
        nextCursor: null,
      }),
    ).toEqual(['$.items[0].probeCc', '$.nextCursor']);
  });

  it('answers every GET route with snake_case keys only', async () => {
    const routes = getRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(14);
    for (const [path, op] of routes) {
      const url = sampleUrl(path, op!.parameters);
      const res = await fixture.get(url, op!['x-access']);
      expect(res.status, url).toBe(200);
      const body = await res.json();
      expect(JSON.stringify(body).length, `${url} answered something`).toBeGreaterThan(20);
      expect(offendingKeys(body), url).toEqual([]);
    }
  });

  it('names every CSV column in snake_case (category columns are their ids)', async () => {
    const csvRoutes = getRoutes().filter(([, op]) => op!.responses['200']?.content?.['text/csv']);
    expect(csvRoutes.length).toBeGreaterThanOrEqual(10);
    for (const [path, op] of csvRoutes) {
      const url = sampleUrl(path, op!.parameters);
      const res = await fixture.get(`${url}${url.includes('?') ? '&' : '?'}format=csv`, op!['x-access']);
      expect(res.headers.get('content-type'), url).toContain('text/csv');
      const header = (await res.text()).split('\n')[0]!.split(',');
      expect(
        header.filter((h) => !SNAKE.test(h) && !CATEGORY_ID.test(h)),
        url,
      ).toEqual([]);
    }
  });
});
