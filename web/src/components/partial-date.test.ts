import { describe, expect, it } from 'vitest';
import { firstDayOf, lastDayOf, nextDay, overlaps, precisionOf } from './partial-date.js';

describe('partial dates', () => {
  it('know their precision and the days they can stand for', () => {
    expect(precisionOf('2022-01-04')).toBe('day');
    expect(precisionOf('2021-01')).toBe('month');
    expect(precisionOf('2015')).toBe('year');
    expect([firstDayOf('2022-01-04'), lastDayOf('2022-01-04')]).toEqual(['2022-01-04', '2022-01-04']);
    expect([firstDayOf('2024-02'), lastDayOf('2024-02')]).toEqual(['2024-02-01', '2024-02-29']);
    expect([firstDayOf('2023-12'), lastDayOf('2023-12')]).toEqual(['2023-12-01', '2023-12-31']);
    expect([firstDayOf('2021'), lastDayOf('2021')]).toEqual(['2021-01-01', '2021-12-31']);
    expect(nextDay('2024-12-31')).toBe('2025-01-01');
  });

  it('tell whether a date or range shares a day with a coverage period', () => {
    const edition2022 = { start: '2021-06-01', end: '2022-05-31' };
    expect(overlaps('2022-01-04', '2022-01-11', edition2022)).toBe(true);
    // A year overlaps a period that starts in it, a month does not overlap one that starts after it.
    expect(overlaps('2021', null, edition2022)).toBe(true);
    expect(overlaps('2021-05', null, edition2022)).toBe(false);
    expect(overlaps('2021-06', null, edition2022)).toBe(true);
    expect(overlaps('2022-06-01', null, edition2022)).toBe(false);
    expect(overlaps('2015', '2024', edition2022)).toBe(true);
  });
});
