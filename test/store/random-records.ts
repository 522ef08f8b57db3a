/** Deterministic pseudo-random measurement records for the daily-counts tests of both engines. */
import type { Outcome, TechniqueBlocking } from '../../src/model/verdict.js';
import type { MeasurementRecord } from '../../src/store/measurement-store.js';
import { record } from './measurement-fixtures.js';

/** A deterministic pseudo-random record set with nulls, simulated rows, several days, networks and techniques. */
export function randomSet(n: number, seed: number): MeasurementRecord[] {
  let s = seed;
  const next = (k: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor(s / 65536) % k; // the high bits: the low bits of this generator have short periods
  };
  const outcomes: Outcome[] = ['ok', 'anomaly', 'confirmed', 'failure'];
  const techniques: TechniqueBlocking[] = ['dns', 'tls_sni', 'tcp_ip', null];
  return Array.from({ length: n }, () => {
    const r = record({
      probeCc: ['KZ', 'RU', 'IR'][next(3)]!,
      probeAsn: `AS${9198 + next(4)}`,
      domain: next(10) === 0 ? null : ['meduza.io', 'example.org', 'x.com'][next(3)]!,
      categoryCode: next(5) === 0 ? null : ['NEWS', 'GRP'][next(2)]!,
      startTime: `2024-03-0${1 + next(5)}T0${next(10)}:00:00Z`,
      simulated: next(8) === 0,
      outcome: outcomes[next(4)]!,
      technique: techniques[next(4)]!,
      // Every origin, anonymous ones from a few reporters, so that the trust rule corroborates some sites.
      origin: (['import', 'probe', 'anonymous', 'anonymous'] as const)[next(4)]!,
      reporter: `report-${next(3)}`,
    });
    // netfreedom's TLS confirmation lies across OONI's outcomes.
    return next(4) === 0 ? { ...r, analysis: { ...r.analysis, tlsConfirmed: true } } : r;
  });
}
