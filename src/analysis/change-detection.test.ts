import { describe, expect, it } from 'vitest';
import { type DayCount, detectChanges } from './change-detection.js';

/** A deterministic pseudo-random generator (mulberry32) so the noisy series are reproducible. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function day(i: number): string {
  return new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
}

/** `shares[i]` is the true anomalous share of day i; `n` measurements a day drawn with that share. */
function series(shares: number[], n: number, seed: number): DayCount[] {
  const r = rng(seed);
  return shares.map((p, i) => {
    let bad = 0;
    for (let k = 0; k < n; k++) if (r() < p) bad++;
    return { day: day(i), measurements: n, anomalous: bad };
  });
}

const steps = (...parts: [number, number][]) => parts.flatMap(([len, p]) => Array<number>(len).fill(p));

describe('CUSUM change detection', () => {
  it('finds a start and a stop at the right days on a clean series', () => {
    const s = series(steps([20, 0], [15, 1], [20, 0]), 3, 1);
    const changes = detectChanges(s);
    expect(changes.map((c) => [c.kind, c.changeDay])).toEqual([
      ['blocking_started', day(20)],
      ['blocking_stopped', day(35)],
    ]);
    expect(changes[0]!.score).toBeGreaterThan(8);
  });

  it('tolerates noise: 8% false positives and 85% detection still give exactly the two true changes, within 2 days', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const s = series(steps([40, 0.08], [30, 0.85], [40, 0.08]), 4, seed);
      const changes = detectChanges(s);
      expect(
        changes.map((c) => c.kind),
        `seed ${seed}`,
      ).toEqual(['blocking_started', 'blocking_stopped']);
      const at = changes.map((c) => s.findIndex((d) => d.day === c.changeDay));
      expect(Math.abs(at[0]! - 40), `seed ${seed}`).toBeLessThanOrEqual(2);
      expect(Math.abs(at[1]! - 70), `seed ${seed}`).toBeLessThanOrEqual(2);
    }
  });

  it('raises nothing on a noisy but stationary series, nor on a single anomalous day', () => {
    for (const seed of [11, 12, 13, 14, 15]) {
      expect(detectChanges(series(steps([120, 0.08]), 4, seed)), `seed ${seed}`).toEqual([]);
    }
    const spike = series(steps([10, 0], [1, 1], [10, 0]), 2, 3);
    expect(detectChanges(spike)).toEqual([]);
  });

  it('sees blocking from the first day, orders days itself and skips empty days', () => {
    const s = series(steps([10, 1]), 2, 4).reverse();
    s.push({ day: day(30), measurements: 0, anomalous: 0 });
    expect(detectChanges(s).map((c) => [c.kind, c.changeDay])).toEqual([['blocking_started', day(0)]]);
  });

  it('refuses nonsense parameters', () => {
    expect(() => detectChanges([], { p0: 0.5, p1: 0.2, threshold: 5 })).toThrow(RangeError);
  });
});
