/** Runs a fast-check property as a reliability figure: counts the inputs tried and the crashes, and keeps the first. */
import fc from 'fast-check';

/** What a property run found: inputs tried, crashes (anything thrown that is not a clean refusal), the first one. */
export interface PropertyOutcome {
  tried: number;
  crashes: number;
  /** The first crash, shrunk by fast-check, with the input that caused it. */
  first: string | null;
  /** The seed of the run (NETFREEDOM_FUZZ_SEED makes a run again). */
  seed: number;
}

let runIndex = 0;
/** A fresh seed per property, or NETFREEDOM_FUZZ_SEED plus the property's index to replay a run. */
function propertySeed(): number {
  const fixed = process.env.NETFREEDOM_FUZZ_SEED;
  return fixed ? Number(fixed) + runIndex++ : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
}

/**
 * Calls `body` on `runs` generated inputs; `clean(err)` says whether a thrown error is a refusal the program means
 * (its clean error classes). Anything else thrown, or a body that returns false, is a crash. Not stopped at the
 * first crash, so that the figure counts them all; fast-check then shrinks the first to a small input.
 */
export async function runProperty<T>(
  arbitrary: fc.Arbitrary<T>,
  body: (value: T) => unknown,
  options: { runs: number; clean: (err: unknown) => boolean; seed?: number },
): Promise<PropertyOutcome> {
  const outcome: PropertyOutcome = {
    tried: 0,
    crashes: 0,
    first: null,
    seed: options.seed ?? propertySeed(),
  };
  const seed = outcome.seed;
  const crashes = (value: T): Promise<string | null> =>
    Promise.resolve()
      .then(() => body(value))
      .then(
        (ok: unknown) => (ok === false ? 'the property answered false' : null),
        (err: unknown) => (options.clean(err) ? null : describe(err)),
      );
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      outcome.tried++;
      if ((await crashes(value)) !== null) outcome.crashes++;
      return true;
    }),
    { numRuns: options.runs, seed },
  );
  if (outcome.crashes > 0) {
    // Again, stopping at the first crash this time, so that fast-check shrinks it to a small input.
    let message: string | null = null;
    const details = await fc.check(
      fc.asyncProperty(arbitrary, async (value) => {
        const crash = await crashes(value);
        if (crash !== null) message = crash;
        return crash === null;
      }),
      { numRuns: options.runs, seed },
    );
    outcome.first = details.failed
      ? `${message} (seed ${seed}) for ${JSON.stringify(details.counterexample)?.slice(0, 600)}`
      : 'not found again';
  }
  return outcome;
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
