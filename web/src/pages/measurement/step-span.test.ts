import { describe, expect, it } from 'vitest';
import { stepEnd, stepSpan } from './step-span.js';

describe('a step’s span on the measurement’s clock', () => {
  it('runs from t0 to t', () => {
    expect(stepSpan({ t0: 0.00588, t: 0.245061 })).toEqual({ start: 0.00588, end: 0.245061 });
    expect(stepSpan({ t0: 0.5, t: 0.2 })).toEqual({ start: 0.2, end: 0.2 });
  });

  it('is unknown without a start: older OONI records give only when a step ended, not how long it took', () => {
    expect(stepSpan({ t: 0.2 })).toBeNull();
    expect(stepSpan({ t0: Number.NaN, t: 0.3 })).toBeNull();
    expect(stepEnd({ t: 0.2 })).toBe(0.2);
  });

  it('is unknown when the record has no time at all, rather than NaN', () => {
    expect(stepSpan({})).toBeNull();
    expect(stepSpan({ t: 'soon' })).toBeNull();
    expect(stepEnd({})).toBeNull();
  });
});
