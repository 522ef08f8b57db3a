/** When a network step started and ended, in seconds on the measurement's clock (OONI's t0 and t), if recorded. */

/** The span from t0 (the start when absent) to t; null when the record has no usable end time. */
export function stepSpan(at: { t0?: unknown; t?: unknown }): { start: number; end: number } | null {
  const end = typeof at.t === 'number' && Number.isFinite(at.t) ? at.t : null;
  if (end === null) return null;
  const t0 = typeof at.t0 === 'number' && Number.isFinite(at.t0) ? at.t0 : 0;
  return { start: Math.min(t0, end), end };
}
