/**
 * The 95 % margin of error of a survey share: the normal approximation (±1.96·√(p(1−p)/n)) where it holds, the
 * Wilson score interval where the share is near 0 or 1 (fewer than 10 expected answers on either side), and
 * nothing without a sample size.
 */

const Z = 1.959964;
/** The normal approximation needs at least this many expected answers on each side (n·p and n·(1−p)). */
const MIN_EXPECTED = 10;

export interface ShareInterval {
  method: 'normal' | 'wilson';
  /** Half the interval in percentage points, for the normal approximation; null for Wilson's, which is not symmetric. */
  marginOfErrorPp: number | null;
  /** The interval's bounds, as shares (0..1). */
  low: number;
  high: number;
}

/** The 95 % interval of a share of n respondents; null when n is unknown (no margin can be given). */
export function shareInterval(share: number, sampleSize: number | null): ShareInterval | null {
  if (sampleSize === null) return null;
  const n = sampleSize;
  const p = share;
  if (n * p >= MIN_EXPECTED && n * (1 - p) >= MIN_EXPECTED) {
    const half = Z * Math.sqrt((p * (1 - p)) / n);
    return {
      method: 'normal',
      marginOfErrorPp: round(half * 100, 2),
      low: round(Math.max(0, p - half), 4),
      high: round(Math.min(1, p + half), 4),
    };
  }
  const z2 = Z * Z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    method: 'wilson',
    marginOfErrorPp: null,
    low: round(Math.max(0, centre - half), 4),
    high: round(Math.min(1, centre + half), 4),
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
