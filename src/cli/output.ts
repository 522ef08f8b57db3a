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

/** A table for people; an empty one is the sentence `none` rather than a bare header. */
export function printTable(
  io: Io,
  headers: string[],
  rows: (string | number | null | undefined)[][],
  none: string,
): void {
  io.out(rows.length > 0 ? formatTable(headers, rows) : `${none}\n`);
}
