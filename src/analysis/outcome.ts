/** Per-measurement outcome flags (anomaly, confirmed, failure) and the single outcome, as OONI's fastpath defines them for web_connectivity. */
import type { FingerprintMatch } from '../model/analysis.js';
import type { OoniBlocking } from '../model/measurement.js';
import type { Outcome } from '../model/verdict.js';

/** The three flags OONI's fastpath stores per measurement (ooni.md §5.2). */
export interface OutcomeFlags {
  anomaly: boolean;
  confirmed: boolean;
  failure: boolean;
}

/** What the web_connectivity scoring looks at. */
export interface WebConnectivityOutcomeInput {
  /** Whether the measurement had test keys at all. */
  hasTestKeys: boolean;
  /** Our recomputed classic verdict. */
  blocking: OoniBlocking;
  accessible: boolean | null;
  /** Matches of OONI's own fingerprints (not Censored Planet signatures) over all answers and responses. */
  ooniFingerprints: readonly FingerprintMatch[];
  /** The measurement's top-level `*_failure` values (control_failure, dns/http_experiment_failure...). */
  failures: readonly (string | null | undefined)[];
}

const BLOCKING_TYPES = new Set<OoniBlocking>(['tcp_ip', 'dns', 'http-diff', 'http-failure']);

/**
 * fastpath's score_web_connectivity: a confirming fingerprint makes the measurement confirmed (and
 * anomalous); a blocking verdict makes it anomalous; it failed (accuracy 0) when blocking or
 * accessible is null with no fingerprint to explain it, or when a `*_failure` is an `unknown_failure`.
 */
export function webConnectivityOutcomeFlags(input: WebConnectivityOutcomeInput): OutcomeFlags {
  if (!input.hasTestKeys) return { anomaly: false, confirmed: false, failure: true };
  const matched = input.ooniFingerprints.length > 0;
  const confirmed = input.ooniFingerprints.some((m) => m.confirming);
  const anomaly = BLOCKING_TYPES.has(input.blocking) || confirmed;
  const unknownFailure = input.failures.some((f) => typeof f === 'string' && f.startsWith('unknown_failure'));
  const failure = unknownFailure || (!matched && (input.blocking === null || input.accessible === null));
  return { anomaly, confirmed, failure };
}

/** The outcome the aggregation counts: failure first, then confirmed, then anomaly, else ok (ooni.md §5.4). */
export function outcomeOf(flags: OutcomeFlags): Outcome {
  if (flags.failure) return 'failure';
  if (flags.confirmed) return 'confirmed';
  if (flags.anomaly) return 'anomaly';
  return 'ok';
}
