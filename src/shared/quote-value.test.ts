/** Quoting untrusted text in messages: bounded, on one line, nothing invisible or able to move a terminal's cursor. */
import { describe, expect, it } from 'vitest';
import { quoteValue } from './quote-value.js';

describe('quoteValue', () => {
  it('quotes plain text as it is', () => {
    expect(quoteValue('Kazakhtelecom')).toBe('"Kazakhtelecom"');
    expect(quoteValue('Қазақстан')).toBe('"Қазақстан"');
  });

  it('makes control, format and bidirectional characters, quotes and backslashes visible', () => {
    expect(quoteValue('a\tb\r\nc\u0000\u001b[2J"\\')).toBe('"a\\tb\\r\\nc\\u0000\\u001b[2J\\"\\\\"');
    expect(quoteValue('\u0085\u00ad\u200b\u202edcba\u2066\u2028\ufeff')).toBe(
      '"\\u0085\\u00ad\\u200b\\u202edcba\\u2066\\u2028\\ufeff"',
    );
  });

  it('keeps at most `max` characters and says how long the value was', () => {
    expect(quoteValue('x'.repeat(100_000))).toBe(`"${'x'.repeat(40)}"… (100000 characters)`);
    expect(quoteValue('abcdef', 3)).toBe('"abc"… (6 characters)');
    expect(quoteValue('abc', 3)).toBe('"abc"');
  });
});
