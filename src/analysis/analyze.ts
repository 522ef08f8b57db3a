/** The analysis entry point: one measurement in, netfreedom's verdict out (classic keys, technique, outcome, fingerprints, evidence). */
import type { EvidenceItem, FingerprintMatch, MeasurementAnalysis } from '../model/analysis.js';
import type { Measurement, WebConnectivityTestKeys } from '../model/measurement.js';
import { appTechnique } from './apps/app-technique.js';
import { evidence, evidenceFields, scrubEvidence } from './evidence-messages.js';
import { clean } from './evidence-text.js';
import { type FingerprintDb, loadFingerprints } from './fingerprints/fingerprint-db.js';
import { outcomeOf, webConnectivityOutcomeFlags } from './outcome.js';
import { isScoredTest, otherTestOutcomeFlags } from './outcome-other-tests.js';
import { type InterceptionCaDb, loadInterceptionCas } from './tls/interception-cas.js';
import { computeTechniqueVerdict } from './tls/x-verdict.js';
import { computeClassicKeys } from './web-connectivity/classic.js';
import type { AsnLookup } from './web-connectivity/dns-consistency.js';
import { httpBodyString } from './web-connectivity/http-body.js';
import { arr } from './web-connectivity/observations.js';
import { pageMatchesControl } from './web-connectivity/page-comparison.js';

/**
 * Version of these rules; stored with every analysis so the pipeline can re-judge older results.
 * 2: a confirming fingerprint names its technique; OONI's confirmation and netfreedom's TLS one kept apart.
 * 3: the evidence also as data (`evidenceItems`: a message key and its values), for other languages.
 * 4: the technique is `http-diff` for a cleartext page OONI's classic keys call accessible when it is another page
 *    than the control's (a transparent proxy's: body length and title both disagree, or only hop-by-hop and framing
 *    headers in common); OONI's keys and outcome unchanged. The messaging-app and circumvention tests get a technique
 *    from their steps (`apps/app-technique.ts`); signal's outcome follows fastpath's rules for known probe bugs
 *    (test and engine versions, dates); netfreedom's own dnscheck measurements are ok or anomaly against its control
 *    instead of fastpath's failure.
 * 5: blockpage text on the control's own page (same status code and title, body length within 5 %) is a quotation:
 *    its body fingerprints neither confirm nor make an anomaly, where OONI's fastpath confirms them.
 * 6: on the control's own page no body is scanned at all (OONI's header and DNS fingerprints still are, and Censored
 *    Planet's signatures over the headers alone), which saves the scan's CPU. Its body fingerprints of scope `fp`
 *    and Censored Planet's false-positive signatures are no longer listed there, so such a false positive no longer
 *    keeps a measurement whose classic keys are undetermined from `failure` (the only verdict that can change); the
 *    `fingerprint_on_control_page` evidence of version 5, which named the quoted text, can no longer be given.
 */
export const RULES_VERSION = 6;

/** The bundled data the rules use, loaded once. */
export interface AnalysisContext {
  fingerprints: FingerprintDb;
  interceptionCas: InterceptionCaDb;
  /** Optional ASN lookup for DNS consistency (OONI uses a GeoIP database). */
  asnOf?: AsnLookup;
}

let context: AnalysisContext | undefined;

/** Loads the bundled fingerprints and interception CAs once (the only I/O of the analysis). */
export function loadAnalysisContext(): AnalysisContext {
  context ??= { fingerprints: loadFingerprints(), interceptionCas: loadInterceptionCas() };
  return context;
}

/**
 * Judges one measurement with the current rules, never trusting its stored verdict fields.
 * web_connectivity gets the full analysis. Other tests get no OONI blocking verdict (null) and the outcome
 * OONI's fastpath gives them from their own keys (its per-test scorers, without fingerprints; tests it does not
 * know count as failures; netfreedom's own dnscheck is judged against its control); the messaging-app and
 * circumvention tests also get netfreedom's technique from their steps. Never throws: data that cannot be read
 * gives null verdicts and a sentence saying why.
 */
export function analyzeMeasurement(
  m: Measurement,
  ctx: AnalysisContext = loadAnalysisContext(),
): MeasurementAnalysis {
  let analysis: Judged;
  try {
    analysis =
      m?.test_name === 'web_connectivity'
        ? analyzeWebConnectivity(m as Measurement<WebConnectivityTestKeys>, ctx)
        : fallback(m, ctx);
  } catch (error) {
    // A rule tripping over hostile data must not stop a pipeline of millions.
    analysis = nullAnalysis(evidence('analysis_failed', { error: clean((error as Error)?.message) }));
  }
  const items = scrubProbeIp(analysis.evidenceItems, m?.probe_ip);
  return { ...analysis, ...evidenceFields(items) };
}

/** An analysis before its evidence is put into words. */
type Judged = Omit<MeasurementAnalysis, 'evidence' | 'evidenceItems'> & { evidenceItems: EvidenceItem[] };

