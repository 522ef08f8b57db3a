/**
 * Change detection on a per-day anomaly series of one (country, network, domain): a two-sided Bernoulli
 * log-likelihood CUSUM (Page 1954) that raises "blocking started" when the anomalous share moves from the
 * baseline p0 towards p1, and "blocking stopped" when it moves back. Isolated anomalies (noise) do not
 * accumulate: each normal measurement pulls the statistic back towards zero.
 */

/** One day of a series: measurements that were not failures, and how many of them were anomalous. */
export interface DayCount {
  /** YYYY-MM-DD */
  day: string;
  measurements: number;
  anomalous: number;
}

export interface CusumParams {
  /** Anomalous share when the site is reachable (false positives, flaky networks). */
  p0: number;
  /** Anomalous share when the site is blocked (blocking is rarely seen by 100% of measurements). */
  p1: number;
  /** Alarm threshold on the log-likelihood ratio (nats); higher = fewer false alarms, later detection. */
  threshold: number;
}

/** Defaults: 5 anomalous measurements in a row raise an alarm on a clean series; isolated ones never do. */
export const DEFAULT_CUSUM: CusumParams = { p0: 0.1, p1: 0.6, threshold: 8 };

export const CHANGE_METHOD = 'bernoulli-cusum';

export interface DetectedChange {
  kind: 'blocking_started' | 'blocking_stopped';
  /** First day of the run that led to the alarm: the estimated change point. */
  changeDay: string;
  /** Day the statistic crossed the threshold. */
  alarmDay: string;
  /** CUSUM value at the alarm. */
  score: number;
}

/** Runs the two-sided CUSUM over days in order (gaps are simply days without data). */
export function detectChanges(series: DayCount[], params: CusumParams = DEFAULT_CUSUM): DetectedChange[] {
  const { p0, p1, threshold } = params;
  if (!(p0 > 0 && p0 < p1 && p1 < 1) || !(threshold > 0)) {
    throw new RangeError('CUSUM needs 0 < p0 < p1 < 1 and a positive threshold');
  }
  const upBad = Math.log(p1 / p0);
  const upGood = Math.log((1 - p1) / (1 - p0));
  const days = [...series].filter((d) => d.measurements > 0).sort((a, b) => a.day.localeCompare(b.day));
  const out: DetectedChange[] = [];
  let blocked = false;
  let s = 0;
  let runStart: string | null = null;
  for (const d of days) {
    const bad = Math.min(Math.max(d.anomalous, 0), d.measurements);
    const good = d.measurements - bad;
    // Log-likelihood ratio of "the other state" against the current one for this day's counts.
    const llr = blocked ? -(bad * upBad + good * upGood) : bad * upBad + good * upGood;
    const next = Math.max(0, s + llr);
    if (s === 0 && next > 0) runStart = d.day;
    s = next;
    if (s === 0) runStart = null;
    if (s > threshold) {
      out.push({
        kind: blocked ? 'blocking_stopped' : 'blocking_started',
        changeDay: runStart ?? d.day,
        alarmDay: d.day,
        score: Math.round(s * 1000) / 1000,
      });
      blocked = !blocked;
      s = 0;
      runStart = null;
    }
  }
  return out;
}
