/**
 * SQL, DuckDB and ClickHouse injection strings through every parameter of every GET route the OpenAPI document
 * lists (filters, sort axes, pagination, export format), on a real DuckDB store and a real ClickHouse server.
 * Each answer must be a clean 400 or 404, or a 200 of the route's own shape that selects nothing: an injection
 * never widens a result, changes its shape, or reaches the engine as SQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/shared/csv.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import {
  type Figure,
  none,
  recordFigures,
  reliabilityMode,
  sized,
} from '../../testkit/reliability/figures.js';
import { INJECTION_PAYLOADS } from '../../testkit/reliability/injection-payloads.js';
import { startClickHouse } from '../helpers/clickhouse-server.js';
import { type DocumentedRoute, routeUrl, startInjectionApp } from './injection-app.js';

/** What a request's answer was judged to be. */
type Verdict = 'clean refusal' | 'empty answer' | 'ignored' | 'shape changed' | 'unclean error';

/** Values that pass each filter's check and select nothing; a blank payload is compared with no value at all. */
const HARMLESS: Record<string, string> = {
  test_name: 'zz_none',
  domain: 'none.invalid',
  entity: 'none',
  actor: 'none',
  type: 'none',
  indicator: 'none',
};

interface Attack {
  route: DocumentedRoute;
  parameter: string;
  payload: string;
  /** `format=csv` too: the export path of a list. */
  csv: boolean;
}

/** Every (route, parameter, payload) and, for lists, the CSV export of each. */
function attacks(routes: DocumentedRoute[]): Attack[] {
  const out: Attack[] = [];
  for (const route of routes) {
    if (route.path === '/api/openapi.json') continue;
    const exportable = route.parameters.some((p) => p.name === 'format' && p.enum?.includes('csv'));
    for (const p of route.parameters)
      for (const payload of INJECTION_PAYLOADS) {
        out.push({ route, parameter: p.name, payload, csv: false });
        if (exportable && p.name !== 'format') out.push({ route, parameter: p.name, payload, csv: true });
      }
  }
  return out;
}

/** The shape of a JSON answer: its keys, and the keys of its items when it is a list. */
function shapeOf(body: unknown): string {
  if (!body || typeof body !== 'object') return typeof body;
  const keys = Object.keys(body).sort().join(',');
  return keys;
}

/** The route's answer without the attacked parameter, in the attack's format. */
interface Baseline {
  status: number;
  /** The JSON answer's keys, or null when the route does not answer 200 JSON without the parameter. */
  shape: string | null;
}

/** An item that selects nothing: a list row whose every count is 0 (the totals of an empty aggregation). */
const nothing = (values: unknown[]) => values.every((v) => v === 0 || v === '0' || v === '' || v === null);

/** Judges one answer to `payload` against the route's answer without it. */
async function judge(
  res: Response,
  payload: string,
  baseline: Baseline,
  again: () => Promise<string | null>,
): Promise<Verdict> {
  const type = res.headers.get('content-type') ?? '';
  if (res.status === 400 || res.status === 404) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: unknown; message?: unknown };
    } | null;
    const clean = typeof body?.error?.code === 'string' && typeof body.error.message === 'string';
    // An engine's own words in the message would mean the string reached SQL (the payload quoted back is not).
    const message = String(body?.error?.message).split(payload.slice(0, 40)).join('');
    const leaked = /syntax|parser|DB::Exception|Catalog Error|Binder Error|SELECT|duckdb/i.test(message);
    return clean && !leaked ? 'clean refusal' : 'unclean error';
  }
  if (res.status !== 200) return 'unclean error';
  const text = await res.text();
  // A value the route does not use (a blank one, a test name for change events) changes nothing: the answer is
  // the one to a harmless value, asked at the same moment.
  const control = await again();
  if (control !== null && text === control) return 'ignored';
  if (type.includes('text/csv')) {
    const rows = parseCsv(text).slice(1);
    return rows.every((r) => nothing(r.fields)) ? 'empty answer' : 'shape changed';
  }
  const body = JSON.parse(text) as { items?: unknown[] };
  if (!Array.isArray(body.items)) return 'shape changed';
  if (!body.items.every((item) => item && typeof item === 'object' && nothing(Object.values(item))))
    return 'shape changed';
  return baseline.shape === null || shapeOf(body) === baseline.shape ? 'empty answer' : 'shape changed';
}

