/**
 * Censored Planet results judged with OONI's outcome semantics: failure when the vantage point or its controls
 * failed, confirmed when a known blockpage matched, anomaly when the result differs from the controls, else ok.
 */
import type { FingerprintMatch, MeasurementAnalysis } from '../model/analysis.js';
import type { HyperquackV1Result, HyperquackV2Result, SatelliteResult } from '../model/censored-planet.js';
import type { TechniqueBlocking } from '../model/verdict.js';

/** Version of this mapping; stored as the analysis' rulesVersion. */
export const CENSORED_PLANET_RULES_VERSION = 1;

/** Matches a response body against Censored Planet's blockpage / false-positive signatures. */
export type CpSignatureMatcher = (body: string) => FingerprintMatch | null;

/**
 * A matcher over the fingerprint database's Censored Planet signatures: a real blockpage wins over a
 * false-positive page. National (b_nat_*) and ISP (c_isp_*) blockpages confirm, as OONI's nat/isp scopes do;
 * product, corporate and generic pages only flag an anomaly.
 */
export function censoredPlanetMatcher(db: {
  matchCensoredPlanet(body: string): FingerprintMatch[];
}): CpSignatureMatcher {
  return (body) => {
    const matches = db.matchCensoredPlanet(body);
    const m = matches.find((x) => !x.falsePositive) ?? matches[0];
    if (!m) return null;
    return { ...m, confirming: !m.falsePositive && /^censoredplanet\.(b_nat|c_isp)_/.test(m.name) };
  };
}

function judged(
  outcome: MeasurementAnalysis['outcome'],
  technique: TechniqueBlocking,
  evidence: string[],
  fingerprints: FingerprintMatch[] = [],
): MeasurementAnalysis {
  return {
    rulesVersion: CENSORED_PLANET_RULES_VERSION,
    // OONI's web_connectivity enum does not describe remote measurements: no `blocking`.
    blocking: null,
    accessible: outcome === 'ok' ? true : outcome === 'failure' ? null : false,
    technique: outcome === 'ok' ? false : outcome === 'failure' ? null : technique,
    outcome,
    confirmed: outcome === 'confirmed',
    // Remote measurements have no TLS checks of netfreedom's own.
    tlsConfirmed: false,
    fingerprints,
    evidence,
  };
}

/** Satellite v2.2: DNS answers from an open resolver compared with control resolvers. */
export function judgeSatellite(r: SatelliteResult): MeasurementAnalysis {
  if (r.excluded) {
    return judged('failure', null, [`excluded by Censored Planet: ${(r.exclude_reason ?? []).join(', ')}`]);
  }
  if (!r.passed_liveness) return judged('failure', null, [`resolver ${r.vp} failed the liveness test`]);
  if (r.connect_error) return judged('failure', null, [`could not reach resolver ${r.vp}`]);
  if (!r.anomaly) return judged('ok', false, [`answers from ${r.vp} match the control resolvers`]);
  const evidence = r.response.map((q) => {
    const ips = Object.keys(q.response ?? {});
    const err = q.error && q.error !== 'null' ? ` error ${q.error}` : '';
    const answer = ips.length ? ` → ${ips.join(', ')}` : '';
    return `resolver ${r.vp} answered ${q.url} with rcode ${q.rcode}${err}${answer}, unlike the controls`;
  });
  return judged('anomaly', 'dns', evidence);
}

function bodyOf(response: HyperquackV2Result['response'][number]['response']): string | null {
  if (typeof response === 'string') return response;
  return response?.body ?? null;
}

/** Hyperquack v2 (http, https, echo, discard): responses compared with a per-server template. */
export function judgeHyperquack(r: HyperquackV2Result, match?: CpSignatureMatcher): MeasurementAnalysis {
  if (r.controls_failed) return judged('failure', null, [`control requests to ${r.vp} failed`]);
  if (!r.anomaly) return judged('ok', false, [`${r.service} responses from ${r.vp} match the template`]);
  const tests = r.response.filter((x) => !x.control_url);
  const fingerprints: FingerprintMatch[] = [];
  for (const t of tests) {
    const body = bodyOf(t.response);
    const m = body && match ? match(body) : null;
    if (m && !fingerprints.some((f) => f.name === m.name)) fingerprints.push(m);
  }
  const real = fingerprints.filter((f) => !f.falsePositive);
  if (fingerprints.length > 0 && real.length === 0) {
    const names = fingerprints.map((f) => f.name).join(', ');
    return judged('ok', false, [`only known false-positive pages: ${names}`], fingerprints);
  }
  const failures = tests.filter((t) => t.error).map((t) => t.error!);
  // A page that came back (even one Hyperquack flags with an error such as "status lines don't match").
  const gotResponse = tests.some((t) =>
    typeof t.response === 'string' ? t.response.length > 0 : Boolean(t.response),
  );
  const service = r.service.split(':')[0];
  // A different page is content tampering; no page at all on HTTPS means the handshake (SNI) was cut.
  const technique: TechniqueBlocking = gotResponse
    ? 'http-diff'
    : service === 'https'
      ? 'tls_sni'
      : 'http-failure';
  const what = failures.length ? failures.join('; ') : 'response differs from the template';
  const evidence = [`${r.service} to ${r.vp} with ${r.test_url}: ${what}`];
  if (r.stateful_block) evidence.push('stateful blocking: the control after the test also failed');
  if (real.length > 0) {
    evidence.push(`blockpage ${real.map((f) => f.name).join(', ')}`);
    return judged(
      real.some((f) => f.confirming) ? 'confirmed' : 'anomaly',
      technique,
      evidence,
      fingerprints,
    );
  }
  return judged('anomaly', technique, evidence, fingerprints);
}

/** Hyperquack v1 (Quack http/https): `Blocked` after retries, `FailSanity` when the server failed its controls. */
export function judgeHyperquackV1(
  r: HyperquackV1Result,
  service: 'http' | 'https',
  match?: CpSignatureMatcher,
): MeasurementAnalysis {
  return judgeHyperquack(
    {
      vp: r.Server,
      service,
      test_url: r.Keyword,
      anomaly: r.Blocked,
      controls_failed: r.FailSanity,
      stateful_block: r.StatefulBlock,
      response: r.Results.map((x) => ({
        start_time: x.StartTime,
        ...(x.Received !== undefined ? { response: x.Received } : {}),
        ...(x.Error !== undefined ? { error: x.Error } : {}),
      })),
    },
    match,
  );
}
