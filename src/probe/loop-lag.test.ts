import { describe, expect, it } from 'vitest';
import { holdLoop } from '../../testkit/netsim/stalling-relay.js';
import { openLoopLagWindow, withLoopLag } from './loop-lag.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the event-loop lag sampler', () => {
  it('sees a hold of the loop inside a window, and none in a window opened after it', async () => {
    const held = openLoopLagWindow();
    await sleep(30);
    holdLoop(300);
    const after = openLoopLagWindow();
    await sleep(50);
    const lagHeld = held.close();
    const lagAfter = after.close();
    expect(lagHeld.totalMs).toBeGreaterThanOrEqual(280);
    expect(lagHeld.maxMs).toBeGreaterThanOrEqual(280);
    // The later window opened once the hold was over: the tick that reported it must not charge it there.
    expect(lagAfter.totalMs).toBeLessThan(lagHeld.totalMs - 200);
  });

  it('counts a hold that ends just before the window closes (the tick in progress)', async () => {
    const { lag } = await withLoopLag(async () => {
      await sleep(15);
      holdLoop(200);
    });
    expect(lag.totalMs).toBeGreaterThanOrEqual(180);
  });

  it('says little for a window where the loop only waited', async () => {
    const { lag } = await withLoopLag(() => sleep(200));
    const { lag: busy } = await withLoopLag(async () => holdLoop(200));
    expect(busy.totalMs).toBeGreaterThanOrEqual(180);
    expect(lag.totalMs).toBeLessThan(busy.totalMs);
  });
});
