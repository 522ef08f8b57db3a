import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, whereClause } from './measurement-queries.js';
import { ClickHouseDialect } from './sql-dialect.js';
import {
  checkDate,
  checkDateTime,
  checkIdentifier,
  quoteNumber,
  quoteString,
  quoteValue,
} from './sql-literal.js';

describe('SQL literals for ClickHouse', () => {
  it('escapes quotes, backslashes and control characters so a string cannot end early', () => {
    expect(quoteString("it's")).toBe("'it\\'s'");
    expect(quoteString('a\\')).toBe("'a\\\\'");
    expect(quoteString("\\'); DROP TABLE m; --")).toBe("'\\\\\\'); DROP TABLE m; --'");
    expect(quoteString('a\nb\u0000c\u007f')).toBe("'a\\x0ab\\x00c\\x7f'");
    expect(quoteString('ünï €😀')).toBe("'ünï €😀'");
  });

  it('never leaves an unescaped quote inside the literal', () => {
    const hostile = ["'", "\\'", "\\\\'", "''", '\\', "'\n'", '\u2019', "a' OR '1'='1"];
    for (const h of hostile) {
      const inner = quoteString(h).slice(1, -1);
      // every quote inside is preceded by an odd number of backslashes
      for (let i = 0; i < inner.length; i++) {
        if (inner[i] !== "'") continue;
        let n = 0;
        for (let j = i - 1; j >= 0 && inner[j] === '\\'; j--) n++;
        expect(n % 2, `${JSON.stringify(h)} → ${inner}`).toBe(1);
      }
    }
  });

  it('refuses lone surrogates, huge strings and non-finite numbers', () => {
    expect(() => quoteString('a\uD800b')).toThrow(/Unicode/);
    expect(() => quoteString('x'.repeat(1_000_001))).toThrow(/too long/);
    expect(() => quoteNumber(Number.NaN)).toThrow(/finite/);
    expect(() => quoteNumber(Number.POSITIVE_INFINITY)).toThrow(/finite/);
    expect(quoteValue(null)).toBe('NULL');
    expect(quoteValue(true)).toBe('1');
    expect(quoteValue(12)).toBe('12');
    expect(quoteValue(0.5)).toBe('0.5');
  });

  it('validates dates, timestamps and identifiers before they reach SQL', () => {
    expect(checkDate('2024-02-29')).toBe('2024-02-29');
    expect(() => checkDate('2023-02-29')).toThrow(/calendar/);
    expect(() => checkDate("2024-01-01' OR 1=1")).toThrow(/not a date/);
    expect(checkDateTime('2024-01-01 10:00:00')).toBe('2024-01-01 10:00:00');
    expect(() => checkDateTime('2024-01-01T10:00:00Z')).toThrow(/timestamp/);
    expect(checkIdentifier('measurements_local')).toBe('measurements_local');
    expect(() => checkIdentifier('m; DROP')).toThrow(/identifier/);
  });

  it('builds filters with literals only through the escaping module', () => {
    const d = new ClickHouseDialect();
    const where = whereClause(d, { probeCc: ["K'Z"], domain: ['a\\b'], since: '2024-01-01' });
    expect(where).toBe(
      "WHERE probe_cc IN ('K\\'Z') AND domain IN ('a\\\\b') AND start_day >= toDate('2024-01-01') AND simulated = 0",
    );
    expect(() => whereClause(d, { since: "2024-01-01') OR (1=1" })).toThrow(/date/);
  });

  it('round-trips cursors and refuses forged ones', () => {
    const c = { time: '2024-03-01 10:00:00', uid: "x'y" };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    const forged = Buffer.from(JSON.stringify(["2024' OR 1=1", 'u'])).toString('base64url');
    expect(() => decodeCursor(forged)).toThrow(/invalid cursor/);
    expect(() => decodeCursor('%%%')).toThrow(/invalid cursor/);
  });
});
