/**
 * Censored Planet results judged with OONI's outcome semantics: failure when the vantage point or its controls
 * failed, confirmed when a known blockpage matched, anomaly when the result differs from the controls, else ok.
 */
import type { EvidenceItem, FingerprintMatch, MeasurementAnalysis } from '../model/analysis.js';
import type { HyperquackV1Result, HyperquackV2Result, SatelliteResult } from '../model/censored-planet.js';
import type { TechniqueBlocking } from '../model/verdict.js';
import { evidence, evidenceFields } from './evidence-messages.js';

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
  reasons: EvidenceItem[],
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
    ...evidenceFields(reasons),
  };
}

/** Satellite v2.2: DNS answers from an open resolver compared with control resolvers. */
export function judgeSatellite(r: SatelliteResult): MeasurementAnalysis {
  const resolver = r.vp;
  if (r.excluded) {
    return judged('failure', null, [
      evidence('cp_excluded', { reasons: (r.exclude_reason ?? []).join(', ') }),
    ]);
  }
  if (!r.passed_liveness) return judged('failure', null, [evidence('cp_liveness', { resolver })]);
  if (r.connect_error) return judged('failure', null, [evidence('cp_unreachable', { resolver })]);
  if (!r.anomaly) return judged('ok', false, [evidence('cp_answers_match', { resolver })]);
  const reasons = r.response.map((q) => {
    const ips = Object.keys(q.response ?? {});
    const error = q.error && q.error !== 'null' ? q.error : null;
    const answer = { resolver, url: q.url, rcode: q.rcode };
    if (ips.length === 0)
      return error ? evidence('cp_answered_error', { ...answer, error }) : evidence('cp_answered', answer);
    const listed = { list: ips, more: 0 };
    return error
      ? evidence('cp_answered_error_ips', { ...answer, error, ips: listed })
      : evidence('cp_answered_ips', { ...answer, ips: listed });
  });
  return judged('anomaly', 'dns', reasons);
}

function bodyOf(response: HyperquackV2Result['response'][number]['response']): string | null {
  if (typeof response === 'string') return response;
  return response?.body ?? null;
}

/** Hyperquack v2 (http, https, echo, discard): responses compared with a per-server template. */
export function judgeHyperquack(r: HyperquackV2Result, match?: CpSignatureMatcher): MeasurementAnalysis {
  const server = r.vp;
  if (r.controls_failed) return judged('failure', null, [evidence('cp_controls_failed', { server })]);
  if (!r.anomaly) {
    return judged('ok', false, [evidence('cp_template_match', { service: r.service, server })]);
  }
  const tests = r.response.filter((x) => !x.control_url);
  const fingerprints: FingerprintMatch[] = [];
  for (const t of tests) {
    const body = bodyOf(t.response);
    const m = body && match ? match(body) : null;
    if (m && !fingerprints.some((f) => f.name === m.name)) fingerprints.push(m);
  }
  const real = fingerprints.filter((f) => !f.falsePositive);
  if (fingerprints.length > 0 && real.length === 0) {
    const names = { list: fingerprints.map((f) => f.name), more: 0 };
    return judged('ok', false, [evidence('cp_false_positives', { names })], fingerprints);
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
  const test = { service: r.service, server, url: r.test_url };
  const reasons = [
    failures.length
      ? evidence('cp_errors', { ...test, errors: failures.join('; ') })
      : evidence('cp_differs', test),
  ];
  if (r.stateful_block) reasons.push(evidence('cp_stateful'));
  if (real.length > 0) {
    reasons.push(evidence('cp_blockpage', { names: { list: real.map((f) => f.name), more: 0 } }));
    return judged(real.some((f) => f.confirming) ? 'confirmed' : 'anomaly', technique, reasons, fingerprints);
  }
  return judged('anomaly', technique, reasons, fingerprints);
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
