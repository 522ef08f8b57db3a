/** The events CSV (`netfreedom events import`, data/evidence/events.csv): one reported event a row, its sources by URL. */
import {
  type CountryEvent,
  EVENT_TYPES,
  type EventType,
  type IndicatorAttribution,
} from '../model/evidence.js';
import type { LintProblem } from '../model/test-list.js';
import { type CsvRow, listCell, readCsvRows, urlList } from './evidence-csv.js';

export const EVENT_COLUMNS = [
  'id',
  'country',
  'start',
  'end',
  'type',
  'title',
  'summary',
  'indicators',
  'key_controls',
  'source_urls',
] as const;
/** Who tied the event to the questions (`source` or `netfreedom`, the default). */
export const EVENT_OPTIONAL_COLUMNS = ['indicator_attribution'] as const;

/** A row read: the event without its source ids yet, and the URLs of its sources. */
export interface EventRow {
  line: number;
  event: Omit<CountryEvent, 'sourceIds'>;
  sourceUrls: string[];
}

/** Reads the rows; what cannot be an event is a problem with its line (the rules needing the store come later). */
export function parseEventsCsv(text: string, file: string): { rows: EventRow[]; problems: LintProblem[] } {
  const read = readCsvRows(text, file, EVENT_COLUMNS, EVENT_OPTIONAL_COLUMNS);
  const rows: EventRow[] = [];
  const problems = [...read.problems];
  for (const row of read.rows) {
    try {
      rows.push(toEventRow(row));
    } catch (err) {
      problems.push({ file, line: row.line, reason: (err as Error).message });
    }
  }
  return { rows, problems };
}

function toEventRow(row: CsvRow): EventRow {
  const type = row.cell('type');
  if (!EVENT_TYPES.includes(type as EventType))
    throw new Error(`type "${type}" is not one of ${EVENT_TYPES.join(', ')}`);
  const attribution = row.cell('indicator_attribution') || 'netfreedom';
  if (attribution !== 'source' && attribution !== 'netfreedom')
    throw new Error(`indicator_attribution "${attribution}" is neither source nor netfreedom`);
  const sourceUrls = urlList(row.cell('source_urls'), 'source_urls');
  if (sourceUrls.length === 0) throw new Error('source_urls is empty: every event needs at least one source');
  return {
    line: row.line,
    event: {
      id: row.cell('id'),
      country: row.cell('country').toUpperCase(),
      start: row.cell('start'),
      end: row.cell('end') || null,
      type: type as EventType,
      title: row.cell('title'),
      summary: row.cell('summary'),
      indicators: listCell(row.cell('indicators')).map((q) => q.toUpperCase()),
      indicatorAttribution: attribution as IndicatorAttribution,
      keyControls: listCell(row.cell('key_controls')).map((k) => k.toUpperCase()),
    },
    sourceUrls,
  };
}
