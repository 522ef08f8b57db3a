import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMethodology } from '../../src/assessment/methodology-loader.js';
import { createApp } from '../../src/server/app.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { record, standardSet } from '../store/measurement-fixtures.js';

let dir: string;
let store: Store;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nf-mroutes-'));
  store = await openStore(join(dir, 'test.duckdb'));
  await store.measurements.put(standardSet());
  app = createApp({ store, methodology: await loadMethodology(), webRoot: join(dir, 'none') });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const json = async <T>(path: string): Promise<T> => {
  const res = await app.request(path);
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return (await res.json()) as T;
};

type Agg = { result: Record<string, number | string>[]; dimension_count: number };

describe('GET /api/v1/aggregation', () => {
  it('counts outcomes per day for a country, excluding simulated by default', async () => {
    const body = await json<Agg>('/api/v1/aggregation?probe_cc=KZ&axis_x=measurement_start_day');
    expect(body.dimension_count).toBe(1);
    const day3 = body.result.find((r) => r.measurement_start_day === '2024-03-03')!;
    expect(day3).toMatchObject({ measurement_count: 2, anomaly_count: 1, failure_count: 1, ok_count: 0 });
    const withSim = await json<Agg>(
      '/api/v1/aggregation?probe_cc=KZ&axis_x=measurement_start_day&include_simulated=true',
    );
    expect(withSim.result.find((r) => r.measurement_start_day === '2024-03-03')!.measurement_count).toBe(3);
  });

  it('answers CSV with the axis and OONI count columns', async () => {
    const res = await app.request('/api/v1/aggregation?axis_x=probe_cc&format=csv');
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'probe_cc,measurement_count,ok_count,anomaly_count,confirmed_count,failure_count,tls_confirmed_count,' +
        'unverified_confirmed_count,unverified_tls_confirmed_count,simulated_count',
    );
    expect(lines).toContain('RU,1,0,0,1,0,0,0,0,0');
    // An export that includes simulated data says in every row how much of it is simulated.
    const withSim = await app.request(
      '/api/v1/aggregation?axis_x=probe_cc&format=csv&include_simulated=true',
    );
    const kz = (await withSim.text()).split('\n').find((l) => l.startsWith('KZ,'));
    expect(kz?.split(',').at(-1)).toBe('1');
  });

  it('refuses equal axes, unknown axes and bad dates with 400 naming the parameter', async () => {
    for (const [q, word] of [
      ['axis_x=domain&axis_y=domain', 'axis_x'],
      ['axis_x=nonsense', 'axis_x'],
      ['since=2024-13-45', 'since'],
      ['outcome=blocked', 'outcome'],
      ['probe_asn=ASX', 'probe_asn'],
    ]) {
      const res = await app.request(`/api/v1/aggregation?${q}`);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message, q).toContain(word);
    }
    // A bad item of a list parameter is named by the parameter and its place in the list.
    const res = await app.request('/api/v1/aggregation?probe_cc=KZ,KAZ');
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'query parameter "probe_cc" (item 2): expected a two-letter country code',
    );
  });
});

