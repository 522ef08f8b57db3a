/** Printing for people (aligned tables) and for scripts (--json). */
import type { Io } from './run-command.js';

export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** An aligned plain-text table; null cells print as an en dash. */
export function formatTable(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined || c === '' ? '–' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return `${[line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')}\n`;
}

/** Counts by kind as "kind n, kind n" (in the order they were first counted). */
export function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
}

/** "N rejected (reason n, ...)" for an ingest summary line; the reasons only when there are some. */
export function rejectionsText(summary: {
  rejected: number;
  rejectedByReason: Record<string, number>;
}): string {
  const reasons = countsText(summary.rejectedByReason);
  return `${summary.rejected} rejected${reasons ? ` (${reasons})` : ''}`;
}

/** A table for people; an empty one is the sentence `none` rather than a bare header. */
export function printTable(
  io: Io,
  headers: string[],
  rows: (string | number | null | undefined)[][],
  none: string,
): void {
  io.out(rows.length > 0 ? formatTable(headers, rows) : `${none}\n`);
}
