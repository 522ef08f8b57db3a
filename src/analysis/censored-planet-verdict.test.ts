import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HyperquackV1Result, HyperquackV2Result, SatelliteResult } from '../model/censored-planet.js';
import { loadAnalysisContext } from './analyze.js';
import {
  censoredPlanetMatcher,
  judgeHyperquack,
  judgeHyperquackV1,
  judgeSatellite,
} from './censored-planet-verdict.js';

const DIR = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'pipeline', 'censoredplanet');
function records<T>(file: string): T[] {
  return readFileSync(join(DIR, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}
const match = censoredPlanetMatcher(loadAnalysisContext().fingerprints);

describe('Censored Planet verdicts on real records', () => {
  it('Satellite: matching answers ok, differing answers DNS anomalies, dead resolvers failures', () => {
    const sat = records<SatelliteResult>('satellite-v2.2-results.json');
    const by = (url: string, cc: string) =>
      sat.filter((r) => r.test_url === url && r.location?.country_code === cc).map(judgeSatellite);
    expect(by('11st.co.kr', 'US').map((a) => a.outcome)).toEqual(['ok', 'ok', 'ok']);
    const servfail = by('1922.gov.tw', 'DE')[0]!;
    expect(servfail).toMatchObject({ outcome: 'anomaly', technique: 'dns', accessible: false });
    expect(servfail.evidence[0]).toMatch(/rcode 2/);
    expect(by('ajax.aspnetcdn.com', 'UA')[0]).toMatchObject({ outcome: 'failure', technique: null });
    expect(by('alipay.com', 'UA')[0]!.evidence[0]).toMatch(/liveness/);
  });

  it('Hyperquack v2: a Pakistani national blockpage on discard confirms, a generic one only flags', () => {
    const discard = records<HyperquackV2Result>('discard_results_v2.json').map((r) =>
      judgeHyperquack(r, match),
    );
    expect(discard.map((a) => a.outcome)).toEqual(['ok', 'ok', 'anomaly', 'confirmed']);
    expect(discard[2]).toMatchObject({ technique: 'http-failure' });
    expect(discard[2]!.evidence[0]).toMatch(/connection reset by peer/);
    expect(discard[3]!.fingerprints).toEqual([
      {
        name: 'censoredplanet.b_nat_pak_isp_common_blockpage',
        location: 'body',
        confirming: true,
        falsePositive: false,
      },
    ]);
    const http = records<HyperquackV2Result>('http_results_v2.json').map((r) => judgeHyperquack(r, match));
    expect(http.map((a) => [a.outcome, a.technique])).toEqual([
      ['ok', false],
      ['ok', false],
      ['anomaly', 'http-diff'],
      ['anomaly', 'http-diff'],
    ]);
    expect(http[3]!.fingerprints.map((f) => f.name)).toEqual(['censoredplanet.f_gen_access_denied']);
    const https = records<HyperquackV2Result>('https_results_v2.json').map((r) => judgeHyperquack(r, match));
    expect(https[3]).toMatchObject({ outcome: 'failure' });
  });

  it('Hyperquack v1: a product blockpage that came back is content tampering, not confirmation', () => {
    const v1 = records<HyperquackV1Result>('http_results_v1.json').map((r) =>
      judgeHyperquackV1(r, 'http', match),
    );
    expect(v1.map((a) => a.outcome)).toEqual(['ok', 'ok', 'anomaly', 'anomaly']);
    expect(v1[3]).toMatchObject({ technique: 'http-diff', confirmed: false });
    expect(v1[3]!.fingerprints.map((f) => f.name)).toEqual(['censoredplanet.a_prod_paloalto_1']);
  });

  it('ignores pages that only match false-positive signatures', () => {
    const fp = censoredPlanetMatcher({
      matchCensoredPlanet: () => [
        { name: 'censoredplanet.x_cdn', location: 'body', confirming: false, falsePositive: true },
      ],
    });
    const r = records<HyperquackV2Result>('http_results_v2.json')[2]!;
    expect(judgeHyperquack(r, fp)).toMatchObject({ outcome: 'ok', technique: false });
  });
});
