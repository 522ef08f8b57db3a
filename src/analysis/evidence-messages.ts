/**
 * The analysis' evidence sentences, in English, by key: the analysis gives each reason as a key and the values
 * it quotes, the API and the CLI read it in English from here, and the dashboard in the reader's language.
 */
import type { EvidenceItem, EvidenceValue, MeasurementAnalysis } from '../model/analysis.js';

export const EVIDENCE_MESSAGES = {
  // The classic web_connectivity verdict.
  dns_lookup_failed:
    'The DNS lookup of {host} failed with {failure} while the control resolved it to {control_addrs}.',
  dns_inconsistent:
    'The resolver answered {addrs} for {host}; the control resolved {control_addrs} (no address or network in common).',
  tcp_failed: 'TCP connect to {endpoint} failed with {failure}; the control connected to the same address.',
  http_failed: 'Fetching the page failed with {failure} while the control fetched it.',
  http_diff:
    "The page differs from the control's: status code match {status_code_match}, body length match {body_length_match} (proportion {body_proportion}), uncommon headers in common {headers_match}, title match {title_match}.",
  redirect_dns_failed:
    'Resolving a host of the redirect chain failed with {failure} while the control fetched the page.',
  page_loaded: 'The page loaded as the control saw it (or over verified HTTPS).',
  site_down: 'The site looks down: the control failed the same way.',
  site_down_with: 'The site looks down: the control failed the same way ({failure}).',
  control_failed: 'No verdict: the control (test helper) failed with {failure}.',
  steps_missing: 'No verdict: the measurement lacks the steps or the control data needed to decide.',
  // netfreedom's technique-level verdict.
  no_test_keys_verdict: 'No verdict: the measurement has no test keys.',
  // A confirming OONI fingerprint: what matched where, and why OONI's classic keys say otherwise.
  fingerprint_dns:
    'A DNS answer matched the blocking fingerprint {fingerprint}, an answer known to come from a censor, which confirms blocking here.',
  fingerprint_redirect:
    'The request for {url} was redirected to {location}, which matches the blocking fingerprint {fingerprint} ({header} header): a known blockpage, which confirms blocking here.',
  fingerprint_header_value:
    'The response for {url} carried a {header} header ({value}) matching the blocking fingerprint {fingerprint}, which confirms blocking here.',
  fingerprint_header:
    'The response carried a {header} header matching the blocking fingerprint {fingerprint}, which confirms blocking here.',
  fingerprint_body:
    'The page body matched the blocking fingerprint {fingerprint}: a known blockpage, which confirms blocking here.',
  // Given by rules version 5 only (version 6 does not scan the control's own page); kept for the analyses it stored.
  fingerprint_on_control_page:
    "The page is the control's own (same status code and title, body length within 5 %); the blockpage text it contains ({fingerprint}) is quoted there, so it confirms nothing.",
  classic_judged_accessible:
    "OONI's classic comparison with the control judged the final page accessible (blocking false); the fingerprint identifies it as a blockpage.",
  classic_no_verdict: "OONI's classic comparison reached no verdict; the fingerprint decides.",
  throttled: "Transfer from {address} was {factor}× slower than the control's.",
  throttled_bytes: "Transfer from {address} was {factor}× slower than the control's ({bytes} bytes).",
  throttled_much: "Transfer from {address} was much slower than the control's.",
  throttled_much_bytes: "Transfer from {address} was much slower than the control's ({bytes} bytes).",
  throttling_not_judged:
    "Throttling not judged for {address}: the timings looked throttled, but the probe's own event loop was held {lag} s while it timed them, and without that stall they do not.",
  known_ca:
    'The certificate chain served at {address} for {server_name} comes from {ca}, a known interception CA.',
  known_ca_issuer:
    'The certificate chain served at {address} for {server_name} comes from {ca}, a known interception CA (issuer {issuer}).',
  untrusted_chain:
    "The certificate chain served at {address} for {server_name} differs from the control's and is not trusted.",
  untrusted_chain_issuer:
    "The certificate chain served at {address} for {server_name} differs from the control's and is not trusted (issuer {issuer}).",
  known_ca_matched:
    'The certificate chain served at {address} for {server_name} was issued by {issuer}: {ca}, a known interception CA (matched by {how}).',
  untrusted_certificate:
    "The certificate served at {address} for {server_name} (issuer {issuer}) differs from the control's and failed verification with {failure}.",
  sni_blocked:
    "TLS handshake to {address} with SNI {server_name} failed with {failure}; with SNI {neutral_name} on the same address it succeeded, and the control's handshake with {control_name} succeeded.",
  tls_failed:
    "TLS handshake to {address} with SNI {server_name} failed with {failure}; the control's handshake to the same address succeeded.",
  // The analysis of any test.
  analysis_failed: 'Could not analyse this measurement: {error}.',
  no_test_keys: 'The measurement has no test keys.',
  fastpath_outcome: "{test}: outcome from OONI's fastpath rules for this test.",
  fastpath_unscored: "{test}: a test OONI's fastpath does not score, counted as a failure.",
  test_key_failure: '{test}: {key} is {value}.',
  // Verdicts taken as reported, before re-analysis.
  reported_by_backend: "verdict as reported by OONI's backend; not re-judged yet",
  reported_by_probe: 'verdict as reported by the probe; not re-judged yet',
  // Censored Planet.
  cp_excluded: 'excluded by Censored Planet: {reasons}',
  cp_liveness: 'resolver {resolver} failed the liveness test',
  cp_unreachable: 'could not reach resolver {resolver}',
  cp_answers_match: 'answers from {resolver} match the control resolvers',
  cp_answered: 'resolver {resolver} answered {url} with rcode {rcode}, unlike the controls',
  cp_answered_error:
    'resolver {resolver} answered {url} with rcode {rcode} error {error}, unlike the controls',
  cp_answered_ips: 'resolver {resolver} answered {url} with rcode {rcode} → {ips}, unlike the controls',
  cp_answered_error_ips:
    'resolver {resolver} answered {url} with rcode {rcode} error {error} → {ips}, unlike the controls',
  cp_controls_failed: 'control requests to {server} failed',
  cp_template_match: '{service} responses from {server} match the template',
  cp_false_positives: 'only known false-positive pages: {names}',
  cp_errors: '{service} to {server} with {url}: {errors}',
  cp_differs: '{service} to {server} with {url}: response differs from the template',
  cp_stateful: 'stateful blocking: the control after the test also failed',
  cp_blockpage: 'blockpage {names}',
  cp_vantage_point: 'vantage point {server}',
} as const;

