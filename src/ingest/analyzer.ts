/**
 * How ingest judges an OONI-format measurement. The real rules live in src/analysis; until they are wired in,
 * `reportedAnalysis` records the verdict the probe (or OONI's backend) reported, as rules version 0, so that
 * `netfreedom reanalyze` re-judges every such record once newer rules exist.
 */
import { evidence, evidenceFields } from '../analysis/evidence-messages.js';
import type { MeasurementAnalysis } from '../model/analysis.js';
import type { Measurement, OoniBlocking } from '../model/measurement.js';
import type { Outcome } from '../model/verdict.js';

/** OONI backend flags from a measurement_meta wrapper, when the input had them. */
export interface ReportedVerdict {
  anomaly: boolean | null;
  confirmed: boolean | null;
  failure: boolean | null;
}

export type Analyzer = (m: Measurement, reported: ReportedVerdict | null) => MeasurementAnalysis;

export const REPORTED_RULES_VERSION = 0;

const BLOCKING = new Set(['dns', 'tcp_ip', 'http-failure', 'http-diff']);

/** The probe's or backend's own verdict, unverified (rules version 0). */
export const reportedAnalysis: Analyzer = (m, reported) => {
  const tk = (m.test_keys ?? {}) as Record<string, unknown>;
  const raw = tk.blocking;
  const blocking: OoniBlocking =
    raw === false ? false : typeof raw === 'string' && BLOCKING.has(raw) ? (raw as OoniBlocking) : null;
  const accessible = typeof tk.accessible === 'boolean' ? tk.accessible : null;
  let outcome: Outcome;
  if (reported && reported.anomaly !== null) {
    outcome = reported.failure
      ? 'failure'
      : reported.confirmed
        ? 'confirmed'
        : reported.anomaly
          ? 'anomaly'
          : 'ok';
  } else if (m.test_name === 'web_connectivity') {
    outcome = blocking === null ? 'failure' : blocking === false ? 'ok' : 'anomaly';
  } else {
    outcome = raw === true || tk.tampering === true ? 'anomaly' : 'ok';
  }
  return {
    rulesVersion: REPORTED_RULES_VERSION,
    blocking,
    accessible,
    technique: null,
    outcome,
    confirmed: outcome === 'confirmed',
    tlsConfirmed: false,
    fingerprints: [],
    ...evidenceFields([evidence(reported ? 'reported_by_backend' : 'reported_by_probe')]),
  };
};
