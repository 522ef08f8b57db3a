/** The key developments CSV (data/evidence/key-developments.csv): one item of an assessment's block a row, in order. */
import { ADDRESSEES, type Addressee, type KeyDevelopment, type Recommendation } from '../model/evidence.js';
import type { LintProblem } from '../model/test-list.js';
import { type CsvRow, listCell, readCsvRows, urlList } from './evidence-csv.js';

/** A fact read from a row, without its source ids yet, with the URLs of its sources. */
export interface FactRow<T> {
  line: number;
  fact: Omit<T, 'sourceIds'>;
  sourceUrls: string[];
}

/** Reads rows with `toFact`; a row it refuses is a problem with its line. */
export function parseFacts<T>(
  text: string,
  file: string,
  columns: readonly string[],
  toFact: (row: CsvRow) => Omit<T, 'sourceIds'>,
): { rows: FactRow<T>[]; problems: LintProblem[] } {
  const read = readCsvRows(text, file, columns);
  const rows: FactRow<T>[] = [];
  const problems = [...read.problems];
  for (const row of read.rows) {
    try {
      const sourceUrls = urlList(row.cell('source_urls'), 'source_urls');
      if (sourceUrls.length === 0)
        throw new Error('source_urls is empty: every fact needs at least one source');
      rows.push({ line: row.line, fact: toFact(row), sourceUrls });
    } catch (err) {
      problems.push({ file, line: row.line, reason: (err as Error).message });
    }
  }
  return { rows, problems };
}

export const KEY_DEVELOPMENT_COLUMNS = [
  'id',
  'country',
  'edition',
  'position',
  'text',
  'indicators',
  'start',
  'end',
  'source_urls',
] as const;

export function parseKeyDevelopmentsCsv(text: string, file: string) {
  return parseFacts<KeyDevelopment>(text, file, KEY_DEVELOPMENT_COLUMNS, (row) => ({
    id: row.cell('id'),
    country: row.cell('country').toUpperCase(),
    edition: year(row.cell('edition')),
    position: Number(row.cell('position')),
    text: row.cell('text'),
    indicators: listCell(row.cell('indicators')).map((q) => q.toUpperCase()),
    start: row.cell('start') || null,
    end: row.cell('end') || null,
  }));
}

export const RECOMMENDATION_COLUMNS = [
  'id',
  'country',
  'edition',
  'addressees',
  'text',
  'source_urls',
] as const;

/** Recommendations without statuses: a status in a later edition is added with its own evidence. */
export function parseRecommendationsCsv(text: string, file: string) {
  return parseFacts<Recommendation>(text, file, RECOMMENDATION_COLUMNS, (row) => {
    const addressees = listCell(row.cell('addressees'));
    const unknown = addressees.filter((a) => !ADDRESSEES.includes(a as Addressee));
    if (unknown.length)
      throw new Error(`addressee ${unknown.join(', ')} is not one of ${ADDRESSEES.join(', ')}`);
    return {
      id: row.cell('id'),
      country: row.cell('country').toUpperCase(),
      edition: year(row.cell('edition')),
      addressees: addressees as Addressee[],
      text: row.cell('text'),
      statuses: [],
    };
  });
}

function year(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new Error(`edition "${text}" is not a year`);
  return Number(text);
}
