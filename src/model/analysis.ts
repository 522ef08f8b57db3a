/** The result of judging one measurement with the current rules: what the pipeline stores and aggregates. */
import type { OoniBlocking } from './measurement.js';
import type { Outcome, TechniqueBlocking } from './verdict.js';

/** A fingerprint (blockpage, DNS answer, Censored Planet signature) that matched, and where. */
export interface FingerprintMatch {
  name: string;
  /** 'dns' | 'body' | 'header.<name>' | ... */
  location: string;
  /** True when the fingerprint confirms censorship for this probe (scope nat/isp or expected country). */
  confirming: boolean;
  /** True for known false-positive pages (CDN, captcha...). */
  falsePositive: boolean;
}

/** One measurement judged by netfreedom's rules (never the probe's own verdict). */
export interface MeasurementAnalysis {
  /** Version of the rules that produced this; `reanalyze` re-judges older ones. */
  rulesVersion: number;
  /** OONI web_connectivity v0.5 classic `blocking`, recomputed. */
  blocking: OoniBlocking;
  accessible: boolean | null;
  /** netfreedom's technique-level verdict (x_verdict.blocking). */
  technique: TechniqueBlocking;
  /** OONI aggregation semantics: failure, then confirmed, then anomaly, else ok. */
  outcome: Outcome;
  /**
   * OONI's confirmation, as OONI's fastpath sets its `confirmed` flag: one of OONI's blockpage or DNS fingerprints
   * matched and confirms blocking for this probe (scope nat or isp, or the probe's country expected); for a
   * Censored Planet result, a national or ISP blockpage signature of Censored Planet's. The outcome is
   * `confirmed` when this holds and the measurement is not a failure; `confirmed_count` counts those.
   */
  confirmed: boolean;
  /**
   * netfreedom's TLS confirmation, never counted as OONI's: the technique is shown by netfreedom's own TLS
   * checks, SNI filtering by a neutral-SNI retry on the same address (`tls_sni`) or a chain from a known
   * interception CA (`tls_interception`). It does not change the outcome (an intercepted page that loaded stays ok).
   */
  tlsConfirmed: boolean;
  fingerprints: FingerprintMatch[];
  /** Human-readable reasons, e.g. "TLS handshake to 1.2.3.4:443 timed out with SNI x; succeeded with example.com". */
  evidence: string[];
  /**
   * The same reasons as data, one per sentence of `evidence`, so that a reader can have them in their language.
   * Absent from analyses stored before netfreedom kept them.
   */
  evidenceItems?: EvidenceItem[];
}

/**
 * A value an evidence sentence quotes: text (quoted from the measurement, already made safe to show), a number,
 * yes/no/unknown, a list shown in part (its first items and how many more), or a number with fixed decimals.
 */
export type EvidenceValue =
  | string
  | number
  | boolean
  | null
  | { list: string[]; more: number }
  | { number: number; digits: number };

/** One evidence sentence as data: which sentence (a key of the analysis' messages) and the values it quotes. */
export interface EvidenceItem {
  key: string;
  values: Record<string, EvidenceValue>;
}
