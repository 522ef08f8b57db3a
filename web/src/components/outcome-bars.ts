/** The bars of the outcomes chart: days (or weeks, or months) with their count per outcome and how much is simulated. */
import { OUTCOMES, type Outcome } from '../../../src/model/verdict.js';
import type { AggregationRow } from '../api/types.js';
import { type BarPeriod, periodOf } from './day-scale.js';

/** One bar: the period it stands for (until exclusive) and, per outcome, its measurements and the simulated ones. */
export interface OutcomeBar {
  from: string;
  until: string;
  total: number;
  counts: Record<Outcome, { n: number; simulated: number }>;
}

type DayRow = Pick<AggregationRow, 'measurement_start_day' | `${Outcome}_count`>;

/**
 * Groups the days of `rows` into bars of `period`. `realRows` are the same days without simulated data, given when
 * `rows` include it: per outcome, what `rows` count beyond them is simulated.
 */
export function outcomeBars(rows: DayRow[], realRows: DayRow[] | undefined, period: BarPeriod): OutcomeBar[] {
  const bars = new Map<string, OutcomeBar>();
  const barOf = (day: string) => {
    const { from, until } = periodOf(day, period);
    let bar = bars.get(from);
    if (!bar) {
      const counts = Object.fromEntries(OUTCOMES.map((o) => [o, { n: 0, simulated: 0 }]));
      bar = { from, until, total: 0, counts: counts as OutcomeBar['counts'] };
      bars.set(from, bar);
    }
    return bar;
  };
  for (const r of rows) {
    if (!r.measurement_start_day) continue;
    const bar = barOf(r.measurement_start_day);
    for (const o of OUTCOMES) {
      bar.counts[o].n += r[`${o}_count`];
      bar.total += r[`${o}_count`];
      if (realRows) bar.counts[o].simulated += r[`${o}_count`];
    }
  }
  // Without realRows nothing is known to be simulated; with them, simulated = all - real.
  for (const r of realRows ?? []) {
    if (!r.measurement_start_day) continue;
    const bar = bars.get(periodOf(r.measurement_start_day, period).from);
    if (bar) for (const o of OUTCOMES) bar.counts[o].simulated -= r[`${o}_count`];
  }
  return [...bars.values()].sort((a, b) => a.from.localeCompare(b.from));
}
