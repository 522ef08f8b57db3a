/** The frame every HTML report is printed in: the document, its Content-Security-Policy and its print styles. */
import { escapeXml as esc } from './escape.js';
import { REPORT_VERSION } from './report-model.js';
import { REPORT_CONTENT_SECURITY_POLICY } from './report-policy.js';

/** A complete HTML document around `body` (already HTML), announcing the Atom feed at `feed`. */
export function htmlDocument(
  title: string,
  lang: string,
  feed: string,
  feedTitle: string,
  body: string,
): string {
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="netfreedom report v${REPORT_VERSION}">
<title>${esc(title)}</title>
<link rel="alternate" type="application/atom+xml" title="${esc(feedTitle)}" href="${esc(feed)}">
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const CSS = `
@page { size: A4; margin: 18mm 16mm 20mm; }
:root { color: #1a1a1a; font: 10.5pt/1.45 "DejaVu Sans", "Noto Sans", Arial, sans-serif; }
body { max-width: 860px; margin: 0 auto; padding: 0 12px; }
h1 { font-size: 22pt; margin: 0.2em 0; }
h2 { font-size: 15pt; border-bottom: 2px solid #1f4e79; margin-top: 1.6em; break-after: avoid; }
h3 { font-size: 12pt; margin-top: 1.2em; break-after: avoid; }
h4 { font-size: 10.5pt; margin: 0.8em 0 0.2em; }
.subtitle, .muted { color: #555; }
.statusline { font-size: 16pt; }
.status-Not-Free { color: #a12a1f; } .status-Partly-Free { color: #8a6200; } .status-Free { color: #246b24; }
.ref { font-size: 0.75em; color: #555; }
.ref a { color: inherit; text-decoration: none; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.92em; background: #f1f1f1; padding: 0 2px; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; font-size: 9.5pt; }
th, td { border: 1px solid #ccc; padding: 3px 5px; text-align: left; vertical-align: top; }
td code { overflow-wrap: anywhere; }
.ref { white-space: nowrap; }
table.sites tbody { break-inside: avoid; }
td.example { background: #fafafa; }
th { background: #eef2f6; }
tr { break-inside: avoid; }
.none { font-style: italic; color: #555; }
p.outside { font-weight: bold; }
.simulated { border: 2px dashed #a12a1f; padding: 6px 8px; color: #a12a1f; font-weight: bold; }
.toc ol { columns: 2; }
.timeline > li { margin-bottom: 0.6em; break-inside: avoid; }
.timeline p { margin: 0.1em 0; }
figure.chart { margin: 0.8em 0; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #444; }
.url { color: #666; font-size: 8.5pt; overflow-wrap: anywhere; }
q.untrusted { font-family: "DejaVu Sans Mono", monospace; background: #fff6e0; }
.example p { margin: 0.1em 0; font-size: 9pt; }
.sources li { margin-bottom: 0.3em; }
a { color: #1f4e79; }
article.part { break-before: page; }
@media print { body { max-width: none; padding: 0; } a { text-decoration: none; }  }
`;