function analyzeWebConnectivity(m: Measurement<WebConnectivityTestKeys>, ctx: AnalysisContext): Judged {
  const tk = m.test_keys;
  if (!tk || typeof tk !== 'object') {
    return { ...nullAnalysis(evidence('no_test_keys')), outcome: 'failure' };
  }
  const probeCc = typeof m.probe_cc === 'string' ? m.probe_cc.toUpperCase() : 'ZZ';
  const classic = computeClassicKeys(tk, { input: m.input, testVersion: m.test_version, asnOf: ctx.asnOf });
  // Blockpage text on the control's own page is quoted, not served by a censor (rules version 5): its bodies
  // could confirm nothing, so they are not scanned (version 6).
  const scanBodies = !pageMatchesControl(classic);
  // Censored Planet first: it scans the final body, which the OONI pass then reuses from the cache.
  const cp = censoredPlanetSignatures(tk, ctx.fingerprints, scanBodies);
  const ooni = ooniFingerprints(tk, probeCc, ctx.fingerprints, scanBodies);
  const flags = webConnectivityOutcomeFlags({
    hasTestKeys: true,
    blocking: classic.blocking,
    accessible: classic.accessible,
    ooniFingerprints: ooni,
    failures: [tk.control_failure, classic.dns_experiment_failure, classic.http_experiment_failure],
  });
  const confirming = ooni.filter((f) => f.confirming);
  const x = computeTechniqueVerdict(tk, classic, {
    interceptionCas: ctx.interceptionCas,
    confirmingFingerprints: confirming,
  });
  // The outcome and `confirmed` are OONI's; netfreedom's TLS confirmation (SNI, known CA) stays apart.
  return {
    rulesVersion: RULES_VERSION,
    blocking: classic.blocking,
    accessible: classic.accessible,
    technique: x.blocking,
    outcome: outcomeOf(flags),
    confirmed: flags.confirmed,
    tlsConfirmed: x.tls_confirmed,
    fingerprints: [...ooni, ...cp],
    evidenceItems: x.evidence,
  };
}

/**
 * OONI fingerprints over every DNS answer and every HTTP response, as the fastpath matches them; without
 * `scanBodies`, over the responses' headers only.
 */
function ooniFingerprints(
  tk: WebConnectivityTestKeys,
  probeCc: string,
  db: FingerprintDb,
  scanBodies: boolean,
): FingerprintMatch[] {
  const out: FingerprintMatch[] = [];
  for (const q of arr(tk.queries)) if (q) out.push(...db.matchDnsAnswers(q.answers, probeCc));
  for (const r of arr(tk.requests)) {
    if (!r?.response || typeof r.response !== 'object') continue;
    const body = scanBodies ? httpBodyString(r.response.body) : '';
    out.push(...db.matchHttpResponse(body, r.response.headers, probeCc));
  }
  return dedupe(out);
}

/**
 * Censored Planet signatures over the final response (the page the user would see); without `scanBodies`, over
 * its headers only.
 */
function censoredPlanetSignatures(
  tk: WebConnectivityTestKeys,
  db: FingerprintDb,
  scanBodies: boolean,
): FingerprintMatch[] {
  const final = arr(tk.requests).find((r) => r?.response && typeof r.response === 'object');
  if (!final?.response) return [];
  const body = scanBodies ? httpBodyString(final.response.body) : '';
  return db.matchCensoredPlanet(body, final.response.headers);
}

function dedupe(matches: FingerprintMatch[]): FingerprintMatch[] {
  const seen = new Set<string>();
  return matches.filter((m) => {
    const key = `${m.name}|${m.location}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The tests whose blocking technique netfreedom names from their steps (`apps/app-technique.ts`). */
const APP_TESTS = new Set([
  'telegram',
  'whatsapp',
  'signal',
  'facebook_messenger',
  'tor',
  'dnscheck',
  'stunreachability',
]);

function fallback(m: Measurement, ctx: AnalysisContext): Judged {
  const tk = m?.test_keys;
  if (!tk || typeof tk !== 'object') {
    return { ...nullAnalysis(evidence('no_test_keys')), outcome: 'failure' };
  }
  const flags = otherTestOutcomeFlags(m);
  const app = APP_TESTS.has(m.test_name)
    ? appTechnique(
        m.test_name,
        tk as Record<string, unknown>,
        flags.anomaly && !flags.failure,
        ctx.interceptionCas,
      )
    : null;
  if (app) {
    return {
      ...nullAnalysis(null),
      technique: app.technique,
      outcome: outcomeOf(flags),
      confirmed: flags.confirmed,
      tlsConfirmed: app.tlsConfirmed,
      evidenceItems: app.evidence,
    };
  }
  const failures = Object.entries(tk as Record<string, unknown>).filter(
    ([k, v]) => (k === 'failure' || k.endsWith('_failure')) && typeof v === 'string' && v !== '',
  ) as [string, string][];
  const test = clean(m.test_name);
  const reasons = [
    evidence(isScoredTest(m.test_name) ? 'fastpath_outcome' : 'fastpath_unscored', { test }),
    ...failures
      .slice(0, 5)
      .map(([k, v]) => evidence('test_key_failure', { test, key: clean(k), value: clean(v) })),
  ];
  return {
    ...nullAnalysis(null),
    outcome: outcomeOf(flags),
    confirmed: flags.confirmed,
    evidenceItems: reasons,
  };
}

function nullAnalysis(reason: EvidenceItem | null): Judged {
  return {
    rulesVersion: RULES_VERSION,
    blocking: null,
    accessible: null,
    technique: null,
    outcome: 'failure',
    confirmed: false,
    tlsConfirmed: false,
    fingerprints: [],
    evidenceItems: reason ? [reason] : [],
  };
}

/** Removes the probe's own address from evidence, should a hostile or buggy measurement echo it anywhere. */
function scrubProbeIp(items: EvidenceItem[], probeIp: unknown): EvidenceItem[] {
  if (typeof probeIp !== 'string' || probeIp === '' || probeIp === '127.0.0.1') return items;
  return scrubEvidence(items, probeIp);
}
