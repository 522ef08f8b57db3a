/**
 * Where a measurement came from, and the trust rule: which confirmations the published views count. The rule is
 * data (TRUST_RULE), read by the store's queries at every read, so it applies to re-judged measurements too.
 */

/**
 * `import`: read by the operator's `netfreedom ingest` (OONI's archive, Censored Planet, files) or seeded;
 * `probe`: submitted with a registered probe's token; `anonymous`: submitted without one;
 * `unknown`: stored before netfreedom recorded the origin under a content-hash id, which imports of files without
 * OONI ids and anonymous submissions both had, so it cannot be told which (treated as anonymous).
 */
export const MEASUREMENT_ORIGINS = ['import', 'probe', 'anonymous', 'unknown'] as const;
export type MeasurementOrigin = (typeof MEASUREMENT_ORIGINS)[number];

export interface TrustRule {
  /** Origins whose confirmations count as they are. */
  trustedOrigins: readonly MeasurementOrigin[];
  /**
   * The confirmations of other origins count for a site (country × domain) once independent ones corroborate
   * them: at least this many reporters (report ids), networks and days among that site's confirmed measurements
   * of untrusted origin.
   */
  corroboration: { reporters: number; networks: number; days: number };
}

/** The rule in force (README: "The trust rule"). */
export const TRUST_RULE: TrustRule = {
  trustedOrigins: ['import', 'probe'],
  corroboration: { reporters: 2, networks: 2, days: 2 },
};
