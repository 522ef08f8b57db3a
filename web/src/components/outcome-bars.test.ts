import { describe, expect, it } from 'vitest';
import { outcomeBars } from './outcome-bars.js';

const day = (d: string, ok: number, anomaly: number) => ({
  measurement_start_day: d,
  ok_count: ok,
  anomaly_count: anomaly,
  confirmed_count: 0,
  failure_count: 0,
});

describe('the bars of the outcomes chart', () => {
  it('sums days into weeks, and counts as simulated what the real-only answer does not have', () => {
    const all = [day('2020-03-03', 1, 2), day('2020-03-04', 0, 1), day('2020-10-29', 3, 0)];
    const real = [day('2020-03-03', 1, 0), day('2020-10-29', 3, 0)];
    const bars = outcomeBars(all, real, 'week');
    expect(bars.map((b) => [b.from, b.until, b.total])).toEqual([
      ['2020-03-02', '2020-03-09', 4],
      ['2020-10-26', '2020-11-02', 3],
    ]);
    expect(bars[0]!.counts.anomaly).toEqual({ n: 3, simulated: 3 });
    expect(bars[0]!.counts.ok).toEqual({ n: 1, simulated: 0 });
    expect(bars[1]!.counts.ok).toEqual({ n: 3, simulated: 0 });
  });

  it('knows of nothing simulated when the rows did not include simulated data', () => {
    const [bar] = outcomeBars([day('2024-03-01', 2, 1)], undefined, 'day');
    expect(bar).toMatchObject({ from: '2024-03-01', until: '2024-03-02', total: 3 });
    expect(bar!.counts.anomaly).toEqual({ n: 1, simulated: 0 });
  });
});
