/**
 * Stacked bars of measurements per day by outcome on a time axis (a day without measurements is a gap, ticks carry
 * the year); each segment links to the measurements behind it, and its simulated part is hatched.
 */
import { OUTCOMES, type Outcome } from '../../../src/model/verdict.js';
import type { AggregationRow } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { href, keepLang, navigate } from '../router.js';
import { type DayTick, dayScale } from './day-scale.js';

const W = 720;
const H = 220;
const PAD = { l: 40, r: 8, t: 8, b: 30 };
/** Wide enough to find with a pointer, narrow enough that a lone day does not read as a period. */
const BAR = { min: 3, max: 36 };

/** Adds one day to YYYY-MM-DD (the API's `until` is exclusive). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

type Row = Pick<AggregationRow, 'measurement_start_day' | `${Outcome}_count`>;

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
  const days = rows
    .filter((r) => r.measurement_start_day)
    .sort((a, b) => a.measurement_start_day!.localeCompare(b.measurement_start_day!));
  if (days.length === 0) return null;
  const real = new Map<string, Row>((realRows ?? []).map((r) => [r.measurement_start_day ?? '', r]));
  /** How many of a day's measurements of outcome `o` are simulated. */
  const simulatedOf = (d: Row, o: Outcome) =>
    realRows ? Math.max(0, d[`${o}_count`] - (real.get(d.measurement_start_day!)?.[`${o}_count`] ?? 0)) : 0;
  const anySimulated = days.some((d) => OUTCOMES.some((o) => simulatedOf(d, o) > 0));
  const max = Math.max(...days.map((d) => d.measurement_count), 1);
  const scale = dayScale(
    days.map((d) => d.measurement_start_day!),
    PAD.l,
    W - PAD.r,
  );
  const bw = Math.min(BAR.max, Math.max(BAR.min, scale.dayWidth - 2));
  const y = (v: number) => PAD.t + (1 - v / max) * (H - PAD.t - PAD.b);
  const tickLabel = (tick: DayTick) =>
    tick.unit === 'year'
      ? tick.day.slice(0, 4)
      : tick.unit === 'month'
        ? monthYear(tick.day)
        : date(tick.day);
  const alt = t('country.outcomesAlt', {
    list: days
      .map(
        (d) =>
          `${date(d.measurement_start_day)}: ${OUTCOMES.map((o) => `${t(`outcome.${o}`)} ${num(d[`${o}_count`])}`).join(', ')}`,
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
        {days.map((d) => {
          let base = 0;
          const day = d.measurement_start_day!;
          const x = scale.x(day) + (scale.dayWidth - bw) / 2;
          return (
            <g key={day}>
              {OUTCOMES.map((o) => {
                const n = d[`${o}_count`];
                if (!n) return null;
                const simulated = simulatedOf(d, o);
                const y0 = y(base);
                base += n;
                const url = href('/measurements', {
                  ...filters,
                  since: day,
                  until: nextDay(day),
                  outcome: o,
                });
                const label = `${date(day)}: ${num(n)} ${t(`outcome.${o}`)}${
                  simulated > 0
                    ? ` (${simulated === n ? t('common.simulated') : t('common.simulatedShare', { n: num(simulated), total: num(n) })})`
                    : ''
                }`;
                return (
                  <a
                    key={o}
                    href={keepLang(url)}
                    aria-label={label}
                    data-day={day}
                    data-outcome={o}
                    data-simulated={simulated === 0 ? undefined : simulated === n ? 'all' : 'some'}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(url);
                    }}
                  >
                    <title>{label}</title>
                    <rect x={x} width={bw} y={y(base)} height={y0 - y(base)} class={`bar outcome-${o}`} />
                    {/* The simulated part drawn last, on top: the segment's top `simulated` measurements. */}
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
