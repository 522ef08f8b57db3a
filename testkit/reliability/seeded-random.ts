/** A seeded random source for the crash rounds, so a failing round can be replayed from the seed it printed. */

/** A deterministic generator of numbers in [0, 1) (mulberry32). */
export type Random = () => number;

/** mulberry32: small, fast and good enough to pick kill moments; the same seed gives the same moments. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The seed of a run: NETFREEDOM_CRASH_SEED when set (to replay a failure), else a new one. It is printed with the
 * section's name, because a kill moment that found a bug is only useful if it can be found again.
 */
export function crashSeed(section: string): number {
  const given = process.env.NETFREEDOM_CRASH_SEED;
  const seed = given !== undefined && /^\d+$/.test(given) ? Number(given) : Date.now() % 2 ** 31;
  console.log(`${section}: seed ${seed} (replay with NETFREEDOM_CRASH_SEED=${seed})`);
  return seed;
}

/** A whole number in [min, max]. */
export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
