/** Synthetic measurement records for the store suite: known counts per day, network, domain and outcome. */
import type { MeasurementAnalysis } from '../../src/model/analysis.js';
import type { Outcome, TechniqueBlocking } from '../../src/model/verdict.js';
import type { MeasurementRecord } from '../../src/store/measurement-store.js';

export function analysis(
  outcome: Outcome,
  technique: TechniqueBlocking = null,
  rulesVersion = 1,
): MeasurementAnalysis {
  return {
    rulesVersion,
    blocking: outcome === 'ok' ? false : outcome === 'failure' ? null : 'http-failure',
    accessible: outcome === 'ok' ? true : outcome === 'failure' ? null : false,
    technique: outcome === 'ok' ? false : technique,
    outcome,
    confirmed: outcome === 'confirmed',
    tlsConfirmed: false,
    fingerprints: [],
    evidence: [`synthetic ${outcome}`],
  };
}

let seq = 0;

/** One record; `uid` defaults to a fresh one. */
export function record(
  over: Partial<MeasurementRecord> & { outcome?: Outcome; technique?: TechniqueBlocking },
): MeasurementRecord {
  const { outcome = 'ok', technique = null, ...rest } = over;
  seq++;
  const domain = rest.domain ?? 'example.org';
  return {
    uid: `uid-${String(seq).padStart(6, '0')}`,
    source: 'ooni',
    testName: 'web_connectivity',
    input: `https://${domain}/`,
    domain,
    probeCc: 'KZ',
    probeAsn: 'AS9198',
    startTime: '2024-03-01T10:00:00Z',
    categoryCode: 'NEWS',
    simulated: false,
    origin: 'import',
    reporter: null,
    analysis: analysis(outcome, technique),
    raw: { test_keys: { blocking: false }, note: `record ${seq}` },
    ...rest,
  };
}

/**
 * The standard data set: KZ AS9198 meduza.io blocked (tls_sni) on 2024-03-02..03, ok on 2024-03-01;
 * KZ AS21299 meduza.io anomaly (tcp_ip) once; example.org ok everywhere; one failure; one simulated;
 * one RU record confirmed.
 */
export function standardSet(): MeasurementRecord[] {
  return [
    record({ domain: 'meduza.io', startTime: '2024-03-01T08:00:00Z', outcome: 'ok' }),
    record({
      domain: 'meduza.io',
      startTime: '2024-03-02T08:00:00Z',
      outcome: 'anomaly',
      technique: 'tls_sni',
    }),
    record({
      domain: 'meduza.io',
      startTime: '2024-03-03T09:30:00Z',
      outcome: 'anomaly',
      technique: 'tls_sni',
    }),
    record({
      domain: 'meduza.io',
      probeAsn: 'AS21299',
      startTime: '2024-03-02T12:00:00Z',
      outcome: 'anomaly',
      technique: 'tcp_ip',
    }),
    record({ domain: 'example.org', categoryCode: 'GRP', startTime: '2024-03-01T09:00:00Z', outcome: 'ok' }),
    record({ domain: 'example.org', categoryCode: 'GRP', startTime: '2024-03-02T09:00:00Z', outcome: 'ok' }),
    record({
      domain: 'example.org',
      categoryCode: 'GRP',
      startTime: '2024-03-03T09:00:00Z',
      outcome: 'failure',
    }),
    record({
      domain: 'meduza.io',
      startTime: '2024-03-03T10:00:00Z',
      outcome: 'anomaly',
      technique: 'dns',
      simulated: true,
    }),
    record({
      domain: 'rutracker.org',
      categoryCode: 'FILE',
      probeCc: 'RU',
      probeAsn: 'AS42668',
      startTime: '2024-03-02T00:00:00Z',
      outcome: 'confirmed',
      technique: 'http-diff',
    }),
  ];
}
