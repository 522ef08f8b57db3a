/**
 * Trusted submissions: an anonymous, fabricated Kazakhstan measurement (a certificate chain the client typed
 * itself, from a known interception CA, making rus.azattyq.org look confirmed) is stored but shown as unverified;
 * the same measurement from a registered probe counts. The server judges every measurement itself: verdict fields
 * a client sends change nothing in what is stored.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeMeasurement } from '../../src/analysis/analyze.js';
import type { Measurement } from '../../src/model/measurement.js';
import { dataPath } from '../../src/shared/paths.js';
import { type AuthFixture, startAuthFixture } from './auth-fixture.js';

/** The demo's intercepted page (a Qaznet Trust Network chain), made to look like a real KZ measurement of rus.azattyq.org. */
function fabricated(startTime: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const demo = readFileSync(dataPath('demo', 'kz-simulated.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown> & { annotations: Record<string, string> })
    .find((m) => m.annotations.scenario === 'kzInterceptionQaznetUntrusted')!;
  const { annotations: _simulatedMark, ...rest } = demo;
  return {
    ...rest,
    input: 'https://rus.azattyq.org/',
    probe_cc: 'KZ',
    probe_asn: 'AS9198',
    report_id: `fabricated-${startTime}`,
    measurement_start_time: startTime,
    ...over,
  };
}

let f: AuthFixture;
beforeAll(async () => {
  f = await startAuthFixture();
}, 60_000);
afterAll(async () => f?.stop());

const submit = (m: unknown, token?: string) =>
  f.call('POST', '/api/v1/measurements', { body: m, ...(token ? { token } : {}) });
type Site = { domain: string; confirmed: boolean; tls_confirmed: boolean; unverified: boolean };
const sites = async (query = '') =>
  ((await (await f.call('GET', `/api/v1/countries/KZ/blocked-sites${query}`)).json()) as { items: Site[] })
    .items;
const kzTotals = async (query = '') =>
  (
    (await (await f.call('GET', `/api/v1/aggregation?probe_cc=KZ${query}`)).json()) as {
      result: Record<string, number>[];
    }
  ).result[0]!;

describe('trusted submissions', () => {
  it('store an anonymous fabricated measurement, but do not show it as confirmed', async () => {
    const m = fabricated('2024-06-01 10:00:00');
    // The analysis itself is fooled: the chain is from a known interception CA.
    expect(analyzeMeasurement(m as unknown as Measurement).tlsConfirmed).toBe(true);
    const res = await submit(m);
    expect(res.status).toBe(200);
    const { measurement_uid } = (await res.json()) as { measurement_uid: string };
    const stored = await f.store.measurements.get(measurement_uid);
    expect(stored).toMatchObject({ origin: 'anonymous', reporter: 'fabricated-2024-06-01 10:00:00' });
    expect(stored!.analysis.tlsConfirmed).toBe(true);

    const azattyq = (await sites()).find((s) => s.domain === 'rus.azattyq.org');
    expect(azattyq).toMatchObject({ confirmed: false, tls_confirmed: false, unverified: true });
    expect(await kzTotals()).toMatchObject({
      confirmed_count: 0,
      tls_confirmed_count: 0,
      unverified_tls_confirmed_count: 1,
    });
    // Behind the filter, the analysis' own verdict.
    expect(
      (await sites('?include_unverified=true')).find((s) => s.domain === 'rus.azattyq.org'),
    ).toMatchObject({
      tls_confirmed: true,
    });
    expect(await kzTotals('&include_unverified=true')).toMatchObject({ tls_confirmed_count: 1 });
    const measurement = (await (await f.call('GET', `/api/v1/measurements/${measurement_uid}`)).json()) as {
      origin: string;
    };
    expect(measurement.origin).toBe('anonymous');
  });

  it('count the same measurement from a registered probe, stored with its id', async () => {
    const res = await submit(fabricated('2024-06-02 10:00:00'), f.tokens.probe);
    expect(res.status).toBe(200);
    const { measurement_uid } = (await res.json()) as { measurement_uid: string };
    expect(await f.store.measurements.get(measurement_uid)).toMatchObject({
      origin: 'probe',
      reporter: f.probeId,
    });
    expect((await sites()).find((s) => s.domain === 'rus.azattyq.org')).toMatchObject({
      tls_confirmed: true,
    });
    expect(await kzTotals()).toMatchObject({ tls_confirmed_count: 1, unverified_tls_confirmed_count: 1 });
  });

  it('refuse a revoked probe token (401) and store nothing', async () => {
    const before = await f.store.measurements.count({ includeSimulated: true });
    const made = await f.call('POST', '/api/v1/probes', { token: f.tokens.admin, body: { name: 'retired' } });
    const { token, token_id } = (await made.json()) as { token: string; token_id: string };
    expect((await submit(fabricated('2024-06-03 10:00:00'), token)).status).toBe(200);
    await f.call('POST', `/api/v1/tokens/${token_id}/revoke`, { token: f.tokens.admin, body: {} });
    const refused = await submit(fabricated('2024-06-04 10:00:00'), token);
    expect(refused.status).toBe(401);
    expect(await f.store.measurements.count({ includeSimulated: true })).toBe(before + 1);
  });

  it('judge every measurement from its raw test keys: verdict fields a client sends change nothing stored', async () => {
    const sample = JSON.parse(
      readFileSync(
        dataPath('ooni', 'measurements', 'ooni-spec', 'ts-017-web-connectivity.example-output-sample.json'),
        'utf8',
      ),
    ) as Record<string, unknown> & { test_keys: Record<string, unknown> };
    const honest = { ...sample, measurement_start_time: '2024-06-05 10:00:00' };
    const lying = {
      ...honest,
      report_id: 'another run',
      test_keys: {
        ...honest.test_keys,
        blocking: 'dns',
        accessible: false,
        dns_consistency: 'inconsistent',
        body_length_match: false,
        status_code_match: false,
        headers_match: false,
        title_match: false,
        x_verdict: { blocking: 'tls_sni', tls_confirmed: true, confirmed: true, evidence: ['made up'] },
        x_score: 100,
        confirmed: true,
      },
      anomaly: true,
      confirmed: true,
      scores: { blocking_general: 1, analysis: { confirmed: true } },
    };
    const stored = [];
    for (const m of [honest, lying]) {
      const { measurement_uid } = (await (await submit(m)).json()) as { measurement_uid: string };
      stored.push((await f.store.measurements.get(measurement_uid))!.analysis);
    }
    expect(stored[1]).toEqual(stored[0]);
    expect(stored[0]!.rulesVersion).toBeGreaterThan(0); // the current rules, not the reported verdict (version 0)
    expect(stored[1]).toMatchObject({ confirmed: false, tlsConfirmed: false });
    expect(stored[1]!.technique).not.toBe('tls_sni');
  });
});