describe('GET /api/v1/measurements', () => {
  it('filters by country, domain, outcome and technique', async () => {
    const page = await json<{ items: { domain: string; technique: string; probe_asn: string }[] }>(
      '/api/v1/measurements?probe_cc=kz&domain=meduza.io&outcome=anomaly&technique=tls_sni',
    );
    expect(page.items).toHaveLength(2);
    expect(page.items.every((m) => m.technique === 'tls_sni' && m.probe_asn === 'AS9198')).toBe(true);
  });

  it('pages through every real measurement with the cursor, newest first', async () => {
    const seen: string[] = [];
    let url = '/api/v1/measurements?limit=3';
    for (let i = 0; i < 10 && url; i++) {
      const page = await json<{ items: { measurement_uid: string }[]; next_cursor: string | null }>(url);
      seen.push(...page.items.map((m) => m.measurement_uid));
      url = page.next_cursor ? `/api/v1/measurements?limit=3&cursor=${page.next_cursor}` : '';
    }
    expect(seen).toHaveLength(8); // 9 records, one simulated
    expect(new Set(seen).size).toBe(8);
  });

  it('exports CSV and answers one measurement by uid, 404 for an unknown one', async () => {
    const csv = (await (await app.request('/api/v1/measurements?probe_cc=RU&format=csv')).text()).split('\n');
    expect(csv[0]).toBe(
      'measurement_uid,measurement_start_time,probe_cc,probe_asn,test_name,input,domain,category_code,simulated,' +
        'source,origin,ooni_explorer_url,outcome,blocking,technique,confirmed,tls_confirmed',
    );
    expect(csv[1]).toMatch(
      /,RU,AS42668,web_connectivity,https:\/\/rutracker.org\/,rutracker.org,FILE,false,ooni,import,,confirmed,/,
    );
    const page = await json<{ items: { measurement_uid: string }[] }>('/api/v1/measurements?probe_cc=RU');
    const uid = page.items[0]!.measurement_uid;
    const one = await json<{
      measurement_uid: string;
      measurement_start_time: string;
      raw: { note: string };
      analysis: { outcome: string; rules_version: number };
      certificate_chains: unknown[];
    }>(`/api/v1/measurements/${uid}`);
    expect(one).toMatchObject({
      measurement_uid: uid,
      measurement_start_time: '2024-03-02T00:00:00Z',
      analysis: { outcome: 'confirmed', rules_version: 1 },
      certificate_chains: [],
    });
    // The raw record is passed through as it was stored.
    expect(one.raw.note).toMatch(/^record \d+$/);
    expect((await app.request('/api/v1/measurements/nope-123')).status).toBe(404);
    expect((await app.request('/api/v1/measurements/bad%20uid')).status).toBe(400);
  });
});

describe('country, network, domain and change views', () => {
  it('lists blocked sites in KZ with techniques and networks', async () => {
    const page = await json<{ items: { domain: string; techniques: string[]; networks: string[] }[] }>(
      '/api/v1/countries/KZ/blocked-sites',
    );
    const meduza = page.items.find((s) => s.domain === 'meduza.io')!;
    expect(meduza.techniques.sort()).toEqual(['tcp_ip', 'tls_sni']);
    expect(meduza.networks.sort()).toEqual(['AS21299', 'AS9198']);
    expect(page.items.some((s) => s.domain === 'example.org')).toBe(false);
    expect(meduza).toMatchObject({
      category_code: 'NEWS',
      first_seen: '2024-03-02T08:00:00Z',
      last_seen: '2024-03-03T09:30:00Z',
      measurement_count: 4,
      anomaly_share: 0.75,
      confirmed: false,
    });
    const csv = await (await app.request('/api/v1/countries/KZ/blocked-sites?format=csv')).text();
    expect(csv.split('\n')[0]).toBe(
      'domain,category_code,techniques,networks,first_seen,last_seen,measurement_count,blocked_count,' +
        'anomaly_count,confirmed_count,tls_confirmed_count,unverified_confirmed_count,unverified_tls_confirmed_count,' +
        'simulated_count,anomaly_share,confirmed,tls_confirmed,unverified',
    );
  });

  it('lists networks and domains, in JSON and CSV', async () => {
    const nets = await json<{ items: { probe_asn: string; measurement_count: number }[] }>(
      '/api/v1/networks?probe_cc=KZ',
    );
    expect(nets.items.map((n) => n.probe_asn).sort()).toEqual(['AS21299', 'AS9198']);
    const domains = await (await app.request('/api/v1/domains?format=csv')).text();
    expect(domains.split('\n')[0]).toBe(
      'domain,category_code,countries,measurement_count,anomaly_count,confirmed_count,tls_confirmed_count,' +
        'simulated_count',
    );
    expect(domains).toContain('rutracker.org,FILE,RU,1,0,1');
  });

  it('lists change events: empty at first, then the stored ones in JSON and CSV', async () => {
    const empty = await json<{ items: unknown[]; next_cursor: null }>('/api/v1/changes?probe_cc=RU');
    expect(empty).toEqual({ items: [], next_cursor: null });
    await store.measurements.putChanges('RU', [
      {
        id: 'ru-1',
        probeCc: 'RU',
        probeAsn: 'AS42668',
        domain: 'rutracker.org',
        kind: 'blocking_started',
        at: '2024-03-02T00:00:00Z',
        score: 4.5,
        method: 'cusum',
        measurementUids: ['uid-a', 'uid-b'],
      },
    ]);
    // A fresh app: the read cache of the first one would (rightly) still hold the empty answer.
    const fresh = createApp({ store, methodology: await loadMethodology(), webRoot: join(dir, 'none') });
    const page = (await (await fresh.request('/api/v1/changes?probe_cc=RU')).json()) as {
      items: { id: string; kind: string; measurement_uids: string[] }[];
    };
    expect(page.items.map((e) => [e.id, e.kind, e.measurement_uids])).toEqual([
      ['ru-1', 'blocking_started', ['uid-a', 'uid-b']],
    ]);
    // A filter change events cannot match is refused, not silently ignored.
    const refused = await fresh.request(
      '/api/v1/changes?probe_cc=RU&technique=dns&test_name=web_connectivity',
    );
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /^test_name, technique: change events are per country, network and domain/,
    );
    const csv = await (await fresh.request('/api/v1/changes?probe_cc=RU&format=csv')).text();
    expect(csv.split('\n')[0]).toBe('id,probe_cc,probe_asn,domain,kind,at,score,method,measurement_uids');
    expect(csv.split('\n')[1]).toMatch(
      /^ru-1,RU,AS42668,rutracker.org,blocking_started,2024-03-02.*,4.5,cusum,uid-a;uid-b$/,
    );
  });
});

