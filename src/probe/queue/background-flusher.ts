/**
 * Submission while a run measures: each measurement is sent as soon as it is queued; while its server is
 * unreachable the flusher waits (exponential backoff with jitter between passes) and the run goes on measuring.
 * `finish` makes a last pass with the full retry policy; what is still not sent stays queued for
 * `netfreedom probe queue flush`.
 */
import { type BackoffPolicy, backoffDelay } from './backoff.js';
import {
  abortableSleep,
  emptyReport,
  type FlushOptions,
  type FlushReport,
  flushQueue,
  mergeReports,
} from './flush-queue.js';
import type { SubmissionQueue } from './submission-queue.js';

export class BackgroundFlusher {
  private report = emptyReport();
  private wanted = false;
  private running: Promise<void> | null = null;
  private failedPasses = 0;
  private readonly stopping = new AbortController();

  constructor(
    private readonly queue: SubmissionQueue,
    private readonly policy: BackoffPolicy,
    private readonly options: Omit<FlushOptions, 'policy' | 'signal'> = {},
  ) {}

  /** A measurement was queued: send it (now, or after the current wait). */
  notify(): void {
    this.wanted = true;
    this.running ??= this.loop().finally(() => {
      this.running = null;
    });
  }

  /** Stops the background passes, makes the last one, and tells what was stored, refused and left. */
  async finish(): Promise<FlushReport> {
    this.stopping.abort();
    await this.running;
    const last = await flushQueue(this.queue, { ...this.options, policy: this.policy });
    this.report = mergeReports(this.report, last);
    return this.report;
  }

  private async loop(): Promise<void> {
    const sleep = this.options.sleep ?? abortableSleep;
    while (this.wanted && !this.stopping.signal.aborted) {
      this.wanted = false;
      // One attempt per measurement here: the waiting between attempts is this loop's.
      const pass = await flushQueue(this.queue, {
        ...this.options,
        policy: { ...this.policy, maxAttempts: 1 },
        signal: this.stopping.signal,
      });
      this.report = mergeReports(this.report, pass);
      if (pass.left.length === 0) {
        this.failedPasses = 0;
        continue;
      }
      this.failedPasses += 1;
      this.wanted = true;
      const wait = backoffDelay(this.policy, this.failedPasses, this.options.random);
      await sleep(wait, this.stopping.signal);
    }
  }
}
