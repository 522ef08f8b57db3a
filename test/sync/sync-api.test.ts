/**
 * `sync ooni --source api` against a small HTTP server answering with the shapes of OONI's API, its measurements
 * taken from the recorded real answers of /api/v1/measurement_meta (data/ooni/measurements/ooni-explorer): every
 * measurement keeps the measurement_uid the API gave it, a rerun fetches nothing, pages and 503s are handled.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_ANALYZER } from '../../src/cli/ingest-context.js';
import { archiveTransport } from '../../src/netx/archive-transport.js';
import { systemNetwork } from '../../src/netx/network.js';

const transport = archiveTransport(systemNetwork.lookup);

import { dataPath } from '../../src/shared/paths.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { syncFromApi } from '../../src/sync/sync-api.js';
import type { SyncRequest } from '../../src/sync/sync-summary.js';

interface Meta {
  measurement_uid: string;
  probe_cc: string;
  test_name: string;
  measurement_start_time: string;
  anomaly: boolean;
  confirmed: boolean;
  failure: boolean;
  raw_measurement: string;
}

const META = dataPath('ooni', 'measurements', 'ooni-explorer', 'e2e-fixtures', 'measurement_meta');
const metas: Meta[] = readdirSync(META)
  .filter((f) => f.startsWith('measurement_meta__measurement_uid-'))
  .map((f) => JSON.parse(JSON.parse(readFileSync(join(META, f), 'utf8')).body) as Meta)
  .filter((m) => m.raw_measurement);

/** The API's answers, its pages capped at 1 row whatever the limit asked (next_url says there is more). */
function startApi(): Promise<{ url: string; server: Server; requests: string[]; fail503: Set<string> }> {
  const requests: string[] = [];
  const fail503 = new Set<string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${url.pathname}${url.search}`);
    const uid = url.searchParams.get('measurement_uid');
    if (uid && fail503.delete(uid)) {
      res.writeHead(503).end();
      return;
    }
    if (url.pathname === '/api/v1/measurements') {
      const q = url.searchParams;
      const rows = metas
        .filter(
          (m) =>
            m.probe_cc === q.get('probe_cc') &&
            m.test_name === q.get('test_name') &&
            m.measurement_start_time.slice(0, 10) >= q.get('since')! &&
            m.measurement_start_time.slice(0, 10) < q.get('until')!,
        )
        .sort((a, b) => a.measurement_start_time.localeCompare(b.measurement_start_time));
      const offset = Number(q.get('offset') ?? 0);
      const page = rows.slice(offset, offset + Math.min(1, Number(q.get('limit') ?? 100)));
      const results = page.map(({ raw_measurement: _, ...m }) => ({
        ...m,
        measurement_url: `https://api.ooni.io/api/v1/raw_measurement?measurement_uid=${m.measurement_uid}`,
      }));
      const more = offset + page.length < rows.length;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(
        JSON.stringify({
          metadata: {
            count: -1,
            offset,
            limit: 3,
            next_url: more ? `https://api.ooni.io/api/v1/measurements?offset=${offset + 3}` : null,
          },
          results,
        }),
      );
      return;
    }
    if (url.pathname === '/api/v1/raw_measurement') {
      const m = metas.find((x) => x.measurement_uid === uid);
      if (!m) {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"detail":"Measurement not found"}');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(m.raw_measurement);
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        server,
        requests,
        fail503,
      }),
    ),
  );
}

describe('sync ooni --source api', () => {
  let dir: string;
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nf-sync-api-'));
    api = await startApi();
  });
  afterAll(() => {
    api.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const request = (): SyncRequest => ({
    countries: ['US', 'RU'],
    tests: [
      'web_connectivity',
      'telegram',
      'tor',
      'whatsapp',
      'psiphon',
      'dash',
      'http_invalid_request_line',
    ],
    since: '2015-01-01',
    until: '2024-01-01',
    concurrency: 4,
    fetch: { timeoutMs: 2000, retries: 2, backoffMs: 10, transport },
    ingest: { analyze: CURRENT_ANALYZER.analyze, source: 'ooni' },
  });

  it('keeps every measurement_uid, pages past capped pages, retries a 503 and fetches nothing the second time', async () => {
    const store = await DuckDbStore.open(join(dir, 'api.duckdb'));
    const wanted = metas.filter(
      (m) => ['US', 'RU'].includes(m.probe_cc) && request().tests.includes(m.test_name),
    );
    expect(wanted.length).toBeGreaterThan(6);
    api.fail503.add(wanted[0]!.measurement_uid);
    const first = await syncFromApi(store, api.url, request());
    expect(first).toMatchObject({ source: 'api', listed: wanted.length, fetched: wanted.length, failed: 0 });
    expect(first.measurements).toMatchObject({ read: wanted.length, rejected: 0 });
    const stored = (await store.db.all<{ uid: string }>('SELECT uid FROM measurements ORDER BY uid')).map(
      (r) => r.uid,
    );
    expect(stored).toEqual(wanted.map((m) => m.measurement_uid).sort());
    // Pages of 1: US web_connectivity has two.
    expect(
      api.requests.some(
        (r) =>
          r.includes('probe_cc=US') && r.includes('test_name=web_connectivity') && r.endsWith('offset=1'),
      ),
    ).toBe(true);
    expect(api.requests.filter((r) => r.includes(wanted[0]!.measurement_uid)).length).toBe(2);
    expect(await store.sync.lastCountrySync('RU')).toMatchObject({ source: 'api', origin: `api:${api.url}` });

    const before = api.requests.filter((r) => r.startsWith('/api/v1/raw_measurement')).length;
    const second = await syncFromApi(store, api.url, request());
    expect(second).toMatchObject({ listed: wanted.length, held: wanted.length, fetched: 0 });
    expect(api.requests.filter((r) => r.startsWith('/api/v1/raw_measurement')).length).toBe(before);
    await store.close();
  }, 60_000);
});
