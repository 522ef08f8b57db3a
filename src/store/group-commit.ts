/**
 * Group commit: batches that callers submit while a commit runs are written together in the next one, so that
 * many small concurrent writers (a probe's submissions) cost one transaction, not one each. Each caller still
 * gets its own answer, and a batch that makes a group fail is retried alone, so it cannot fail the others.
 */

/** Writes several batches in one transaction; answers one result per batch, in order. */
export type CommitBatches<B, R> = (batches: B[]) => Promise<R[]>;

interface Waiting<B, R> {
  batch: B;
  size: number;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

export class GroupCommit<B, R> {
  private queue: Waiting<B, R>[] = [];
  private draining: Promise<void> | null = null;

  /**
   * @param commit writes batches atomically (all of them or none)
   * @param sizeOf how many records a batch holds
   * @param maxGroup records per group at most (one larger batch still goes alone)
   */
  constructor(
    private readonly commit: CommitBatches<B, R>,
    private readonly sizeOf: (batch: B) => number,
    private readonly maxGroup = 10_000,
  ) {}

  /** Resolves once the batch is committed (or rejects with why it could not be). */
  submit(batch: B): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ batch, size: this.sizeOf(batch), resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Resolves once every batch submitted so far is committed or refused (for closing the store). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.commitGroup(this.takeGroup());
    } finally {
      this.draining = null;
    }
  }

  private takeGroup(): Waiting<B, R>[] {
    let records = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || records + this.queue[n]!.size <= this.maxGroup)) {
      records += this.queue[n]!.size;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private async commitGroup(group: Waiting<B, R>[]): Promise<void> {
    try {
      const results = await this.commit(group.map((w) => w.batch));
      for (const [i, w] of group.entries()) w.resolve(results[i]!);
    } catch (err) {
      if (group.length === 1) {
        group[0]!.reject(err);
        return;
      }
      // Which batch failed is unknown: each goes again alone, and only the failing ones fail.
      for (const w of group) await this.commitGroup([w]);
    }
  }
}
