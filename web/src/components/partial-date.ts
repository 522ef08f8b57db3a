/** Dates as precise as their source: a day (2022-01-04), a month (2021-01) or a year (2015), never made more precise. */

export type DatePrecision = 'day' | 'month' | 'year';

/** How precise a partial date is. */
export function precisionOf(date: string): DatePrecision {
  if (/^\d{4}-\d{2}-\d{2}/.test(date)) return 'day';
  return /^\d{4}-\d{2}$/.test(date) ? 'month' : 'year';
}

/** The first day a partial date can stand for (YYYY-MM-DD). */
export function firstDayOf(date: string): string {
  const p = precisionOf(date);
  return p === 'day' ? date.slice(0, 10) : p === 'month' ? `${date}-01` : `${date.slice(0, 4)}-01-01`;
}

/** The last day a partial date can stand for (YYYY-MM-DD). */
export function lastDayOf(date: string): string {
  const p = precisionOf(date);
  if (p === 'day') return date.slice(0, 10);
  if (p === 'year') return `${date.slice(0, 4)}-12-31`;
  const [y, m] = date.split('-').map(Number) as [number, number];
  // Day 0 of the next month is the last of this one.
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The day after YYYY-MM-DD. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Whether a date or range (as precise as its source) shares a day with the period from `start` to `end` (days). */
export function overlaps(
  from: string,
  until: string | null,
  period: { start: string; end: string },
): boolean {
  return lastDayOf(until ?? from) >= period.start && firstDayOf(from) <= period.end;
}
