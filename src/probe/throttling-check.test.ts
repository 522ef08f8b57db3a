import { describe, expect, it } from 'vitest';
import type { ControlResponse } from '../model/measurement.js';
import { type TransferTiming, throttlingCheck } from './throttling-check.js';

/** A control that fetched the page in 50 ms. */
const control = { x_timings: { '1.2.3.4:443': { http_transfer: 0.05 } } } as unknown as ControlResponse;
const timing = (t: Partial<TransferTiming>): TransferTiming => ({
  address: '1.2.3.4:443',
  connectSeconds: 0.02,
  handshakeSeconds: 0.05,
  transferSeconds: 0.06,
  bytes: 3000,
  ...t,
});

describe('the throttling rule', () => {
  it('calls a transfer far slower than the control throttled when the probe was not held', () => {
    const c = throttlingCheck(timing({ transferSeconds: 2, transferLagSeconds: 0.01 }), control, null, 5);
    expect(c.throttled).toBe(true);
    expect(c.not_judged).toBeNull();
    expect(c.transfer_loop_lag).toBe(0.01);
  });

  it('refuses it when the time less the loop stall is no longer slow, and says why', () => {
    const c = throttlingCheck(timing({ transferSeconds: 2, transferLagSeconds: 1.9 }), control, null, 5);
    expect(c.throttled).toBe(false);
    expect(c.not_judged).toBe('probe_loop_lag');
  });

  it('still calls it when a stall explains only part of it', () => {
    const c = throttlingCheck(timing({ transferSeconds: 3, transferLagSeconds: 0.5 }), control, null, 5);
    expect(c.throttled).toBe(true);
    expect(c.not_judged).toBeNull();
  });

  it('judges a slow handshake on the faster of it and its repeat, against the neutral one taken beside the repeat', () => {
    const slow = timing({ handshakeSeconds: 2, handshakeLagSeconds: 0 });
    const throttled = throttlingCheck(
      slow,
      control,
      { neutralSeconds: 0.05, repeatSeconds: 1.8, lagSeconds: 0 },
      5,
    );
    expect(throttled.throttled).toBe(true);
    expect(throttled.repeat_handshake_time).toBe(1.8);
    // The repeat was fast: the first handshake was slow for another reason, and nothing is refused.
    const passing = throttlingCheck(
      slow,
      control,
      { neutralSeconds: 0.05, repeatSeconds: 0.06, lagSeconds: 0 },
      5,
    );
    expect(passing.throttled).toBe(false);
    expect(passing.not_judged).toBeNull();
    // Both slow, but the probe was held through both: refused.
    const held = throttlingCheck(
      timing({ handshakeSeconds: 2, handshakeLagSeconds: 1.9 }),
      control,
      { neutralSeconds: 0.05, repeatSeconds: 1.8, lagSeconds: 1.75 },
      5,
    );
    expect(held.throttled).toBe(false);
    expect(held.not_judged).toBe('probe_loop_lag');
  });

  it('never calls a fast page throttled on a noisy ratio', () => {
    const c = throttlingCheck(
      timing({ transferSeconds: 0.15 }),
      { x_timings: { a: { http_transfer: 0.001 } } } as unknown as ControlResponse,
      null,
      5,
    );
    expect(c.throttled).toBe(false);
    expect(c.not_judged).toBeNull();
  });
});
