/** The upstream test-lists lint rules (citizenlab/test-lists scripts/lint-lists.py), one problem per finding. */
import type { LintProblem, TestListCategory } from '../model/test-list.js';
import { isIsoDate } from '../shared/dates.js';
import { LIST_HEADER, listName, readListRecords } from './read-list.js';

// Host: dotted labels with a letter TLD or punycode TLD, or a dotted IPv4; optional port; then the path.
const URL_PATTERN =
  /^https?:\/\/(?:(?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+(?:[A-Z]{2,6}\.?|[A-Z0-9-]{2,}\.?)|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?::\d+)?(?:\/?|[/?]\S+)$/i;
const HOST_ONLY = /^https?:\/\/[^/?]+$/i;
const FORBIDDEN = /[\r\n\t\\]/;

export interface LintContext {
  legend: Map<string, TestListCategory>;
  /** URLs of global.csv; country lists must not repeat them. */
  globalUrls: Set<string>;
}

/** Lints one list file and returns every problem found (an empty array means the file passes). */
export async function lintList(file: string, context: LintContext): Promise<LintProblem[]> {
  const records = await readListRecords(file);
  const problems: LintProblem[] = [];
  const report = (line: number, reason: string) => problems.push({ file, line, reason });
  const header = records[0];
  if (!header || header.fields.join(',') !== LIST_HEADER.join(',')) {
    report(1, `header must be exactly "${LIST_HEADER.join(',')}"`);
    return problems;
  }
  const isGlobal = listName(file) === 'global';
  const seen = new Map<string, number>();
  for (const { line, fields } of records.slice(1)) {
    if (fields.length !== LIST_HEADER.length) {
      report(line, `expected 6 columns, found ${fields.length}`);
      continue;
    }
    const [url, code, description, date, source, notes] = fields as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    for (const reason of urlProblems(url)) report(line, reason);
    const category = context.legend.get(code);
    if (!category) report(line, `unknown category code "${code}"`);
    else if (category.description !== description) {
      report(
        line,
        `category description "${description}" does not match "${category.description}" for ${code}`,
      );
    }
    if (!isIsoDate(date)) report(line, `date_added "${date}" is not a YYYY-MM-DD date`);
    if (FORBIDDEN.test(source)) report(line, 'source contains a tab, newline or backslash');
    if (FORBIDDEN.test(notes)) report(line, 'notes contain a tab, newline or backslash');
    const first = seen.get(url);
    if (first !== undefined) report(line, `duplicate URL ${url} (first on line ${first})`);
    else seen.set(url, line);
    if (!isGlobal && context.globalUrls.has(url)) report(line, `URL ${url} is already in global.csv`);
  }
  return problems;
}

/** Why a URL is not acceptable in a list; empty when it is. */
export function urlProblems(url: string): string[] {
  if (url !== url.trim()) return ['URL has leading or trailing spaces'];
  if (FORBIDDEN.test(url)) return ['URL contains a tab, newline or backslash'];
  if (HOST_ONLY.test(url)) return [`URL ${url} has an empty path (no trailing slash)`];
  if (!URL_PATTERN.test(url)) return [`"${url}" is not a valid http(s) URL`];
  return [];
}
