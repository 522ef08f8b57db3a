/** Answers a list in JSON (`{ items, nextCursor }`) or CSV, with cursor pagination over in-memory rows. */
import type { Context } from 'hono';
import { toCsv } from '../shared/csv.js';
import { InvalidInputError } from '../shared/errors.js';

/** One page of a list. */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** Cuts a page out of rows already in order; the cursor is the offset, opaque to clients. */
export function paginate<T>(rows: T[], cursor: string | undefined, limit: number): ListPage<T> {
  const offset = cursor === undefined ? 0 : decodeOffset(cursor);
  const items = rows.slice(offset, offset + limit);
  const next = offset + items.length;
  return { items, nextCursor: next < rows.length ? encodeOffset(next) : null };
}

export function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeOffset(cursor: string): number {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof value.o === 'number' && Number.isInteger(value.o) && value.o >= 0) return value.o;
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError(
    `query parameter "cursor": "${cursor.slice(0, 40)}" is not a cursor from this API`,
  );
}

/**
 * Sends a page as JSON, or as CSV (`format=csv`) with the given columns; nested values become JSON text,
 * arrays are joined with `;`. The CSV carries the next cursor in a `Link`-style header.
 */
export function sendList<T extends object>(
  c: Context,
  page: ListPage<T>,
  format: 'json' | 'csv',
  columns: string[],
  name: string,
): Response {
  if (format === 'json') return c.json(page);
  const rows = page.items.map((item) =>
    Object.fromEntries(columns.map((col) => [col, flatten((item as Record<string, unknown>)[col])])),
  );
  if (page.nextCursor) c.header('X-Next-Cursor', page.nextCursor);
  c.header('Content-Disposition', `inline; filename="${name}.csv"`);
  return c.body(toCsv(columns, rows), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
}

function flatten(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(';');
  if (typeof value === 'object') return JSON.stringify(value);
  return value as string | number | boolean;
}
