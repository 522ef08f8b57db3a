/** Stacked bars of measurements per day by outcome; each segment links to the measurements behind it. */
import { OUTCOMES } from '../../../src/model/verdict.js';
import type { AggregationRow } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { href, keepLang, navigate } from '../router.js';

const W = 720;
const H = 220;
const PAD = { l: 40, r: 8, t: 8, b: 30 };

/** Adds one day to YYYY-MM-DD (the API's `until` is exclusive). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** `filters` are the page's filters, carried into the explorer link of every bar. */
export default function OutcomeChart({
  rows,
  filters,
}: {
  rows: AggregationRow[];
  filters: Record<string, string | boolean | undefined>;
}) {
  const { t, num, date } = useI18n();
  const days = rows
    .filter((r) => r.measurement_start_day)
    .sort((a, b) => a.measurement_start_day!.localeCompare(b.measurement_start_day!));
  if (days.length === 0) return null;
  const max = Math.max(...days.map((d) => d.measurement_count), 1);
  const bw = (W - PAD.l - PAD.r) / days.length;
  const y = (v: number) => PAD.t + (1 - v / max) * (H - PAD.t - PAD.b);
  const alt = t('country.outcomesAlt', {
    list: days
      .map(
        (d) =>
          `${d.measurement_start_day}: ${OUTCOMES.map((o) => `${t(`outcome.${o}`)} ${d[`${o}_count`]}`).join(', ')}`,
      )
      .join('; '),
  });
  return (
    <figure class="chart outcomes">
      <p class="sr-only">{alt}</p>
      <svg viewBox={`0 0 ${W} ${H}`} aria-label={t('country.outcomes')}>
        <line x1={PAD.l} x2={W - PAD.r} y1={y(0)} y2={y(0)} class="grid" />
        <text x={PAD.l - 6} y={y(max) + 10} class="tick" text-anchor="end">
          {num(max)}
        </text>
        {days.map((d, i) => {
          let base = 0;
          const day = d.measurement_start_day!;
          return (
            <g key={day}>
              {OUTCOMES.map((o) => {
                const n = d[`${o}_count`];
                if (!n) return null;
                const y0 = y(base);
                base += n;
                const url = href('/measurements', {
                  ...filters,
                  since: day,
                  until: nextDay(day),
                  outcome: o,
                });
                const label = `${date(day)}: ${num(n)} ${t(`outcome.${o}`)}`;
                return (
                  <a
                    key={o}
                    href={keepLang(url)}
                    aria-label={label}
                    data-day={day}
                    data-outcome={o}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(url);
                    }}
                  >
                    <title>{label}</title>
                    <rect
                      x={PAD.l + i * bw + 1}
                      width={Math.max(1, bw - 2)}
                      y={y(base)}
                      height={y0 - y(base)}
                      class={`bar outcome-${o}`}
                    />
                  </a>
                );
              })}
              {(days.length <= 12 || i % Math.ceil(days.length / 12) === 0) && (
                <text x={PAD.l + i * bw + bw / 2} y={H - 10} class="tick" text-anchor="middle">
                  {day.slice(5)}
                </text>
              )}
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
      </figcaption>
    </figure>
  );
}
