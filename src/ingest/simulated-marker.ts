/** Tells simulated measurements from real ones by what the record itself carries, never by where its file lies. */

/** Why a record is simulated: netfreedom's own annotation, or the signature of OONI's netem QA runs. */
export type SimulatedMarker = 'annotation' | 'ooni-netem-qa';

/**
 * The marker of a simulated measurement, or null for a real one.
 *
 * - `annotation`: `annotations.simulated = "true"`, which netfreedom's demo generator writes on every record.
 * - `ooni-netem-qa`: the measurements OONI's probe-cli writes against its netem simulator (webconnectivityqa;
 *   `data/ooni/measurements/synthetic-qa/`) carry all three of: an empty `report_id` (never submitted to an
 *   OONI collector, which assigns one; OONI's fastpath drops records without), a `test_runtime` of exactly 0
 *   (netem's clock does not advance; no measurement over a real network takes no time) and no `annotations`
 *   (every OONI engine run writes its engine name there). Real samples never submitted to OONI (miniooni runs
 *   by OONI developers) have an empty report_id too, but a runtime and annotations: all three are required.
 */
export function simulatedMarker(doc: unknown): SimulatedMarker | null {
  if (typeof doc !== 'object' || doc === null) return null;
  const m = doc as { annotations?: unknown; report_id?: unknown; test_runtime?: unknown };
  const annotations = m.annotations as Record<string, unknown> | null | undefined;
  if (typeof annotations === 'object' && annotations?.simulated === 'true') return 'annotation';
  if (m.report_id === '' && m.test_runtime === 0 && (annotations === undefined || annotations === null))
    return 'ooni-netem-qa';
  return null;
}
