import { describe, expect, it } from 'vitest';
import { surveyBars, surveyHeight } from './survey-bars.js';

describe('survey bars', () => {
  it('draws a share from 0 and its 95 % interval as an error bar around the share', () => {
    // 58 % of 1,200: a margin of about 2.8 points.
    const [bar] = surveyBars([{ share: 0.58, interval_low: 0.552, interval_high: 0.608 }], 0, 500);
    expect(bar!.x0).toBe(0);
    expect(bar!.x1).toBeCloseTo(290, 6);
    expect(bar!.error!.x0).toBeCloseTo(276, 6);
    expect(bar!.error!.x1).toBeCloseTo(304, 6);
    expect(bar!.error!.x0).toBeLessThan(bar!.x1);
    expect(bar!.error!.x1).toBeGreaterThan(bar!.x1);
    // The value is written after the error bar, never over it.
    expect(bar!.labelX).toBeGreaterThan(bar!.error!.x1);
  });

  it('draws no error bar without a sample size, and keeps an interval inside 0..100 %', () => {
    const bars = surveyBars(
      [
        { share: 0.3, interval_low: null, interval_high: null },
        { share: 0.01, interval_low: -0.02, interval_high: 0.05 },
      ],
      100,
      600,
      10,
    );
    expect(bars[0]!.error).toBeNull();
    expect(bars[0]!.labelX).toBeCloseTo(256, 6);
    expect(bars[1]!.error!.x0).toBe(100);
    expect(bars[1]!.rowY).toBeGreaterThan(bars[0]!.rowY + bars[0]!.barHeight);
    expect(surveyHeight(2)).toBeGreaterThanOrEqual(bars[1]!.barY + bars[1]!.barHeight);
  });
});
