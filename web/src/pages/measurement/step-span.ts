/** When a network step started and ended, in seconds on the measurement's clock (OONI's t0 and t), if recorded. */

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The span from t0 to t; null unless both are recorded. OONI's records before web_connectivity 0.5 give only `t`,
 * when the step ended: drawing it from the start would claim the step took all that time.
 */
export function stepSpan(at: { t0?: unknown; t?: unknown }): { start: number; end: number } | null {
  const end = finite(at.t);
  const start = finite(at.t0);
  if (end === null || start === null) return null;
  return { start: Math.min(start, end), end };
}

/** When the step ended (t), if recorded. */
export function stepEnd(at: { t?: unknown }): number | null {
  return finite(at.t);
}
