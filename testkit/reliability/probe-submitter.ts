/**
 * A probe of the load test: its measurements in a queue that lives in memory, sent by the probe's own flush
 * (`flushQueue`: `submitText` with its backoff, retried on unreachable, 408, 429 and 5xx) until none is left, with
 * the time of every request and how each was answered.
 */
import { type BackoffPolicy, DEFAULT_BACKOFF } from '../../src/probe/queue/backoff.js';
import { flushQueue } from '../../src/probe/queue/flush-queue.js';
import type { QueueEntry, SubmissionQueue } from '../../src/probe/queue/submission-queue.js';
import { submitText } from '../../src/probe/queue/submit-measurement.js';
import type { Submission } from './submission-bodies.js';

export interface ProbeRun {
  /** uid → how many times the server answered `added` (more than once is a duplicate). */
  added: Map<string, number>;
  /** Measurements the server acknowledged (added or duplicate), by the uid it answered. */
  acknowledged: Set<string>;
  /** Answers that asked for a retry (429, 5xx, unreachable), by reason. */
  retries: Map<string, number>;
  /** Measurements refused for good (a 4xx other than 408 and 429): none is expected. */
  refused: string[];
  /** Milliseconds of every request answered with a stored measurement. */
  latencies: number[];
}

export function emptyRun(): ProbeRun {
  return { added: new Map(), acknowledged: new Set(), retries: new Map(), refused: [], latencies: [] };
}

/**
 * The queue's three operations that a flush uses, over an array: the file queue would add two fsyncs per
 * measurement to the load generator's event loop, which is not what is being measured.
 */
function memoryQueue(server: string, items: Submission[]): SubmissionQueue {
  const pending = new Map(items.map((s) => [s.uid, s.body]));
  const queue = {
    pending: (): QueueEntry[] => [...pending].map(([id, text]) => ({ id, server, queuedAt: '', text })),
    remove: (id: string) => void pending.delete(id),
    reject: (id: string) => void pending.delete(id),
  };
  return queue as unknown as SubmissionQueue;
}

/** Sends `items` to `server` as a probe does, flushing again while some are left (at most `maxFlushes`). */
export async function runProbe(
  server: string,
  items: Submission[],
  run: ProbeRun,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  maxFlushes = 20,
): Promise<number> {
  const queue = memoryQueue(server, items);
  let left = items.length;
  for (let flush = 0; flush < maxFlushes && left > 0; flush++) {
    const report = await flushQueue(queue, {
      policy,
      send: async (to, text) => {
        const started = performance.now();
        const result = await submitText(to, text);
        if (result.kind === 'stored') run.latencies.push(performance.now() - started);
        if (result.kind === 'retry') {
          const reason = result.reason.replace(/^.*? (answered|unreachable)/, '$1').slice(0, 60);
          run.retries.set(reason, (run.retries.get(reason) ?? 0) + 1);
        }
        return result;
      },
    });
    for (const s of report.stored) {
      run.acknowledged.add(s.uid);
      if (s.status === 'added') run.added.set(s.uid, (run.added.get(s.uid) ?? 0) + 1);
    }
    run.refused.push(...report.refused.map((r) => r.reason));
    left = report.left.length;
  }
  return left;
}

/** The p-th quantile (0..1) of `values`, in whole ms. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!);
}
