/**
 * The report as PDF: the HTML report printed by the system's Chromium (playwright-core), A4, with page numbers in
 * the footer. The page is offline: JavaScript off and every request refused, so the file prints as it stands.
 */
import { NetfreedomError } from '../shared/errors.js';
import { escapeXml } from './escape.js';

export interface PdfOptions {
  /** The Chromium binary (the web tests use /usr/bin/chromium). */
  executablePath: string;
  /** Footer text beside the page numbers. */
  footer: string;
  /** Also a PNG screenshot of the first page, at A4's aspect. */
  screenshot?: boolean;
}

/** Chromium could not be started or could not print. */
export class PdfRenderError extends NetfreedomError {
  constructor(message: string) {
    super('REMOTE', message);
  }
}

const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  // The page's request interception does not see every connection: Chromium preconnects (`<link rel=preconnect>`)
  // and prefetches (`<link rel=prefetch>`) on its own. No host resolves, IP literals included, so nothing leaves.
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

/** Prints `html` to PDF (and optionally screenshots its first screen). */
export async function renderPdf(
  html: string,
  options: PdfOptions,
): Promise<{ pdf: Uint8Array; screenshot: Uint8Array | null }> {
  const { chromium } = await import('playwright-core');
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    browser = await chromium.launch({ executablePath: options.executablePath, args: BROWSER_ARGS });
  } catch (err) {
    throw new PdfRenderError(
      `cannot start Chromium at ${options.executablePath} (set CHROMIUM_PATH): ${(err as Error).message.split('\n')[0]}`,
    );
  }
  try {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 794, height: 1123 },
    });
    const page = await context.newPage();
    // Nothing leaves the machine: the report is self-contained, so any request is refused.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:8px;width:100%;padding:0 16mm;display:flex;justify-content:space-between;color:#555">' +
        `<span>${escapeXml(options.footer)}</span>` +
        '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>',
      margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
      outline: true,
      tagged: true,
    });
    const screenshot = options.screenshot ? await page.screenshot({ fullPage: false, type: 'png' }) : null;
    return { pdf, screenshot };
  } finally {
    await browser.close();
  }
}
