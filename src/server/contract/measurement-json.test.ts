import { describe, expect, it } from 'vitest';
import type { MeasurementSummary } from '../../store/measurement-store.js';
import { ooniExplorerUrl } from './measurement-json.js';

const base = {
  testName: 'web_connectivity',
  input: 'https://rutracker.org/',
  domain: 'rutracker.org',
  probeCc: 'RU',
  probeAsn: 'AS42668',
  startTime: '2024-03-02T00:00:00Z',
  categoryCode: null,
  simulated: false,
} as const;

describe('ooniExplorerUrl', () => {
  it("links OONI's measurements by uid, a raw/ record without one by report_id and input, and nothing else", () => {
    const uid = '20240514233718.029308_KZ_webconnectivity_007c5a9f4031213d';
    expect(ooniExplorerUrl({ ...base, uid, source: 'ooni' } as MeasurementSummary)).toBe(
      `https://explorer.ooni.org/m/${uid}`,
    );
    const record = {
      ...base,
      uid: `h-${'0'.repeat(32)}`,
      source: 'ooni' as const,
      origin: 'import' as const,
      raw: { report_id: '20240302T000000Z_webconnectivity_RU_42668_n1_abc' },
    };
    expect(ooniExplorerUrl(record as never)).toBe(
      'https://explorer.ooni.org/measurement/20240302T000000Z_webconnectivity_RU_42668_n1_abc?input=https%3A%2F%2Frutracker.org%2F',
    );
    // A summary has no raw record: without a uid of OONI's, no link rather than a guess.
    expect(ooniExplorerUrl({ ...base, uid: record.uid, source: 'ooni' } as MeasurementSummary)).toBeNull();
    expect(ooniExplorerUrl({ ...record, raw: { report_id: '../../x y' } } as never)).toBeNull();
    expect(ooniExplorerUrl({ ...base, uid, source: 'netfreedom' } as MeasurementSummary)).toBeNull();
    // A submission (anonymous or a probe's) names any report_id it likes: never a link to another measurement.
    for (const origin of ['anonymous', 'probe', 'unknown'] as const)
      expect(ooniExplorerUrl({ ...record, origin } as never)).toBeNull();
  });
});
