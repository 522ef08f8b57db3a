/**
 * The store's single writer: one write at a time, in the order asked, owned by the store and not by its callers.
 * Code running inside a write (found through AsyncLocalStorage, so only what that write itself awaits) joins it
 * instead of waiting for itself.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export class WriteLock {
  private readonly holder = new AsyncLocalStorage<true>();
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  /** True inside a function that run() is running (and in everything that function awaits). */
  get held(): boolean {
    return this.holder.getStore() === true;
  }

  /** Writes queued or running. */
  get pending(): number {
    return this.waiting;
  }

  /**
   * Runs `fn` once every earlier write has ended; inside a write it runs at once, as part of that write. A write
   * that throws releases the lock as one that returns does.
   */
  run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.held) return fn();
    this.waiting++;
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    return previous
      .then(() => this.holder.run(true, fn))
      .finally(() => {
        this.waiting--;
        release();
      });
  }

  /** Resolves once every write queued so far has ended (for closing). */
  async drain(): Promise<void> {
    await this.run(async () => {});
  }
}
