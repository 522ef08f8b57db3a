import { describe, expect, it } from 'vitest';
import { shareInterval } from './survey-margin.js';

describe('the 95 % margin of error of a share', () => {
  it('is 2.8 percentage points for 58 % of 1,200 (normal approximation)', () => {
    const i = shareInterval(0.58, 1200)!;
    expect(i.method).toBe('normal');
    expect(Math.abs(i.marginOfErrorPp! - 2.8)).toBeLessThanOrEqual(0.05);
    expect(i.low).toBeCloseTo(0.5521, 3);
    expect(i.high).toBeCloseTo(0.6079, 3);
  });

  it('is ±3.1 pp for 50 % of 1,000, the textbook figure', () => {
    expect(shareInterval(0.5, 1000)!.marginOfErrorPp).toBeCloseTo(3.1, 1);
  });

  it('uses the Wilson interval near 0 and 1, which stays inside 0..1 and is not symmetric', () => {
    const low = shareInterval(0.01, 200)!;
    expect(low.method).toBe('wilson');
    expect(low.marginOfErrorPp).toBeNull();
    expect(low.low).toBeGreaterThanOrEqual(0);
    expect(low.low).toBeCloseTo(0.0028, 3);
    expect(low.high).toBeCloseTo(0.0357, 3);
    const all = shareInterval(1, 50)!;
    expect(all.method).toBe('wilson');
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.9287, 3);
  });

  it('gives no margin without a sample size', () => {
    expect(shareInterval(0.58, null)).toBeNull();
  });
});