/** Sends the attacks (every `step`-th of them) and counts the verdicts; the first few failures are kept. */
async function attackStore(engine: string, store: Store, step: number): Promise<Figure[]> {
  const web = mkdtempSync(join(tmpdir(), 'nf-injection-web-'));
  try {
    const app = await startInjectionApp(store, web);
    const baselines = new Map<string, Baseline>();
    const baseline = async (route: DocumentedRoute, csv: boolean): Promise<Baseline> => {
      const key = `${route.path} ${csv}`;
      const known = baselines.get(key);
      if (known) return known;
      const res = await app.get(routeUrl(route, csv ? { format: 'csv' } : {}));
      const text = await res.text();
      const json = res.status === 200 && !csv ? (JSON.parse(text) as unknown) : null;
      const made = { status: res.status, shape: json === null ? null : shapeOf(json) };
      baselines.set(key, made);
      return made;
    };
    const all = attacks(app.routes);
    const counts: Record<Verdict, number> = {
      ignored: 0,
      'clean refusal': 0,
      'empty answer': 0,
      'shape changed': 0,
      'unclean error': 0,
    };
    const failures: string[] = [];
    for (let i = 0; i < all.length; i += step) {
      const a = all[i]!;
      const overrides: Record<string, string> = { [a.parameter]: encodeURIComponent(a.payload) };
      if (a.csv) overrides.format = 'csv';
      const url = routeUrl(a.route, overrides);
      const harmless: Record<string, string> = a.csv ? { format: 'csv' } : {};
      const value = HARMLESS[a.parameter];
      if (value !== undefined && a.payload.trim() !== '') harmless[a.parameter] = value;
      const plain = routeUrl(a.route, harmless);
      // Without a harmless value of its own, the control is the answer without the parameter, which an injection
      // that widened the result would match: only a blank payload is compared with it.
      const controlled = a.payload.trim() === '' || value !== undefined;
      const again = async () => (controlled ? (await app.get(plain)).text() : null);
      const verdict = await judge(await app.get(url), a.payload, await baseline(a.route, a.csv), again);
      counts[verdict]++;
      if ((verdict === 'shape changed' || verdict === 'unclean error') && failures.length < 10)
        failures.push(`${verdict}: GET ${url}`);
    }
    const requests = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(failures).toEqual([]);
    return [
      { name: `injection (${engine}): requests`, value: requests, goal: '—', ok: requests > 0 },
      none(`injection (${engine}): changes of result shape`, counts['shape changed']),
      none(`injection (${engine}): errors other than a clean 400/404`, counts['unclean error']),
    ];
  } finally {
    rmSync(web, { recursive: true, force: true });
  }
}

const figures: Figure[] = [];

describe('injection through every API parameter', () => {
  it('DuckDB: clean refusals or empty answers of the same shape', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nf-injection-'));
    const store = await openStore(join(dir, 'injection.duckdb'));
    try {
      figures.push(...(await attackStore('DuckDB', store, sized(11, 1))));
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
    await recordFigures('injection', figures);
  }, 1_800_000);

  it('ClickHouse: clean refusals or empty answers of the same shape', async () => {
    const server = await startClickHouse();
    try {
      const store = await openStore(`clickhouse:${server.url}/nf_injection`);
      try {
        // The short run sends a sample (an odd step, so that JSON and CSV answers both come); the full run all.
        figures.push(...(await attackStore('ClickHouse', store, reliabilityMode === 'full' ? 1 : 51)));
      } finally {
        await store.close();
      }
    } finally {
      await server.stop();
    }
    await recordFigures('injection', figures);
  }, 1_800_000);
});
