/** Quoting untrusted text in a message for people: short, on one line, with nothing invisible or able to steer a terminal. */

/**
 * Characters shown as `\uXXXX`: C1 controls, the soft hyphen, zero-width and bidirectional marks and overrides,
 * line and paragraph separators, the BOM. JSON.stringify already escapes C0 controls, quotes and backslashes.
 */
const INVISIBLE = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

/**
 * `value` in double quotes with at most `max` of its characters, every control or invisible character written
 * as an escape (`\t`, `\u001b`), followed by `… (N characters)` when it was cut.
 */
export function quoteValue(value: string, max = 40): string {
  const shown = JSON.stringify(value.slice(0, max)).replace(
    INVISIBLE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return value.length > max ? `${shown}… (${value.length} characters)` : shown;
}
