/** A source's id: derived from its URL, so that the same URL is the same source wherever it is cited. */
import { createHash } from 'node:crypto';

/** `src-` and the first 16 hex digits of the URL's SHA-256. */
export function sourceId(url: string): string {
  return `src-${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;
}

/** A partial date as sources give them: YYYY, YYYY-MM or YYYY-MM-DD that exists. */
export function isPartialDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The first day a partial date can mean (`2022-01` → `2022-01-01`). */
export function firstDay(date: string): string {
  if (date.length === 4) return `${date}-01-01`;
  if (date.length === 7) return `${date}-01`;
  return date;
}

/** The last day a partial date can mean (`2022-02` → `2022-02-28`). */
export function lastDay(date: string): string {
  if (date.length === 4) return `${date}-12-31`;
  if (date.length === 7) {
    const [y, m] = date.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  }
  return date;
}
