/** Reads a Citizen Lab test list file into entries, keeping each row's line number. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { TestListEntry } from '../model/test-list.js';
import { type CsvRecord, parseCsv } from '../shared/csv.js';
import { InvalidDataError } from '../shared/errors.js';

export const LIST_HEADER = ['url', 'category_code', 'category_description', 'date_added', 'source', 'notes'];

/** The list name of a file: `kz` for `kz.csv`. */
export function listName(file: string): string {
  return basename(file).replace(/\.csv$/i, '');
}

/** Raw records of a list file (header included), for linting. */
export async function readListRecords(file: string): Promise<CsvRecord[]> {
  try {
    return parseCsv(await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as { line?: number }).line !== undefined) {
      throw new InvalidDataError(
        `${file}:${(err as { line: number }).line}`,
        (err as { reason: string }).reason,
      );
    }
    throw new InvalidDataError(file, `cannot read the list (${(err as Error).message})`);
  }
}

/** Entries of a list; rows without the 6 columns are skipped (the linter reports them). */
export async function readList(file: string): Promise<TestListEntry[]> {
  const list = listName(file);
  return (await readListRecords(file))
    .slice(1)
    .filter((r) => r.fields.length === LIST_HEADER.length)
    .map((r) => {
      const [url, categoryCode, categoryDescription, dateAdded, source, notes] = r.fields as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      return { url, categoryCode, categoryDescription, dateAdded, source, notes, list, line: r.line };
    });
}
