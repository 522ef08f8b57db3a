/**
 * The Kazakhstan 2024 report in all three formats, the PDF printed by Chromium: its first pages rendered to images
 * (pdftoppm; Chromium's screenshot of the HTML where poppler is missing) and checked not blank, its text checked for
 * the figures and the hostile strings. Everything lands in test-output/ for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, renderHtml, renderMarkdown, renderPdf, reportStem } from '../../src/report/index.js';
import { HOSTILE_SUMMARY, HOSTILE_TITLE_SHOWN, type ReportFixture, reportStore } from './report-fixture.js';

const OUT = join(import.meta.dirname, '..', '..', 'test-output');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const has = (tool: string) => {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

let dir: string;
let fx: ReportFixture;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nf-report-pdf-'));
  fx = await reportStore(dir);
  mkdirSync(OUT, { recursive: true });
}, 60_000);
afterAll(async () => {
  await fx?.store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The share of pixels of a binary PGM (P5, 8 bits) darker than near-white. */
function inkShare(pgm: Buffer): number {
  const header = pgm.toString('latin1', 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error('not a binary PGM');
  const pixels = pgm.subarray(header[0].length);
  let ink = 0;
  for (const p of pixels) if (p < 200) ink++;
  return ink / pixels.length;
}

describe('the Kazakhstan 2024 report as files', () => {
  for (const lang of ['en', 'ru', 'kk'] as const) {
    it(`${lang}: Markdown, HTML and a PDF whose first pages are not blank`, async () => {
      const report = await buildReport(fx.store, fx.methodology, 'KZ', 2024, { lang });
      const stem = `report-${reportStem(report)}`;
      const { markdown, files } = renderMarkdown(report, { baseUrl: 'http://localhost:8080' });
      writeFileSync(join(OUT, `${stem}.md`), markdown);
      for (const f of files) writeFileSync(join(OUT, f.name), f.content);
      const html = renderHtml(report, { baseUrl: 'http://localhost:8080' });
      writeFileSync(join(OUT, `${stem}.html`), html);
      const { pdf, screenshot } = await renderPdf(html, {
        executablePath: CHROMIUM,
        footer: `netfreedom — ${report.countryName} 2024`,
        screenshot: true,
      });
      const pdfFile = join(OUT, `${stem}.pdf`);
      writeFileSync(pdfFile, pdf);
      expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      writeFileSync(join(OUT, `${stem}-screen.png`), screenshot!);
      if (has('pdftoppm')) {
        execFileSync('pdftoppm', [
          '-r',
          '80',
          '-png',
          '-f',
          '1',
          '-l',
          '3',
          pdfFile,
          join(OUT, `${stem}-page`),
        ]);
        execFileSync('pdftoppm', [
          '-r',
          '40',
          '-gray',
          '-f',
          '1',
          '-l',
          '1',
          '-singlefile',
          pdfFile,
          join(dir, stem),
        ]);
        const share = inkShare(readFileSync(join(dir, `${stem}.pgm`)));
        expect(share).toBeGreaterThan(0.01);
        expect(share).toBeLessThan(0.6);
        expect(
          existsSync(join(OUT, `${stem}-page-1.png`)) || existsSync(join(OUT, `${stem}-page-01.png`)),
        ).toBe(true);
      } else {
        // Without poppler: Chromium's screenshot of the HTML's first screen, a blank one being a few kilobytes.
        expect(screenshot!.byteLength).toBeGreaterThan(20_000);
      }
      if (has('pdftotext') && lang === 'en') {
        const text = execFileSync('pdftotext', ['-layout', pdfFile, '-']).toString().replace(/\s+/g, ' ');
        expect(text).toMatch(/34 ?\[1\] ?\/ ?100/);
        expect(text).toContain('Not Free');
        expect(text).toContain('alert("summary")');
        expect(text).toContain(HOSTILE_SUMMARY.slice(0, 20));
        expect(text).toContain(HOSTILE_TITLE_SHOWN.slice(0, 20));
        // Page numbers in the footer and the contents on page one.
        expect(text).toMatch(/1 \/ \d+/);
        expect(text).toContain('Contents');
      }
    }, 60_000);
  }
});
