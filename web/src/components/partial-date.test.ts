import { describe, expect, it } from 'vitest';
import { firstDayOf, lastDayOf, nextDay, precisionOf } from './partial-date.js';

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
});
