/** The one place where values become SQL text for engines without bound parameters (ClickHouse 18.16). */
import { InvalidInputError } from '../../shared/errors.js';

/** Values the query builders pass to SQL. */
export type SqlValue = string | number | boolean | null;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Longest string accepted as a literal: measurement data is hostile, and a filter value is never this long. */
export const MAX_LITERAL_LENGTH = 1_000_000;

/**
 * A ClickHouse string literal: backslash and quote escaped, control characters as \xHH.
 * Strings with invalid UTF-16 (lone surrogates) or over MAX_LITERAL_LENGTH are refused.
 */
export function quoteString(value: string): string {
  if (value.length > MAX_LITERAL_LENGTH) {
    throw new InvalidInputError(`a value of ${value.length} characters is too long for a query`);
  }
  if (LONE_SURROGATE.test(value))
    throw new InvalidInputError('a value contains invalid Unicode (a lone surrogate)');
  let out = "'";
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

/** A numeric literal; NaN and infinities have no SQL spelling and are refused. */
export function quoteNumber(value: number): string {
  if (!Number.isFinite(value)) throw new InvalidInputError(`${value} is not a finite number`);
  return Number.isInteger(value) ? value.toFixed(0) : String(value);
}

/** Any SqlValue as a literal. */
export function quoteValue(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return quoteNumber(value);
  return quoteString(value);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** A YYYY-MM-DD date that exists in the calendar; anything else is refused before it reaches SQL. */
export function checkDate(value: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidInputError(`"${value.slice(0, 40)}" is not a date (YYYY-MM-DD)`);
  }
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new InvalidInputError(`"${value}" is not a date in the calendar`);
  }
  return value;
}

/** A "YYYY-MM-DD HH:MM:SS" UTC timestamp. */
export function checkDateTime(value: string): string {
  if (!DATETIME.test(value)) throw new InvalidInputError(`"${value.slice(0, 40)}" is not a timestamp`);
  checkDate(value.slice(0, 10));
  return value;
}

/** An identifier (table, database, column) from our own code or configuration: letters, digits, underscore. */
export function checkIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
    throw new InvalidInputError(`"${name.slice(0, 40)}" is not a valid SQL identifier`);
  }
  return name;
}

/** A table name, optionally qualified by its database ("db.table"). */
export function checkTableName(name: string): string {
  const parts = name.split('.');
  if (parts.length > 2) throw new InvalidInputError(`"${name.slice(0, 40)}" is not a valid table name`);
  for (const p of parts) checkIdentifier(p);
  return name;
}
