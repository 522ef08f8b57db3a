/** How the API names and describes netfreedom's judgement of a measurement: outcome, technique, analysis. */
import { z } from 'zod';
import type { EvidenceItem, FingerprintMatch, MeasurementAnalysis } from '../../model/analysis.js';
import { OUTCOMES, TECHNIQUES } from '../../model/verdict.js';
import { named } from './api-schemas.js';

/** The verdict fields a measurement summary and its full analysis share, described once. */
export const verdictFields = {
  outcome: z
    .enum(OUTCOMES)
    .describe(
      "OONI's aggregation semantics: failure, then confirmed, then anomaly, else ok. failure: the measurement " +
        "itself failed and says nothing about blocking; confirmed: blocking proven by one of OONI's blockpage or " +
        'DNS fingerprints (as OONI counts it); anomaly: the probe saw something other than the control, a sign ' +
        "of blocking; ok: no sign of blocking. netfreedom's TLS confirmation is apart: tls_confirmed",
    ),
  blocking: z
    .union([z.enum(['dns', 'tcp_ip', 'http-failure', 'http-diff']), z.literal(false), z.null()])
    .describe(
      "OONI web_connectivity v0.5's classic `blocking`, recomputed by netfreedom's rules: false when accessible, " +
        'null when undetermined',
    ),
  technique: z
    .union([z.enum(TECHNIQUES), z.literal(false), z.null()])
    .describe(
      "netfreedom's technique-level verdict (x_verdict.blocking), finer than OONI's: tls_sni (the site's SNI fails " +
        'where a neutral SNI on the same address works), tls_interception (a known interception CA, or a chain ' +
        'neither the control nor the probe could verify), throttling, tls, or the classic verdict; false when ' +
        'accessible, null when undetermined',
    ),
  confirmed: z
    .boolean()
    .describe(
      "OONI's confirmation, as OONI's fastpath sets it: one of OONI's blockpage or DNS fingerprints matched and " +
        'confirms blocking for this probe (for Censored Planet, a national or ISP blockpage signature)',
    ),
  tls_confirmed: z
    .boolean()
    .describe(
      "netfreedom's TLS confirmation, never counted as OONI's: SNI filtering shown by a neutral-SNI retry on the " +
        'same address (tls_sni), or a chain from a known interception CA (tls_interception); it does not change ' +
        'the outcome (an intercepted page that loaded stays ok)',
    ),
};

/** A fingerprint match in the API's names. */
export const fingerprintMatchJson = named(
  'FingerprintMatch',
  'A fingerprint (blockpage, DNS answer, Censored Planet signature) that matched, and where',
  z.strictObject({
    name: z.string(),
    location: z.string().describe("where it matched: 'dns', 'body', 'header.<name>', ..."),
    confirming: z
      .boolean()
      .describe('the fingerprint confirms censorship for this probe (scope nat/isp or the expected country)'),
    false_positive: z.boolean().describe('a known false-positive page (CDN, captcha...)'),
  }),
);

/** One evidence sentence as data. */
const evidenceItemJson = named(
  'EvidenceItem',
  'One evidence sentence as data: its message key and the values it quotes, for a reader in another language',
  z.strictObject({
    key: z
      .string()
      .describe(
        'the message key of the sentence, e.g. "tcp_failed" or "fingerprint_redirect" (their English templates are ' +
          "netfreedom's src/analysis/evidence-messages.ts; the sentences themselves are the `evidence` list)",
      ),
    values: z
      .record(
        z.string(),
        z.union([
          z
            .string()
            .describe('text quoted from the measurement, made safe to show (no control characters, bounded)'),
          z.number(),
          z.boolean().describe('yes or no'),
          z.null().describe('unknown'),
          z
            .strictObject({ list: z.array(z.string()), more: z.number().int() })
            .describe('a list shown in part'),
          z
            .strictObject({ number: z.number(), digits: z.number().int() })
            .describe('a number with fixed decimals'),
        ]),
      )
      .describe(
        'the values the sentence quotes, by the name of its placeholder (e.g. host, failure, server_name)',
      ),
  }),
);

/** One measurement's analysis in the API's names. */
export const analysisJson = named(
  'MeasurementAnalysis',
  "One measurement judged by netfreedom's rules (never the probe's own verdict)",
  z.strictObject({
    rules_version: z
      .number()
      .int()
      .describe('version of the rules that produced this; reanalysis re-judges older ones'),
    blocking: verdictFields.blocking,
    accessible: z.boolean().nullable().describe('OONI web_connectivity `accessible`, recomputed'),
    technique: verdictFields.technique,
    outcome: verdictFields.outcome,
    confirmed: verdictFields.confirmed,
    tls_confirmed: verdictFields.tls_confirmed,
    fingerprints: z.array(fingerprintMatchJson),
    evidence: z
      .array(z.string())
      .describe(
        'reasons in words, e.g. "TLS handshake to 1.2.3.4:443 timed out with SNI x; succeeded with example.com"',
      ),
    evidence_items: z
      .array(evidenceItemJson)
      .nullable()
      .describe(
        "the same reasons as data, one per sentence, so that a client can show them in its reader's language; " +
          'null for an analysis stored before netfreedom kept them',
      ),
  }),
);

export type AnalysisJson = z.output<typeof analysisJson>;

/** The analysis in the API's names. */
export function toAnalysisJson(a: MeasurementAnalysis): AnalysisJson {
  return {
    rules_version: a.rulesVersion,
    blocking: a.blocking,
    accessible: a.accessible,
    technique: a.technique,
    outcome: a.outcome,
    confirmed: a.confirmed,
    tls_confirmed: a.tlsConfirmed,
    fingerprints: a.fingerprints.map(toFingerprintMatchJson),
    evidence: a.evidence,
    evidence_items: a.evidenceItems?.map(toEvidenceItemJson) ?? null,
  };
}

function toEvidenceItemJson(item: EvidenceItem): z.output<typeof evidenceItemJson> {
  return { key: item.key, values: item.values };
}

function toFingerprintMatchJson(m: FingerprintMatch): z.output<typeof fingerprintMatchJson> {
  return { name: m.name, location: m.location, confirming: m.confirming, false_positive: m.falsePositive };
}
