/** The bundled test lists: validating files and choosing the URLs a probe in a country should test. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LintProblem, TestListEntry } from '../model/test-list.js';
import { UsageError } from '../shared/errors.js';
import { dataPath } from '../shared/paths.js';
import { LEGEND_FILE, loadLegend } from './legend.js';
import { lintList } from './lint-list.js';
import { readList } from './read-list.js';

export const DEFAULT_LISTS_DIR = dataPath('test-lists');

/** Lints files; the legend and global.csv come from each file's folder, else from the bundled lists. */
export async function validateLists(files: string[]): Promise<LintProblem[]> {
  const problems: LintProblem[] = [];
  for (const file of files) {
    const dir = dirname(file);
    const fromDirOrBundle = (name: string) =>
      existsSync(join(dir, name)) ? join(dir, name) : join(DEFAULT_LISTS_DIR, name);
    const legend = await loadLegend(fromDirOrBundle(LEGEND_FILE));
    const globalFile = fromDirOrBundle('global.csv');
    const globalUrls = new Set((await readList(globalFile)).map((e) => e.url));
    problems.push(...(await lintList(file, { legend, globalUrls })));
  }
  return problems;
}

export interface SelectOptions {
  /** Category codes to keep; all when empty. */
  categories?: string[];
  dir?: string;
}

/** The URLs to test in a country: its list plus global.csv, de-duplicated by URL (the country row wins). */
export async function selectUrls(country: string, options: SelectOptions = {}): Promise<TestListEntry[]> {
  const cc = country.toLowerCase();
  if (!/^[a-z]{2}$/.test(cc)) throw new UsageError(`"${country}" is not a two-letter country code`);
  const dir = options.dir ?? DEFAULT_LISTS_DIR;
  const countryFile = join(dir, `${cc}.csv`);
  if (!existsSync(countryFile))
    throw new UsageError(`there is no test list for ${cc.toUpperCase()} in ${dir}`);
  const wanted = new Set((options.categories ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean));
  const byUrl = new Map<string, TestListEntry>();
  for (const entry of [...(await readList(countryFile)), ...(await readList(join(dir, 'global.csv')))]) {
    if (wanted.size > 0 && !wanted.has(entry.categoryCode)) continue;
    if (!byUrl.has(entry.url)) byUrl.set(entry.url, entry);
  }
  return [...byUrl.values()];
}
