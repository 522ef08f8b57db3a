/** RFC 4180 CSV reading and writing that keeps the line number of every record. */

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

/**
 * Splits CSV text into records. Quoted fields may contain commas, quotes ("") and newlines.
 * An unterminated quote is reported on the record where it started.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let fieldStarted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      fieldStarted = false;
      line++;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (inQuotes) throw new CsvSyntaxError(recordLine, 'unterminated quoted field', records);
  if (fieldStarted || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}

/**
 * Text that is not CSV from `line` on (an unterminated quote swallows the rest of the file); `before` holds the
 * records read whole before it, so that a reader can keep them and report the rest.
 */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
    readonly before: CsvRecord[] = [],
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/**
 * Text a spreadsheet would run as a formula: = + - @ or their full-width forms (＝ ＋ － ＠, which spreadsheets
 * read the same way) as the first character that is not whitespace, since leading spaces and line breaks are
 * skipped; or a tab, CR or LF first. Behind leading apostrophes too, so that `unformula` takes off only the one
 * `csvField` added: "'=x" is written "''=x" and reads back as "'=x".
 */
const NEEDS_GUARD = /^'*(?:[\t\r\n]|[\s\u0085]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

/**
 * Quotes a value for CSV when it needs it. Text that a spreadsheet would read as a formula gets a leading
 * apostrophe (OWASP's advice against CSV injection): exported data is measurement data, and hostile; numbers stay
 * as they are (-3.5 is a number, "-3.5" is text and guarded). `unformula` takes the apostrophe off again when our
 * own CSV is read back.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' && NEEDS_GUARD.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The inverse of csvField's guard: `'=…` read back from our own CSV is `=…` again. */
export function unformula(cell: string): string {
  return cell.startsWith("'") && NEEDS_GUARD.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** Renders rows (objects with the same keys) as CSV with a header line. */
export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) {
    lines.push(
      columns.map((c) => csvField(row[c] as string | number | boolean | null | undefined)).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
