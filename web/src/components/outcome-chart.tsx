/**
 * Stacked bars of measurements per day by outcome on a time axis (a day without measurements is a gap, ticks carry
 * the year); each segment links to the measurements behind it, and its simulated part is hatched.
 */
import { OUTCOMES } from '../../../src/model/verdict.js';
import type { AggregationRow } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { href, keepLang, navigate } from '../router.js';
import { barPeriod, type DayTick, dayScale } from './day-scale.js';
import { type OutcomeBar, outcomeBars } from './outcome-bars.js';

const W = 720;
const H = 220;
const PAD = { l: 40, r: 8, t: 8, b: 30 };
/** Wide enough to find with a pointer; a day's bar narrow enough that a lone day does not read as a period. */
const BAR = { min: 3, max: 36 };

/** The day before YYYY-MM-DD: a bar's last day, its `until` being exclusive as the API's. */
function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** How many days a bar stands for. */
function periodDays(b: OutcomeBar): number {
  return Math.round((Date.parse(b.until) - Date.parse(b.from)) / 86_400_000);
}

/**
 * `rows` are the days as the page counts them (simulated data included when it asks for it); `realRows` the same
 * days without simulated data, given when `rows` include it: the difference, per outcome, is what is hatched.
 * `filters` are the page's filters, carried into the explorer link of every bar.
 */
export default function OutcomeChart({
  rows,
  realRows,
  filters,
}: {
  rows: AggregationRow[];
  realRows?: AggregationRow[];
  filters: Record<string, string | boolean | undefined>;
}) {
  const { t, num, date, monthYear } = useI18n();
  const days = rows.map((r) => r.measurement_start_day).filter((d): d is string => Boolean(d));
  if (days.length === 0) return null;
  // Days too narrow to see (years of data) are grouped into weeks or months: bars must never overlap.
  const period = barPeriod(dayScale(days, PAD.l, W - PAD.r).dayWidth);
  const bars = outcomeBars(rows, realRows, period);
  const tickLabel = (tick: DayTick) =>
    tick.unit === 'year'
      ? tick.day.slice(0, 4)
      : tick.unit === 'month'
        ? monthYear(tick.day)
        : date(tick.day);
  const scale = dayScale(
    bars.flatMap((b) => [b.from, previousDay(b.until)]),
    PAD.l,
    W - PAD.r,
    // About 6.5 units a character at the ticks' 11px: labels in the reader's language never overlap.
    { minTickGap: (unit) => tickLabel({ day: days[0]!, unit, x: 0 }).length * 6.5 + 12 },
  );
  const anySimulated = bars.some((b) => OUTCOMES.some((o) => b.counts[o].simulated > 0));
  const max = Math.max(...bars.map((b) => b.total), 1);
  const y = (v: number) => PAD.t + (1 - v / max) * (H - PAD.t - PAD.b);
  /** What a bar stands for: its day, or its first and last day. */
  const periodLabel = (b: OutcomeBar) =>
    period === 'day'
      ? date(b.from)
      : t('common.period', { first: date(b.from), last: date(previousDay(b.until)) });
  const alt = t('country.outcomesAlt', {
    list: bars
      .map(
        (b) =>
          `${periodLabel(b)}: ${OUTCOMES.map((o) => `${t(`outcome.${o}`)} ${num(b.counts[o].n)}`).join(', ')}`,
      )
      .join('; '),
  });
  return (
    <figure class="chart outcomes">
      <p class="sr-only">{alt}</p>
      <svg viewBox={`0 0 ${W} ${H}`} aria-label={t('country.outcomes')}>
        <defs>
          <pattern id="simulated-hatch" patternUnits="userSpaceOnUse" width="6" height="6">
            <path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" class="hatch-line" />
          </pattern>
        </defs>
        <line x1={PAD.l} x2={W - PAD.r} y1={y(0)} y2={y(0)} class="grid" />
        <text x={PAD.l - 6} y={y(max) + 10} class="tick" text-anchor="end">
          {num(max)}
        </text>
        <text x={PAD.l - 6} y={y(0)} class="tick" text-anchor="end">
          {num(0)}
        </text>
        {scale.ticks.map((tick) => {
          // A day's tick stands under its bar; a month's or a year's where it begins.
          const x = tick.unit === 'day' ? tick.x + scale.dayWidth / 2 : tick.x;
          return (
            <g key={tick.day}>
              <line x1={x} x2={x} y1={y(0)} y2={y(0) + 4} class="grid" />
              <text x={x} y={H - 10} class="tick" text-anchor="middle">
                {tickLabel(tick)}
              </text>
            </g>
          );
        })}
        {bars.map((b) => {
          let base = 0;
          const slot = scale.dayWidth * periodDays(b);
          const bw = Math.min(period === 'day' ? BAR.max : slot, Math.max(BAR.min, slot - 2));
          const x = scale.x(b.from) + (slot - bw) / 2;
          return (
            <g key={b.from}>
              {OUTCOMES.map((o) => {
                const { n, simulated } = b.counts[o];
                if (!n) return null;
                const y0 = y(base);
                base += n;
                const url = href('/measurements', { ...filters, since: b.from, until: b.until, outcome: o });
                const label = `${periodLabel(b)}: ${num(n)} ${t(`outcome.${o}`)}${
                  simulated > 0
                    ? ` (${simulated === n ? t('common.simulated') : t('common.simulatedShare', { n: num(simulated), total: num(n) })})`
                    : ''
                }`;
                return (
                  <a
                    key={o}
                    href={keepLang(url)}
                    aria-label={label}
                    data-day={b.from}
                    data-until={b.until}
                    data-outcome={o}
                    data-simulated={simulated === 0 ? undefined : simulated === n ? 'all' : 'some'}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(url);
                    }}
                  >
                    <title>{label}</title>
                    <rect x={x} width={bw} y={y(base)} height={y0 - y(base)} class={`bar outcome-${o}`} />
                    {/* The simulated part drawn on top of the segment: its top `simulated` measurements. */}
                    {simulated > 0 && (
                      <rect
                        x={x}
                        width={bw}
                        y={y(base)}
                        height={y(base - simulated) - y(base)}
                        class="simulated-hatch"
                        fill="url(#simulated-hatch)"
                      />
                    )}
                  </a>
                );
              })}
            </g>
          );
        })}
      </svg>
      {period !== 'day' && (
        <p class="muted chart-period">{t(period === 'week' ? 'chart.perWeek' : 'chart.perMonth')}</p>
      )}
      <figcaption class="legend">
        {OUTCOMES.map((o) => (
          <span key={o} class="legend-item">
            <span class={`swatch outcome-${o}`} aria-hidden="true" />
            {t(`outcome.${o}`)}
          </span>
        ))}
        {anySimulated && (
          <span class="legend-item">
            <span class="swatch simulated-hatch" aria-hidden="true" />
            {t('chart.simulatedLegend')}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
