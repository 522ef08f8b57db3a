/** Tables as both report formats print them; cells arrive already escaped (and linked) for their format. */
import { escapeXml as esc, escapeMarkdown as md } from './escape.js';

/** An HTML table; a heading is text (escaped here) or markup given as `{ html }`. */
export function htmlTable(head: readonly (string | { html: string })[], rows: readonly string[][]): string {
  return `<table><thead><tr>${head.map((x) => `<th>${typeof x === 'string' ? esc(x) : x.html}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** A GitHub-flavoured Markdown table, or `empty` when there are no rows (a table of headings alone says nothing). */
export function markdownTable(head: readonly string[], rows: readonly string[][], empty: string): string {
  if (rows.length === 0) return empty;
  return [
    `| ${head.map(md).join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}
