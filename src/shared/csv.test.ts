import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv, toCsv, unformula } from './csv.js';

/** `values` as one CSV column, written and parsed again (the cells as a spreadsheet would get them). */
const writtenAndRead = (values: string[]) =>
  parseCsv(
    toCsv(
      ['v'],
      values.map((v) => ({ v })),
    ),
  )
    .slice(1)
    .map((r) => r.fields[0]!);

describe('parseCsv', () => {
  it('keeps the starting line of each record through quoted newlines', () => {
    const records = parseCsv('a,b\n"x\ny",2\n"say ""hi""",3\r\nlast,4');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x\ny', '2'] },
      { line: 4, fields: ['say "hi"', '3'] },
      { line: 5, fields: ['last', '4'] },
    ]);
  });

  it('keeps empty trailing fields and skips a BOM', () => {
    expect(parseCsv('\ufeffa,,\n')).toEqual([{ line: 1, fields: ['a', '', ''] }]);
  });

  it('reports an unterminated quote at the line it opened', () => {
    expect(() => parseCsv('a\n"open,1\nmore')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\n"open,1\nmore')).toThrow('line 2: unterminated quoted field');
  });

  it('keeps the records before an unterminated quote on the error, for readers that keep what was good', () => {
    // Found by test/reliability/bad-input-csv.test.ts: one stray quote near the end of an import lost every row.
    try {
      parseCsv('h\n1\n2\n"open\n3');
      throw new Error('expected a CsvSyntaxError');
    } catch (err) {
      expect(err).toBeInstanceOf(CsvSyntaxError);
      expect((err as CsvSyntaxError).before).toEqual([
        { line: 1, fields: ['h'] },
        { line: 2, fields: ['1'] },
        { line: 3, fields: ['2'] },
      ]);
    }
  });

  it('writes text a spreadsheet would run as a formula with a leading apostrophe, and reads it back', () => {
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+2', '-2+3', '@SUM(A1)', '\tx', '\rx'];
    const text = toCsv(
      ['v', 'n'],
      hostile.map((v) => ({ v, n: -5 })),
    );
    const cells = parseCsv(text)
      .slice(1)
      .map((r) => r.fields);
    for (const [i, [v, n]] of cells.entries()) {
      expect(v!.startsWith("'"), v).toBe(true);
      expect(unformula(v!)).toBe(hostile[i]);
      expect(n).toBe('-5'); // a number is a number, not a formula
    }
    // Ordinary text is left alone, and so is an apostrophe that guards nothing.
    expect(toCsv(['v'], [{ v: 'kz.example' }, { v: "'quoted" }])).toBe("v\nkz.example\n'quoted\n");
    expect(unformula("'quoted")).toBe("'quoted");
  });

  it('guards formulas behind whitespace or in full-width forms, and text that only looks guarded', () => {
    const hostile = [
      '\n=1+1',
      ' =1+1',
      '\uff1d1+1', // full-width equals sign, which spreadsheets read as =
      '\uff0b1',
      '\uff0d1',
      '\uff20SUM(A1)',
      ' \t\r\n-1',
      '\u3000=1+1', // ideographic space
      '\u00a0+1',
      '\u2028@A1',
      '\u0085=1',
      '\ninnocent', // a leading line feed is refused on its own, like a tab or CR
      "'=1+1", // an apostrophe that reading back would take off: one more keeps it
      "''@x",
    ];
    const cells = writtenAndRead(hostile);
    for (const [i, cell] of cells.entries()) {
      expect(cell, JSON.stringify(hostile[i])).toBe(`'${hostile[i]}`);
      expect(unformula(cell)).toBe(hostile[i]);
    }
    const harmless = [' hello', 'a=1', '1-2', 'x\uff1d1', "'quoted", "' spaced", '', '3.5'];
    expect(writtenAndRead(harmless)).toEqual(harmless);
    for (const text of harmless) expect(unformula(text)).toBe(text);
  });

  it('writes values that survive a round trip', () => {
    const text = toCsv(
      ['a', 'b'],
      [
        { a: 'x,"y"', b: null },
        { a: 'line\nbreak', b: 3 },
      ],
    );
    expect(parseCsv(text).map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['x,"y"', ''],
      ['line\nbreak', '3'],
    ]);
  });
});