describe('evidence as data', () => {
  it('answers the analysis’ evidence items beside its sentences, and null for an analysis stored without them', async () => {
    const items = [
      { key: 'tcp_failed', values: { endpoint: '192.0.2.1:443', failure: 'generic_timeout_error' } },
    ];
    const evidence = [
      'TCP connect to 192.0.2.1:443 failed with generic_timeout_error; the control connected to the same address.',
    ];
    const withItems = record({ probeCc: 'ZZ', startTime: '2020-01-01T00:00:00Z', outcome: 'anomaly' });
    withItems.analysis = { ...withItems.analysis, evidence, evidenceItems: items };
    await store.measurements.put([withItems]);
    type One = { analysis: { evidence: string[]; evidence_items: unknown } };
    const one = await json<One>(`/api/v1/measurements/${withItems.uid}`);
    expect(one.analysis.evidence).toEqual(evidence);
    expect(one.analysis.evidence_items).toEqual(items);
    const older = await json<{ items: { measurement_uid: string }[] }>('/api/v1/measurements?probe_cc=RU');
    const old = await json<One>(`/api/v1/measurements/${older.items[0]!.measurement_uid}`);
    expect(old.analysis.evidence_items).toBeNull();
  });
});

describe('GET /api/v1/networks/{probe_asn}', () => {
  it('names a network from the bundled registry data, with the countries its addresses are registered in', async () => {
    const net = await json<{
      probe_asn: string;
      name: string | null;
      countries: { probe_cc: string; ipv4_addresses: number }[];
      reserved: string | null;
      source: string;
    }>('/api/v1/networks/AS42668');
    expect(net).toMatchObject({ probe_asn: 'AS42668', name: 'Nevalink, LLC', reserved: null });
    expect(net.countries[0]).toMatchObject({ probe_cc: 'RU' });
    expect(net.source).toContain('@ip-location-db');
  });

  it('says which numbers belong to no real network: documentation (RFC 5398), private use, AS0', async () => {
    for (const [asn, reserved] of [
      ['AS64496', 'documentation'],
      ['AS64511', 'documentation'],
      ['AS65551', 'documentation'],
      ['AS64512', 'private_use'],
      ['AS4200000000', 'private_use'],
      ['AS0', 'zero'],
      ['AS64495', null],
    ] as const) {
      const net = await json<{ name: string | null; reserved: string | null }>(`/api/v1/networks/${asn}`);
      expect(net.reserved, asn).toBe(reserved);
      if (reserved) expect(net.name, asn).toBeNull();
    }
    expect((await app.request('/api/v1/networks/not-an-asn')).status).toBe(400);
  });
});
