import { describe, expect, it } from 'vitest';
import { barPeriod, dayScale, periodOf } from './day-scale.js';

describe('a time axis of days', () => {
  // The bundled Russian measurements: five days over three years.
  const ru = ['2020-03-03', '2020-03-04', '2020-10-29', '2022-11-09', '2023-01-21'];

  it('places days by their date, so that gaps show as gaps', () => {
    const s = dayScale(ru, 0, 1000);
    const x = ru.map((d) => s.x(d));
    // One day apart, then almost eight months, then two years.
    expect(x[1]! - x[0]!).toBeCloseTo(s.dayWidth, 6);
    expect((x[2]! - x[1]!) / s.dayWidth).toBeCloseTo(239, 6);
    expect((x[3]! - x[2]!) / s.dayWidth).toBeCloseTo(741, 6);
    expect(x[0]).toBeGreaterThanOrEqual(0);
    expect(s.x('2023-01-21') + s.dayWidth).toBeLessThanOrEqual(1000 + 1e-9);
  });

  it('ticks whole years over a span of years, whole months over months, days over days', () => {
    expect(dayScale(ru, 0, 1000).ticks.map((t) => [t.unit, t.day])).toEqual([
      ['year', '2021-01-01'],
      ['year', '2022-01-01'],
      ['year', '2023-01-01'],
    ]);
    const months = dayScale(['2024-01-15', '2024-06-20'], 0, 1000).ticks;
    expect(months.every((t) => t.unit === 'month' && t.day.endsWith('-01'))).toBe(true);
    expect(months.map((t) => t.day)).toContain('2024-03-01');
    expect(months.length).toBeLessThanOrEqual(8);
    const days = dayScale(['2024-03-01', '2024-03-03'], 0, 1000).ticks;
    expect(days.every((t) => t.unit === 'day')).toBe(true);
    expect(days.map((t) => t.day)).toContain('2024-03-02');
  });

  it('draws a single day as a week around it, not as a bar across the whole chart', () => {
    const s = dayScale(['2026-12-06'], 0, 700);
    expect(s.dayWidth).toBeCloseTo(100, 6);
    expect(s.x('2026-12-06')).toBeCloseTo(300, 6);
    expect(s.ticks.map((t) => t.day)).toContain('2026-12-06');
  });

  it('keeps tick labels from crowding: at most eight', () => {
    for (const span of [
      ['2024-01-01', '2024-01-31'],
      ['2010-01-01', '2024-12-31'],
      ['2023-01-01', '2024-12-31'],
    ])
      expect(dayScale(span, 0, 700).ticks.length, span.join()).toBeLessThanOrEqual(8);
  });

  it('groups days into weeks or months when a day would be too narrow to see, so that bars never overlap', () => {
    expect(barPeriod(dayScale(['2024-03-01', '2024-03-03'], 0, 700).dayWidth)).toBe('day');
    // Three years on 700 units: a day is 0.6 wide, a week 4.3.
    expect(barPeriod(dayScale(ru, 0, 700).dayWidth)).toBe('week');
    expect(barPeriod(dayScale(['2000-01-01', '2024-12-31'], 0, 700).dayWidth)).toBe('month');
    // Weeks start on Monday (ISO); the API's `until` is exclusive.
    expect(periodOf('2020-03-03', 'week')).toEqual({ from: '2020-03-02', until: '2020-03-09' });
    expect(periodOf('2020-03-04', 'week')).toEqual({ from: '2020-03-02', until: '2020-03-09' });
    expect(periodOf('2020-03-02', 'week')).toEqual({ from: '2020-03-02', until: '2020-03-09' });
    expect(periodOf('2020-03-08', 'week')).toEqual({ from: '2020-03-02', until: '2020-03-09' });
    expect(periodOf('2024-12-31', 'month')).toEqual({ from: '2024-12-01', until: '2025-01-01' });
    expect(periodOf('2024-02-29', 'day')).toEqual({ from: '2024-02-29', until: '2024-03-01' });
  });

  it('spaces ticks so that labels of a given width do not overlap, and labels the first day', () => {
    // Kazakh day labels ("2026 ж. 6 желтоқсан") need about 130 units: on 700 units a week gets three.
    const s = dayScale(['2026-12-06'], 0, 700, { minTickGap: 130 });
    const xs = s.ticks.map((t) => t.x);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(130);
    expect(s.ticks.map((t) => t.day)).toContain('2026-12-06');
    const years = dayScale(['2010-01-01', '2024-12-31'], 0, 300, { minTickGap: 60 }).ticks;
    for (let i = 1; i < years.length; i++) expect(years[i]!.x - years[i - 1]!.x).toBeGreaterThanOrEqual(60);
  });
});
