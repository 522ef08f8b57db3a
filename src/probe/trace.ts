/** The clock and id source of one measurement: times are seconds since its start, ids count up. */

/** Hands out `t0`/`t` timestamps and transaction ids for the records of one measurement. */
export class Trace {
  private readonly start = performance.now();
  private lastId = 0;

  /** Seconds since the measurement started, rounded to microseconds. */
  now(): number {
    return Math.round((performance.now() - this.start) * 1000) / 1_000_000;
  }

  nextTransactionId(): number {
    this.lastId += 1;
    return this.lastId;
  }
}
