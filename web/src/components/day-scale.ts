/** A time axis of whole UTC days for bar charts: each day at its date (gaps stay gaps), and ticks that carry a year. */

const DAY_MS = 86_400_000;
/** A single day or a few are drawn inside a week, so that one bar does not fill the chart as if it were a trend. */
const MIN_DAYS = 7;
/** More tick labels than this would crowd a chart of ~700 units. */
const MAX_TICKS = 7;

/** What a tick marks, which decides how its label is written (a day with its year, a month and year, a year). */
export type TickUnit = 'day' | 'month' | 'year';

export interface DayTick {
  /** The day the tick marks, YYYY-MM-DD: a first of the month for months, 1 January for years. */
  day: string;
  unit: TickUnit;
  /** Where the tick's day starts. */
  x: number;
}

export interface DayScale {
  /** Where `day` (YYYY-MM-DD) starts; it ends `dayWidth` later. */
  x(day: string): number;
  dayWidth: number;
  ticks: DayTick[];
}

/**
 * The scale for `days` (YYYY-MM-DD, any order, at least one) drawn between `left` and `right`; ticks are at least
 * `minTickGap` apart: a width, or the width of a label of each unit (Kazakh and Russian dates are longer than
 * English ones).
 */
export function dayScale(
  days: string[],
  left: number,
  right: number,
  { minTickGap = 0 }: { minTickGap?: number | ((unit: TickUnit) => number) } = {},
): DayScale {
  const numbers = days.map(dayNumber);
  const first = Math.min(...numbers);
  const last = Math.max(...numbers);
  const span = Math.max(last - first + 1, MIN_DAYS);
  const start = first - Math.floor((span - (last - first + 1)) / 2);
  const end = start + span;
  const dayWidth = (right - left) / span;
  const x = (day: string) => left + (dayNumber(day) - start) * dayWidth;
  const gap = typeof minTickGap === 'number' ? () => minTickGap : minTickGap;
  const ticks = tickDays(start, end, first, (unit) => gap(unit) / dayWidth).map((t) => ({
    ...t,
    x: x(t.day),
  }));
  return { x, dayWidth, ticks };
}

/**
 * Tick days in [start, end): days over two months at most (counted from `anchor`, the first data day, so that it is
 * labelled), months over two years at most, else years; never closer than `minDays` days.
 */
function tickDays(
  start: number,
  end: number,
  anchor: number,
  minDays: (unit: TickUnit) => number,
): Omit<DayTick, 'x'>[] {
  const span = end - start;
  if (span <= 62) {
    const step = Math.max(Math.ceil(span / MAX_TICKS), Math.ceil(minDays('day')));
    const out: Omit<DayTick, 'x'>[] = [];
    for (let n = anchor - Math.floor((anchor - start) / step) * step; n < end; n += step)
      out.push({ day: dayText(n), unit: 'day' });
    return out;
  }
  const from = new Date(start * DAY_MS);
  const to = new Date((end - 1) * DAY_MS);
  if (span <= 2 * 366) {
    const firstMonth = from.getUTCFullYear() * 12 + from.getUTCMonth();
    const lastMonth = to.getUTCFullYear() * 12 + to.getUTCMonth();
    // The shortest month is 28 days: months `step` apart are at least 28 × step days apart.
    const step = Math.max(
      Math.ceil((lastMonth - firstMonth + 1) / MAX_TICKS),
      Math.ceil(minDays('month') / 28),
    );
    return range(firstMonth, lastMonth)
      .filter((m) => m % step === 0)
      .map((m) => dayNumber(`${Math.floor(m / 12)}-${pad((m % 12) + 1)}-01`))
      .filter((n) => n >= start && n < end)
      .map((n) => ({ day: dayText(n), unit: 'month' }));
  }
  const step = Math.max(
    Math.ceil((to.getUTCFullYear() - from.getUTCFullYear() + 1) / MAX_TICKS),
    Math.ceil(minDays('year') / 365),
  );
  return range(from.getUTCFullYear(), to.getUTCFullYear())
    .filter((y) => y % step === 0)
    .map((y) => dayNumber(`${y}-01-01`))
    .filter((n) => n >= start && n < end)
    .map((n) => ({ day: dayText(n), unit: 'year' }));
}

/** How many days one bar stands for. */
export type BarPeriod = 'day' | 'week' | 'month';

/** The narrowest bar that can be seen and pointed at; narrower days are grouped into weeks, weeks into months. */
const MIN_BAR = 3;

/** The period of a bar on a scale whose days are `dayWidth` wide: a day, else a week, else a month. */
export function barPeriod(dayWidth: number): BarPeriod {
  if (dayWidth >= MIN_BAR) return 'day';
  return dayWidth * 7 >= MIN_BAR ? 'week' : 'month';
}

/** The period of `unit` that holds `day`: its first day and the day after its last (exclusive, as the API's until). */
export function periodOf(day: string, unit: BarPeriod): { from: string; until: string } {
  const n = dayNumber(day);
  if (unit === 'day') return { from: dayText(n), until: dayText(n + 1) };
  if (unit === 'week') {
    // 1970-01-01 was a Thursday: (n + 3) mod 7 counts days since Monday.
    const monday = n - ((((n + 3) % 7) + 7) % 7);
    return { from: dayText(monday), until: dayText(monday + 7) };
  }
  const [y, m] = day.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
  return { from: `${y}-${pad(m)}-01`, until: next };
}

/** Days since 1970-01-01 of a YYYY-MM-DD day (UTC). */
function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

function dayText(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
