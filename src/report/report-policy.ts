/** The HTML report's Content-Security-Policy: one self-contained file with no script, so only its inline style and images may load. */

/**
 * In the file's own `<meta>` (so a saved copy opened from disk is as closed as the served one) and in the
 * server's header, which adds what a `<meta>` policy cannot say (framing, where to report).
 */
export const REPORT_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
