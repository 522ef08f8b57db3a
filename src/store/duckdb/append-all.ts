/** Appending rows through a DuckDB appender so that a failed append leaves nothing behind. */
import type { DuckDBAppender } from '@duckdb/node-api';

export type Appender = DuckDBAppender;

/**
 * Fills an appender, flushes and closes it. When an append fails (a key already stored), that error is the one
 * thrown, and the appender's buffered rows are dropped first: an appender keeps them after a failed flush, and
 * closing it later (or the garbage collector destroying it) would flush them again inside whatever transaction
 * is running then, aborting it ("Current transaction is aborted").
 */
export function appendAll(a: Appender, fill: (a: Appender) => void): void {
  try {
    fill(a);
    a.flushSync();
  } catch (err) {
    a.clear();
    try {
      a.closeSync();
    } catch {
      // the append's own error says why
    }
    throw err;
  }
  a.closeSync();
}
