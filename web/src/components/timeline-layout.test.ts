import { describe, expect, it } from 'vitest';
import { type TimelineInput, timelineLayout } from './timeline-layout.js';

const event = (
  id: string,
  start: string,
  end: string | null = null,
  origin: TimelineInput['origin'] = 'reported',
) => ({
  id,
  origin,
  start,
  end,
});

describe('the timeline layout', () => {
  // Kazakhstan's bundled timeline, in part: a law known to its month, the 2019 interception (two days), a year.
  const items = [
    event('law', '2015-11'),
    event('interception', '2019-07-17', '2019-08-07'),
    event('campaign', '2021'),
    event('shutdown', '2022-01-04', '2022-01-11'),
    event('detected', '2022-01-05', null, 'measured'),
  ];
  const layout = timelineLayout(items, 0, 1000)!;
  const mark = (id: string) => layout.marks.find((m) => m.id === id)!;

  it('draws a day as a point and a period, a month or a year as a span over every day it can stand for', () => {
    expect(mark('detected').kind).toBe('point');
    expect(mark('detected').precise).toBe(true);
    expect(mark('interception').kind).toBe('span');
    expect(mark('interception').precise).toBe(true);
    // 17 July to 7 August is 22 days.
    expect((mark('interception').x1 - mark('interception').x0) / layout.scale.dayWidth).toBeCloseTo(22, 6);
    expect(mark('law').kind).toBe('span');
    expect(mark('law').precise).toBe(false);
    expect((mark('law').x1 - mark('law').x0) / layout.scale.dayWidth).toBeCloseTo(30, 6);
    expect((mark('campaign').x1 - mark('campaign').x0) / layout.scale.dayWidth).toBeCloseTo(365, 6);
  });

  it('numbers the events in the order given and places each on the shared day scale', () => {
    expect(layout.marks.map((m) => m.n)).toEqual([1, 2, 3, 4, 5]);
    expect(mark('shutdown').x0).toBeCloseTo(layout.scale.x('2022-01-04'), 6);
    expect(layout.scale.ticks.every((t) => t.unit === 'year')).toBe(true);
  });

  it('keeps measured changes in a band of their own and never lets two marks of a lane overlap', () => {
    expect(mark('detected').origin).toBe('measured');
    expect(layout.lanes.measured).toBe(1);
    // The shutdown starts inside 2021's span, so it takes another lane.
    expect(mark('campaign').lane).not.toBe(mark('shutdown').lane);
    for (const a of layout.marks)
      for (const b of layout.marks)
        if (a !== b && a.origin === b.origin && a.lane === b.lane && a.x0 <= b.x0)
          expect(b.x0).toBeGreaterThanOrEqual(a.labelX);
  });

  it('widens the axis to the coverage period it is asked to show, and draws nothing without a day', () => {
    const wide = timelineLayout([event('law', '2015-11')], 0, 1000, {
      extraDays: ['2024-06-01', '2025-05-31'],
    })!;
    expect(wide.scale.x('2025-05-31')).toBeLessThanOrEqual(1000);
    expect(wide.marks[0]!.x0).toBeGreaterThanOrEqual(0);
    expect(timelineLayout([], 0, 1000)).toBeNull();
  });
});
