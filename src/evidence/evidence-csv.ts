/** Reading the evidence CSV files: a header with named columns, rows by line, cells trimmed; a bad row is a problem with its line. */
import type { LintProblem } from '../model/test-list.js';
import { CsvSyntaxError, parseCsv, unformula } from '../shared/csv.js';

/** One row: its line and its cells by column name ('' for an optional column the file leaves out). */
export interface CsvRow {
  line: number;
  cell(column: string): string;
}

/**
 * Splits a file into rows; the header must hold every `required` column and may hold `optional` ones. A file
 * that cannot be read as CSV, or lacks a column, is one problem and no rows.
 */
export function readCsvRows(
  text: string,
  file: string,
  required: readonly string[],
  optional: readonly string[] = [],
): { rows: CsvRow[]; problems: LintProblem[] } {
  let records: ReturnType<typeof parseCsv>;
  // Rows before a syntax error (an unterminated quote) are kept; the error is one problem at its line.
  const problems: LintProblem[] = [];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    records = err.before;
    problems.push({ file, line: err.line, reason: err.reason });
  }
  const header = records[0];
  if (!header)
    return {
      rows: [],
      problems: problems.length ? problems : [{ file, line: 1, reason: 'the file is empty' }],
    };
  const names = header.fields.map((f) => f.trim());
  const missing = required.filter((c) => !names.includes(c));
  if (missing.length > 0)
    return {
      rows: [],
      problems: [
        { file, line: header.line, reason: `missing column(s): ${missing.join(', ')}` },
        ...problems,
      ],
    };
  const unknown = names.filter((c) => !required.includes(c) && !optional.includes(c));
  if (unknown.length > 0)
    return {
      rows: [],
      problems: [
        { file, line: header.line, reason: `unknown column(s): ${unknown.join(', ')}` },
        ...problems,
      ],
    };
  const index = new Map(names.map((name, i) => [name, i]));
  const rows: CsvRow[] = [];
  for (const record of records.slice(1)) {
    if (record.fields.length === 1 && record.fields[0]!.trim() === '') continue;
    if (record.fields.length !== names.length) {
      problems.push({
        file,
        line: record.line,
        reason: `expected ${names.length} columns, found ${record.fields.length}`,
      });
      continue;
    }
    const fields = record.fields;
    rows.push({
      line: record.line,
      cell: (column) => {
        const i = index.get(column);
        return i === undefined ? '' : unformula(fields[i]!.trim());
      },
    });
  }
  return { rows, problems: problems.sort((a, b) => a.line - b.line) };
}

/** A list cell: items separated by spaces, commas or semicolons (`B3, C2`; URLs separated by spaces). */
export function listCell(value: string): string[] {
  return value
    .split(/[\s,;]+/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/** A list of http(s) URLs; a word that is not one is refused by name. */
export function urlList(value: string, column: string): string[] {
  const urls = value.split(/\s+/).filter(Boolean);
  for (const u of urls)
    if (!/^https?:\/\/\S+$/.test(u)) throw new Error(`${column}: "${u}" is not an http(s) URL`);
  return urls;
}
