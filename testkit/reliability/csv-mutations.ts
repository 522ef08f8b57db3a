/**
 * Generated CSV files for the bad-input properties: the real rows of a bundled CSV, untouched, followed by damaged
 * ones (a cell replaced by hostile text, a column too many or too few, a stray quote, a BOM, CRLF, invalid UTF-8).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { csvField, parseCsv } from '../../src/shared/csv.js';

/** A bundled CSV read into its header and rows of cells. */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

export function readTable(path: string): CsvTable {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8')).map((r) => r.fields);
  return { header: header!, rows };
}

/** Text that breaks readers: quotes, formula starts, control characters, huge, unicode tricks, numbers out of range. */
export const hostileCell = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '"',
    '""',
    '=HYPERLINK("http://x")',
    '-1',
    '999999999999999999999',
    'NaN',
    '1e309',
    '\u0000',
    '\r',
    '\n',
    '\uFEFF',
    '\u202Eevil',
    "'; DROP TABLE documents; --",
    '2024-02-30',
    '0000-00-00',
    'http://',
    'javascript:alert(1)',
    ' KZ ',
    'kz',
  ),
  fc.nat({ max: 200_000 }).map((n) => 'x'.repeat(n)),
);

/** One damaged row: a copy of `row` with one change. */
export const damagedRow = (row: string[]): fc.Arbitrary<string> =>
  fc
    .tuple(fc.nat(), hostileCell, fc.constantFrom('cell', 'extra column', 'missing column', 'empty'))
    .map(([at, cell, how]) => {
      const cells = row.map(csvField);
      if (how === 'cell') cells[at % cells.length] = csvField(cell);
      if (how === 'extra column') cells.push(csvField(cell));
      if (how === 'missing column') cells.splice(at % cells.length, 1);
      if (how === 'empty') return cells.map(() => '').join(',');
      return cells.join(',');
    });

/** A file: the header, `good` real rows untouched, then damaged ones; each line's number is known. */
export interface GeneratedCsv {
  bytes: Buffer;
  /** Line numbers (1-based) where each untouched row starts. */
  goodLines: number[];
  /** The untouched rows' cells, in the same order. */
  goodRows: string[][];
  /** Lines in the file, for bounds checks. */
  lines: number;
}

/**
 * Files of a table: untouched rows first (so that a damaged row cannot make an earlier good one contradict it),
 * then damaged ones; optionally a BOM, CRLF line ends, a stray quote or invalid UTF-8 at the end.
 */
export function generatedCsv(table: CsvTable, groupColumn?: string): fc.Arbitrary<GeneratedCsv> {
  // Rows that gather under an id (a survey's answers) are damaged under an id of their own: a damaged answer
  // may rightly make its whole survey refused, which would count against the untouched rows beside it.
  const group = groupColumn === undefined ? -1 : table.header.indexOf(groupColumn);
  const row = fc
    .constantFrom(...table.rows)
    .map((r) => (group < 0 ? r : r.map((cell, i) => (i === group ? `damaged-${cell}` : cell))));
  return fc
    .tuple(
      fc.uniqueArray(fc.nat({ max: table.rows.length - 1 }), { maxLength: 6 }),
      fc.array(row.chain(damagedRow), { maxLength: 6 }),
      fc.boolean(),
      fc.boolean(),
      fc.constantFrom('', '"unterminated', '\xff\xfe', 'a,b'),
    )
    .map(([goodIndexes, damaged, bom, crlf, tail]) => {
      const eol = crlf ? '\r\n' : '\n';
      const lines = [table.header.map(csvField).join(',')];
      const goodLines: number[] = [];
      let line = 2;
      for (const i of goodIndexes) {
        const text = table.rows[i]!.map(csvField).join(',');
        goodLines.push(line);
        lines.push(text);
        line += text.split('\n').length;
      }
      lines.push(...damaged);
      const text = `${bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`;
      const bytes = Buffer.concat([
        Buffer.from(text, 'utf8'),
        tail === '\xff\xfe' ? Buffer.from([0xff, 0xfe]) : Buffer.from(tail, 'utf8'),
      ]);
      return {
        bytes,
        goodLines,
        goodRows: goodIndexes.map((i) => table.rows[i]!),
        lines: bytes.toString('utf8').split(/\r\n|\n|\r/).length,
      };
    });
}
