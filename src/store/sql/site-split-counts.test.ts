import { describe, expect, it } from 'vitest';
import { applyTrustRule } from './site-split-counts.js';

const row = (day: string, site: string, confirmed: number, tls = 0) => ({
  measurement_start_day: day,
  untrusted_site: site,
  measurement_count: '10',
  ok_count: '5',
  anomaly_count: '2',
  confirmed_count: String(confirmed),
  failure_count: '1',
  tls_confirmed_count: String(tls),
  simulated_count: '0',
});

describe('applyTrustRule', () => {
  const q = { axisX: 'measurement_start_day' as const };
  const rows = [
    row('2024-01-01', '', 2, 1),
    row('2024-01-01', 'KZ a.example', 1, 1),
    row('2024-01-02', 'KZ b.example', 2),
  ];

  it('counts trusted and corroborated confirmations, and makes the others anomalies', () => {
    const cells = applyTrustRule(q, rows, [{ probeCc: 'KZ', domain: 'a.example' }]);
    expect(
      cells.map((c) => [c.measurement_start_day, c.measurement_count, c.anomaly_count, c.confirmed_count]),
    ).toEqual([
      ['2024-01-01', 20, 4, 3],
      ['2024-01-02', 10, 4, 0],
    ]);
    expect(
      cells.map((c) => [
        c.tls_confirmed_count,
        c.unverified_confirmed_count,
        c.unverified_tls_confirmed_count,
      ]),
    ).toEqual([
      [2, 0, 0],
      [0, 2, 0],
    ]);
  });

  it('counts every confirmation with includeUnverified, still saying which were unverified', () => {
    const [, second] = applyTrustRule({ ...q, includeUnverified: true }, rows, []);
    expect(second).toMatchObject({ anomaly_count: 2, confirmed_count: 2, unverified_confirmed_count: 2 });
  });

  it('answers one row of zeros without axes when nothing matched, as the SQL does', () => {
    expect(applyTrustRule({}, [], [])).toEqual([
      {
        measurement_count: 0,
        ok_count: 0,
        anomaly_count: 0,
        confirmed_count: 0,
        failure_count: 0,
        tls_confirmed_count: 0,
        unverified_confirmed_count: 0,
        unverified_tls_confirmed_count: 0,
        simulated_count: 0,
      },
    ]);
  });
});
