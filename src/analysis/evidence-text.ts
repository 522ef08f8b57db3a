/** Makes measurement-supplied text safe to quote in evidence sentences: no control characters, bounded length. */

const MAX = 200;

/** The value as one short line: control characters removed, at most 200 characters. */
export function clean(value: unknown): string {
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return flat.length > MAX ? `${flat.slice(0, MAX - 1)}…` : flat || '(empty)';
}