export type EvidenceKey = keyof typeof EVIDENCE_MESSAGES;

/** What replaces the probe's own address wherever a measurement quotes it. */
export const PROBE_ADDRESS_REMOVED = '[probe address removed]';

/** One evidence item. */
export function evidence(key: EvidenceKey, values: Record<string, EvidenceValue> = {}): EvidenceItem {
  return { key, values };
}

/** The item's sentence in English; a value is filled in once (text that looks like a placeholder stays text). */
export function evidenceSentence(item: EvidenceItem): string {
  const template: string = EVIDENCE_MESSAGES[item.key as EvidenceKey] ?? item.key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in item.values ? englishValue(item.values[name]!) : m,
  );
}

function englishValue(v: EvidenceValue): string {
  if (v === null) return 'unknown';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v !== 'object') return String(v);
  if ('number' in v) return v.number.toFixed(v.digits);
  if (v.list.length === 0) return 'nothing';
  return v.more > 0 ? `${v.list.join(', ')} and ${v.more} more` : v.list.join(', ');
}

/** An analysis' evidence fields from its items: the sentences in English, and the items themselves. */
export function evidenceFields(
  items: EvidenceItem[],
): Pick<MeasurementAnalysis, 'evidence' | 'evidenceItems'> {
  return { evidence: items.map(evidenceSentence), evidenceItems: items };
}

/** The analysis with one more reason (kept as data too when the analysis keeps its others so). */
export function withReason<T extends MeasurementAnalysis>(analysis: T, item: EvidenceItem): T {
  return {
    ...analysis,
    evidence: [...analysis.evidence, evidenceSentence(item)],
    evidenceItems: analysis.evidenceItems && [...analysis.evidenceItems, item],
  };
}

/** The items with `address` (the probe's own, should a measurement echo it) removed from every quoted value. */
export function scrubEvidence(items: EvidenceItem[], address: string): EvidenceItem[] {
  const scrub = (text: string) => text.split(address).join(PROBE_ADDRESS_REMOVED);
  return items.map((item) => ({
    key: item.key,
    values: Object.fromEntries(
      Object.entries(item.values).map(([name, v]) => [
        name,
        typeof v === 'string'
          ? scrub(v)
          : v !== null && typeof v === 'object' && 'list' in v
            ? { list: v.list.map(scrub), more: v.more }
            : v,
      ]),
    ),
  }));
}
