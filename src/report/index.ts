/** Country reports: the model built from the store, and its Markdown, HTML and PDF renderings (re-exports only). */
export { buildReport, type ReportOptions } from './build-report.js';
export { type ComparisonReport, compareCountries, compareEditions, comparisonTitle } from './comparison.js';
export { pageTitle, shownTitle } from './measured-evidence.js';
export { renderComparisonHtml, renderComparisonMarkdown } from './render-comparison.js';
export { type HtmlOptions, renderHtml } from './render-html.js';
export { type MarkdownReport, renderMarkdown } from './render-markdown.js';
export { reportStem } from './render-parts.js';
export { type PdfOptions, PdfRenderError, renderPdf } from './render-pdf.js';
export { NoReportError, type ReportData, readReportData } from './report-data.js';
export type { CountryReport, Figure, QuerySnapshot, Ref } from './report-model.js';
export { REPORT_CONTENT_SECURITY_POLICY } from './report-policy.js';
export { countryName, reportText } from './report-text.js';
