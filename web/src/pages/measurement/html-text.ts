/**
 * The text a browser would show for a fragment of HTML text, such as a page title: character references decoded,
 * white space collapsed. For display only (the analysis compares titles as OONI does, undecoded); the result is
 * still rendered as text, never as HTML.
 */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function htmlText(fragment: string): string {
  return fragment
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (whole, ref: string) => {
      if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? whole;
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      // A reference to nothing printable (NUL, a surrogate, past Unicode) stays as it was written.
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
        ? String.fromCodePoint(code)
        : whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
