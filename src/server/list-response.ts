/** Answers a list in JSON (`{ items, next_cursor }`) or CSV, with cursor pagination over in-memory rows. */
import type { Context } from 'hono';
import { toCsv } from '../shared/csv.js';
import { InvalidInputError } from '../shared/errors.js';
import { type ListContract, type ListPage, toPageJson } from './contract/list-contract.js';

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
 * Sends a page through its contract: JSON as `{ items, next_cursor }`, or CSV (`format=csv`) with the contract's
 * columns, read from the same JSON items, so both speak the same names.
 */
export function sendList<T, J>(
  c: Context,
  page: ListPage<T>,
  format: 'json' | 'csv',
  contract: ListContract<T, J>,
  name: string,
): Response {
  const json = toPageJson(page, contract);
  if (format === 'json') return c.json(json);
  return sendCsv(c, contract.csvColumns, json.items.map(contract.csvRow), name, page.nextCursor);
}

/**
 * Sends rows as CSV with the given columns; nested values become JSON text, arrays are joined with `;`. The next
 * cursor, if any, travels in the `X-Next-Cursor` header.
 */
export function sendCsv(
  c: Context,
  columns: readonly string[],
  rows: Record<string, unknown>[],
  name: string,
  nextCursor: string | null = null,
): Response {
  const cells = rows.map((row) => Object.fromEntries(columns.map((col) => [col, flatten(row[col])])));
  if (nextCursor) c.header('X-Next-Cursor', nextCursor);
  c.header('Content-Disposition', `inline; filename="${name}.csv"`);
  return c.body(toCsv([...columns], cells), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
}

function flatten(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(';');
  if (typeof value === 'object') return JSON.stringify(value);
  return value as string | number | boolean;
}
