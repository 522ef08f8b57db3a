/** Escaping for the report's outputs: HTML/XML text and attributes, Markdown text and table cells, link targets. */

const XML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or an attribute value of HTML, SVG or XML: the five markup characters become references. */
export function escapeXml(text: string): string {
  // Control characters other than tab and line breaks are not allowed in XML: shown as the replacement character.
  return text
    .replace(/[&<>"']/g, (c) => XML[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
}

/**
 * Text for Markdown: every character Markdown or GitHub's HTML could read as syntax is backslash-escaped and
 * `<`/`>`/`&` become references, so that quoted text stays text; line breaks become spaces (one block per line).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]!|~]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => XML[c]!)
    .replace(/^(\s*)([#+\-=>]|\d+[.)])/, '$1\\$2');
}

/** A link target that may be followed: http(s) only; anything else is shown as text, not linked. */
export function safeHttpUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}
