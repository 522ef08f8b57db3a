/** The category legend (00-LEGEND-new_category_codes.csv): code -> the exact description lists must use. */
import { readFile } from 'node:fs/promises';
import type { TestListCategory } from '../model/test-list.js';
import { parseCsv } from '../shared/csv.js';
import { InvalidDataError } from '../shared/errors.js';

export const LEGEND_FILE = '00-LEGEND-new_category_codes.csv';

export async function loadLegend(path: string): Promise<Map<string, TestListCategory>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InvalidDataError(path, `cannot read the category legend (${(err as Error).message})`);
  }
  const records = parseCsv(text);
  const header = records[0]?.fields ?? [];
  const codeAt = header.indexOf('New Code');
  const descriptionAt = header.indexOf('Category Description');
  if (codeAt < 0 || descriptionAt < 0) {
    throw new InvalidDataError(`${path}:1`, 'expected columns "Category Description" and "New Code"');
  }
  const legend = new Map<string, TestListCategory>();
  for (const r of records.slice(1)) {
    const code = r.fields[codeAt]?.trim();
    if (code) legend.set(code, { code, description: r.fields[descriptionAt] ?? '' });
  }
  return legend;
}
