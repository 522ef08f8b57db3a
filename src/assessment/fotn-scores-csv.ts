/** Reads the FOTN scores CSV (columns documented in data/fotn/SOURCE.md); empty cells are unknown. */
import type { AssessmentInput, Source } from '../model/assessment.js';
import type { FreedomStatus, ScoreScale } from '../model/methodology.js';
import type { LintProblem } from '../model/test-list.js';
import { CsvSyntaxError, parseCsv, unformula } from '../shared/csv.js';
import { isIsoDate } from '../shared/dates.js';
import { type SourceRegistry, sourceFor } from './source-registry.js';

export const FOTN_COLUMNS = [
  'country',
  'iso2',
  'iso3',
  'edition',
  'coverage_start',
  'coverage_end',
  'scale',
  'total',
  'a_obstacles_to_access',
  'b_limits_on_content',
  'c_violations_of_user_rights',
  'status',
  'prev_edition_total',
  'source_total',
  'source_components',
  'notes',
  'restated_in_edition',
] as const;

/** Columns a file may leave out (it predates them): each reads as empty. */
const OPTIONAL_COLUMNS: readonly Column[] = ['restated_in_edition'];

type Column = (typeof FOTN_COLUMNS)[number];

const SCALES: Record<string, ScoreScale> = {
  higher_is_freer: 'current',
  lower_is_freer_legacy: 'legacy',
};
const STATUSES: FreedomStatus[] = ['Free', 'Partly Free', 'Not Free'];

export interface ParsedRow {
  line: number;
  input: AssessmentInput;
}

/**
 * Parses the file into assessment inputs; a bad row becomes a problem with its line and the rest goes on. Source
 * URLs become the `registry`'s sources (title, publisher, verification...), or unverified ones it does not list.
 */
export function parseFotnScoresCsv(
  text: string,
  file: string,
  registry: SourceRegistry = new Map(),
): { rows: ParsedRow[]; problems: LintProblem[] } {
  const problems: LintProblem[] = [];
  let records: ReturnType<typeof parseCsv>;
  // Rows before a syntax error (an unterminated quote) are kept; the error is one problem at its line.
  try {
    records = parseCsv(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    records = err.before;
    problems.push({ file, line: err.line, reason: err.reason });
  }
  const header = records[0];
  if (!header)
    return {
      rows: [],
      problems: problems.length ? problems : [{ file, line: 1, reason: 'the file is empty' }],
    };
  const missing = FOTN_COLUMNS.filter((c) => !header.fields.includes(c) && !OPTIONAL_COLUMNS.includes(c));
  if (missing.length > 0) {
    return {
      rows: [],
      problems: [
        { file, line: header.line, reason: `missing column(s): ${missing.join(', ')}` },
        ...problems,
      ],
    };
  }
  const index = new Map(header.fields.map((name, i) => [name, i]));
  const rows: ParsedRow[] = [];
  for (const record of records.slice(1)) {
    if (record.fields.length === 1 && record.fields[0] === '') continue;
    if (record.fields.length !== header.fields.length) {
      problems.push({
        file,
        line: record.line,
        reason: `expected ${header.fields.length} columns, found ${record.fields.length}`,
      });
      continue;
    }
    const cell = (c: Column) => {
      const i = index.get(c);
      return i === undefined ? '' : unformula(record.fields[i]!.trim());
    };
    try {
      rows.push({ line: record.line, input: rowToInput(cell, registry) });
    } catch (err) {
      problems.push({ file, line: record.line, reason: (err as Error).message });
    }
  }
  return { rows, problems: problems.sort((a, b) => a.line - b.line) };
}

function rowToInput(cell: (c: Column) => string, registry: SourceRegistry): AssessmentInput {
  const country = cell('iso2');
  if (!/^[A-Z]{2}$/.test(country)) throw new Error(`iso2 "${country}" is not an ISO 3166-1 alpha-2 code`);
  const edition = integer(cell('edition'), 'edition');
  if (edition === null) throw new Error('edition is empty');
  const scale = SCALES[cell('scale')];
  if (!scale) throw new Error(`scale "${cell('scale')}" is not one of ${Object.keys(SCALES).join(', ')}`);
  const status = cell('status');
  if (status !== '' && !STATUSES.includes(status as FreedomStatus)) {
    throw new Error(`status "${status}" is not one of ${STATUSES.join(', ')}`);
  }
  const sourceTotal = url(cell('source_total'), 'source_total', registry);
  const sourceComponents = url(cell('source_components'), 'source_components', registry);
  const restatedInEdition = integer(cell('restated_in_edition'), 'restated_in_edition');
  if (restatedInEdition !== null && restatedInEdition <= edition)
    throw new Error(`restated_in_edition ${restatedInEdition} must be a later edition than ${edition}`);
  const total = integer(cell('total'), 'total');
  if (total !== null && !sourceTotal) throw new Error('total has no source_total');
  const categories = {
    A: integer(cell('a_obstacles_to_access'), 'a_obstacles_to_access'),
    B: integer(cell('b_limits_on_content'), 'b_limits_on_content'),
    C: integer(cell('c_violations_of_user_rights'), 'c_violations_of_user_rights'),
  };
  if (Object.values(categories).some((v) => v !== null) && !sourceComponents) {
    throw new Error('category scores have no source_components');
  }
  return {
    country,
    edition,
    scale,
    coverageStart: date(cell('coverage_start'), 'coverage_start'),
    coverageEnd: date(cell('coverage_end'), 'coverage_end'),
    total,
    categories,
    status: status === '' ? null : (status as FreedomStatus),
    questions: [],
    keyControls: [],
    totalSources: sourceTotal ? [sourceTotal] : [],
    categorySources: sourceComponents ? [sourceComponents] : [],
    previousEditionTotal: integer(cell('prev_edition_total'), 'prev_edition_total'),
    notes: cell('notes') || null,
    restatedInEdition,
  };
}

function integer(value: string, column: string): number | null {
  if (value === '') return null;
  // At most 9 digits: a score or a year, never a number the store's integers cannot hold (a 21-digit "total" made
  // the import fail with the engine's own error instead of refusing the row).
  if (!/^-?\d{1,9}$/.test(value)) throw new Error(`${column} "${value}" is not an integer`);
  return Number(value);
}

function date(value: string, column: string): string | null {
  if (value === '') return null;
  if (!isIsoDate(value)) throw new Error(`${column} "${value}" is not a YYYY-MM-DD date`);
  return value;
}

function url(value: string, column: string, registry: SourceRegistry): Source | null {
  if (value === '') return null;
  if (!/^https?:\/\/\S+$/.test(value)) throw new Error(`${column} "${value}" is not an http(s) URL`);
  return sourceFor(value, registry);
}
