/**
 * Where a timeline's events go on the shared day scale: a day as a point, a period or a date known only to its month
 * or year as a span over every day it can stand for (so that nothing is drawn more precise than its source), each
 * in the first lane of its band (reported above, measured below) where it and its number do not overlap another.
 */
import { type DayScale, dayScale, type TickUnit } from './day-scale.js';
import { firstDayOf, lastDayOf, nextDay, precisionOf } from './partial-date.js';

/** What the layout needs of an event. */
export interface TimelineInput {
  id: string;
  origin: 'reported' | 'measured';
  start: string;
  end: string | null;
}

export interface TimelineMark {
  id: string;
  /** Its number on the chart and in the list, from 1. */
  n: number;
  origin: TimelineInput['origin'];
  /** A point: one day, as precise as that. A span: a period, or a month or year the source gives no day of. */
  kind: 'point' | 'span';
  /** Every date it has is a day (a span from day to day); false for a month or a year. */
  precise: boolean;
  /** From the start of its first day to the end of its last. */
  x0: number;
  x1: number;
  /** Where its number is written (after the mark). */
  labelX: number;
  /** Its lane within its band, from 0. */
  lane: number;
}

export interface TimelineLayout {
  scale: DayScale;
  marks: TimelineMark[];
  /** Lanes used by each band. */
  lanes: { reported: number; measured: number };
}

/** A point's radius, and the least width a span is drawn with, so that a day-long span can be seen and pointed at. */
export const POINT_RADIUS = 4;
const MIN_SPAN = 4;
/** Space left between two marks of a lane (after the first one's number). */
const LANE_GAP = 6;

/**
 * Lays out `items` (in the order they are numbered) between `left` and `right`; `extraDays` widen the axis (the
 * shown edition's coverage period). `labelWidth(n)` is the width of the number `n` as written; ticks are spaced by
 * `minTickGap` as on the other time axes.
 */
export function timelineLayout(
  items: readonly TimelineInput[],
  left: number,
  right: number,
  {
    extraDays = [],
    labelWidth = (n: number) => String(n).length * 6,
    minTickGap = 0,
  }: {
    extraDays?: readonly string[];
    labelWidth?: (n: number) => number;
    minTickGap?: number | ((unit: TickUnit) => number);
  } = {},
): TimelineLayout | null {
  const days = [...items.flatMap((i) => [firstDayOf(i.start), lastDayOf(i.end ?? i.start)]), ...extraDays];
  if (days.length === 0) return null;
  const scale = dayScale(days, left, right, { minTickGap });
  const laneEnds: Record<TimelineInput['origin'], number[]> = { reported: [], measured: [] };
  const marks = items.map((item, i): TimelineMark => {
    const n = i + 1;
    const point = item.end === null && precisionOf(item.start) === 'day';
    const precise =
      precisionOf(item.start) === 'day' && (item.end === null || precisionOf(item.end) === 'day');
    const from = scale.x(firstDayOf(item.start));
    const until = scale.x(nextDay(lastDayOf(item.end ?? item.start)));
    const centre = from + scale.dayWidth / 2;
    const x0 = point ? centre - POINT_RADIUS : from;
    const x1 = point ? centre + POINT_RADIUS : Math.max(until, from + MIN_SPAN);
    const labelX = x1 + 2;
    const ends = laneEnds[item.origin];
    let lane = ends.findIndex((end) => end <= x0);
    if (lane < 0) lane = ends.length;
    ends[lane] = labelX + labelWidth(n) + LANE_GAP;
    return {
      id: item.id,
      n,
      origin: item.origin,
      kind: point ? 'point' : 'span',
      precise,
      x0,
      x1,
      labelX,
      lane,
    };
  });
  return {
    scale,
    marks,
    lanes: { reported: laneEnds.reported.length, measured: laneEnds.measured.length },
  };
}
