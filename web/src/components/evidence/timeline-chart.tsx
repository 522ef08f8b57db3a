/**
 * The timeline drawn on one day axis: reported events above it, measured changes below it (a different shape as well
 * as a different colour), the shown edition's coverage period shaded. A date known only to its month or year is drawn
 * as a hatched span over every day it can stand for. Each mark is numbered as in the list and links to its entry.
 */
import type { TimelineEvent } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import type { DayTick } from '../day-scale.js';
import { nextDay } from '../partial-date.js';
import { POINT_RADIUS, type TimelineMark, timelineLayout } from '../timeline-layout.js';
import { whenText } from './fact-refs.js';

const W = 900;
const PAD = { l: 12, r: 28, t: 22 };
const LANE = 16;
const AXIS_GAP = 24;

export interface Coverage {
  edition: number;
  start: string;
  end: string;
}

export default function TimelineChart({
  items,
  coverage,
}: {
  items: TimelineEvent[];
  coverage: Coverage | null;
}) {
  const i18n = useI18n();
  const { t, date, monthYear } = i18n;
  const tickLabel = (tick: DayTick) =>
    tick.unit === 'year'
      ? tick.day.slice(0, 4)
      : tick.unit === 'month'
        ? monthYear(tick.day)
        : date(tick.day);
  const layout = timelineLayout(items, PAD.l, W - PAD.r, {
    extraDays: coverage ? [coverage.start, coverage.end] : [],
    labelWidth: (n) => String(n).length * 6.5,
    minTickGap: (unit) => tickLabel({ day: '2024-12-31', unit, x: 0 }).length * 6.5 + 12,
  });
  if (!layout) return null;
  const { scale, marks, lanes } = layout;
  const reportedH = Math.max(lanes.reported, 1) * LANE;
  const axisY = PAD.t + reportedH + 4;
  const measuredTop = axisY + AXIS_GAP;
  const H = measuredTop + lanes.measured * LANE + (lanes.measured ? 4 : 0);
  const laneY = (m: TimelineMark) =>
    m.origin === 'reported' ? PAD.t + m.lane * LANE + LANE / 2 : measuredTop + m.lane * LANE + LANE / 2;
  const byId = new Map(items.map((i) => [i.id, i]));
  const when = (i: TimelineEvent) => whenText(i18n, i.start, i.end);
  const label = (m: TimelineMark, i: TimelineEvent) =>
    `${m.n}. ${when(i)} · ${t(`eventType.${i.type}`)} · ${t(`timeline.${m.origin}`)}`;
  return (
    <figure class="chart timeline-chart">
      {/* Each mark is a link to its entry in the list, labelled as the list numbers it (as the map's countries are). */}
      <svg viewBox={`0 0 ${W} ${H}`} aria-label={t('timeline.title')}>
        <defs>
          <pattern
            id="imprecise-hatch"
            width="4"
            height="4"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="4" height="4" class="imprecise-bg" />
            <line x1="0" y1="0" x2="0" y2="4" class="imprecise-line" />
          </pattern>
        </defs>
        {coverage && (
          <g class="coverage" data-edition={coverage.edition}>
            <rect
              x={scale.x(coverage.start)}
              width={scale.x(nextDay(coverage.end)) - scale.x(coverage.start)}
              y={4}
              height={H - 4}
            />
            {/* Written inside the shaded period, from its right end: it never runs off the chart. */}
            <text x={Math.min(scale.x(nextDay(coverage.end)), W) - 3} y={14} class="tick" text-anchor="end">
              {t('timeline.coverage', { edition: coverage.edition })}
            </text>
          </g>
        )}
        <line x1={PAD.l} x2={W - PAD.r} y1={axisY} y2={axisY} class="axis" />
        {scale.ticks.map((tick) => (
          <g key={tick.day}>
            <line x1={tick.x} x2={tick.x} y1={axisY} y2={axisY + 4} class="axis" />
            <text x={tick.x} y={axisY + 15} class="tick" text-anchor="middle">
              {tickLabel(tick)}
            </text>
          </g>
        ))}
        {marks.map((m) => {
          const item = byId.get(m.id)!;
          const y = laneY(m);
          const cls = `mark ${m.origin}${m.precise ? '' : ' imprecise'}`;
          return (
            <a
              key={m.id}
              href={`#ev-${m.id}`}
              data-origin={m.origin}
              data-event={m.id}
              aria-label={label(m, item)}
            >
              <title>{label(m, item)}</title>
              {m.kind === 'span' ? (
                <rect x={m.x0} width={m.x1 - m.x0} y={y - 4} height={8} class={cls} />
              ) : m.origin === 'measured' ? (
                // A measured change is a diamond, a reported day a circle: the two never look alike.
                <path
                  d={`M${m.x0 + POINT_RADIUS},${y - POINT_RADIUS - 1}l${POINT_RADIUS + 1},${POINT_RADIUS + 1}l${-POINT_RADIUS - 1},${POINT_RADIUS + 1}l${-POINT_RADIUS - 1},${-POINT_RADIUS - 1}z`}
                  class={cls}
                />
              ) : (
                <circle cx={m.x0 + POINT_RADIUS} cy={y} r={POINT_RADIUS} class={cls} />
              )}
              <text x={m.labelX} y={y + 4} class="value">
                {m.n}
              </text>
            </a>
          );
        })}
      </svg>
      <figcaption class="legend muted">
        <span class="legend-item">
          <svg width="14" height="10" aria-hidden="true">
            <circle cx="7" cy="5" r="4" class="mark reported" />
          </svg>
          {t('timeline.legendReported')}
        </span>
        <span class="legend-item">
          <svg width="14" height="10" aria-hidden="true">
            <path d="M7,0l5,5l-5,5l-5,-5z" class="mark measured" />
          </svg>
          {t('timeline.legendMeasured')}
        </span>
        <span class="legend-item">
          <svg width="18" height="10" aria-hidden="true">
            <rect x="1" y="1" width="16" height="8" class="mark reported imprecise" />
          </svg>
          {t('timeline.legendImprecise')}
        </span>
      </figcaption>
    </figure>
  );
}
