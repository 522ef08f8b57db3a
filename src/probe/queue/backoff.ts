/** Exponential backoff with jitter for resubmissions: each wait doubles up to a cap, and is drawn in its upper half. */

export interface BackoffPolicy {
  /** The first wait, before any doubling. */
  baseMs: number;
  /** No wait is longer. */
  maxMs: number;
  /** Attempts per measurement in one flush (the queue keeps it for the next). */
  maxAttempts: number;
}

/** What `probe queue flush` and `probe run --submit` use unless told otherwise. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 6 };

/**
 * The wait after the `attempt`-th failure (1 = the first): min(max, base × 2^(attempt−1)), of which a random half
 * is taken off ("equal jitter"), so probes that lost the same server do not all come back at once. A server's
 * Retry-After is honoured when it asks for longer.
 */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
  retryAfterMs: number | null = null,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.round(Math.max(jittered, Math.min(retryAfterMs ?? 0, policy.maxMs)));
}
