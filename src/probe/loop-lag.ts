/** Measures how late the probe's own event loop ran while a step was timed: a starved probe looks like a slow network. */

/**
 * The sampler's period. A timer due every 10 ms that fires late says by how much the loop was held (by our own
 * work or by a machine that did not schedule us); 10 ms is the finest period Node's timers keep on a busy loop, and
 * costs about a hundred wake-ups a second, only while some window is open.
 */
const TICK_MS = 10;

/** The stall seen by one window: the sum of the sampler's delays beyond its period, and the longest one. */
export interface LoopLag {
  /** Milliseconds the loop was held in total while the window was open. */
  totalMs: number;
  /** The longest single hold, in milliseconds. */
  maxMs: number;
}

/** An open measurement window; `close()` stops it and says how much the loop lagged while it was open. */
export interface LoopLagWindow {
  close(): LoopLag;
}

interface OpenWindow {
  openedAt: number;
  totalMs: number;
  maxMs: number;
}

const open = new Set<OpenWindow>();
let timer: NodeJS.Timeout | null = null;
let lastTick = 0;

/** Adds the delay since the last tick to every open window (a window counts only what fell after it opened). */
function account(now: number): void {
  const late = now - lastTick - TICK_MS;
  if (late <= 0) return;
  for (const w of open) {
    const share = Math.min(late, now - w.openedAt);
    if (share <= 0) continue;
    w.totalMs += share;
    if (share > w.maxMs) w.maxMs = share;
  }
}

function tick(): void {
  const now = performance.now();
  account(now);
  lastTick = now;
  timer = open.size > 0 ? setTimeout(tick, TICK_MS).unref() : null;
}

/**
 * Opens a window over the shared sampler (one timer for every measurement in flight). Closing it also counts the
 * delay of the tick in progress, so a hold that ends just before the window closes is not missed.
 */
export function openLoopLagWindow(): LoopLagWindow {
  const w: OpenWindow = { openedAt: performance.now(), totalMs: 0, maxMs: 0 };
  if (timer === null) {
    lastTick = w.openedAt;
    timer = setTimeout(tick, TICK_MS).unref();
  }
  open.add(w);
  let result: LoopLag | null = null;
  return {
    close() {
      if (result) return result;
      const now = performance.now();
      // The tick in progress: what it is late by so far belongs to this window (the others get it at the tick).
      const pending = Math.min(now - lastTick - TICK_MS, now - w.openedAt);
      if (pending > 0) {
        w.totalMs += pending;
        if (pending > w.maxMs) w.maxMs = pending;
      }
      open.delete(w);
      result = { totalMs: w.totalMs, maxMs: w.maxMs };
      return result;
    },
  };
}

/** Runs `fn` inside a window; returns its value and the loop's lag while it ran. */
export async function withLoopLag<T>(fn: () => Promise<T>): Promise<{ value: T; lag: LoopLag }> {
  const w = openLoopLagWindow();
  try {
    const value = await fn();
    return { value, lag: w.close() };
  } finally {
    w.close();
  }
}
