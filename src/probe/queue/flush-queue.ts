/**
 * Sending the queue: each pending measurement to its server, retried with backoff and jitter, removed once stored,
 * moved aside when refused for good, kept for later when its server stays unreachable (the queue's other
 * measurements for that server then wait for the next flush instead of each waiting out its own retries).
 */
import { type BackoffPolicy, backoffDelay } from './backoff.js';
import type { QueueEntry, SubmissionQueue } from './submission-queue.js';
import { type SendResult, submitText } from './submit-measurement.js';

export interface FlushOptions {
  policy: BackoffPolicy;
  /** A registered probe's API token (`netfreedom probes register`), sent with every submission. */
  token?: string;
  send?: (server: string, text: string) => Promise<SendResult>;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Stops between attempts: what is not sent stays queued. */
  signal?: AbortSignal;
  onResult?(entry: QueueEntry, result: SendResult): void;
}

export interface FlushReport {
  stored: { id: string; uid: string; status: 'added' | 'duplicate' }[];
  refused: { id: string; reason: string }[];
  /** Still queued: the last reason its server gave (or that it was not tried, its server being down). */
  left: { id: string; reason: string }[];
}

export function emptyReport(): FlushReport {
  return { stored: [], refused: [], left: [] };
}

/** One pass over the queue, oldest first. */
export async function flushQueue(queue: SubmissionQueue, opts: FlushOptions): Promise<FlushReport> {
  const report = emptyReport();
  const send = opts.send ?? ((server, text) => submitText(server, text, { token: opts.token }));
  const sleep = opts.sleep ?? abortableSleep;
  const down = new Map<string, string>();
  for (const entry of queue.pending()) {
    const known = down.get(entry.server);
    if (known !== undefined || opts.signal?.aborted) {
      report.left.push({ id: entry.id, reason: known ?? 'interrupted' });
      continue;
    }
    for (let attempt = 1; ; attempt++) {
      const result = await send(entry.server, entry.text);
      opts.onResult?.(entry, result);
      if (result.kind === 'stored') {
        queue.remove(entry.id);
        report.stored.push({ id: entry.id, uid: result.uid, status: result.status });
        break;
      }
      if (result.kind === 'refused') {
        queue.reject(entry.id, result.reason);
        report.refused.push({ id: entry.id, reason: result.reason });
        break;
      }
      if (attempt >= opts.policy.maxAttempts || opts.signal?.aborted) {
        down.set(entry.server, result.reason);
        report.left.push({ id: entry.id, reason: result.reason });
        break;
      }
      await sleep(backoffDelay(opts.policy, attempt, opts.random, result.retryAfterMs), opts.signal);
    }
  }
  return report;
}

/** Adds `more` to `report`. */
export function mergeReports(report: FlushReport, more: FlushReport): FlushReport {
  return {
    stored: [...report.stored, ...more.stored],
    refused: [...report.refused, ...more.refused],
    left: more.left,
  };
}

/** Waits `ms`, or less when `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
