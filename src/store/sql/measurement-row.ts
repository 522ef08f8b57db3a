/** A measurement record as a flat table row (the same columns in DuckDB and ClickHouse), and back. */
import type { MeasurementAnalysis } from '../../model/analysis.js';
import type { OoniBlocking } from '../../model/measurement.js';
import type { MeasurementOrigin } from '../../model/trust.js';
import type { Outcome, TechniqueBlocking } from '../../model/verdict.js';
import { InvalidInputError } from '../../shared/errors.js';
import {
  type ChangeEvent,
  type MeasurementRecord,
  type MeasurementSource,
  type MeasurementSummary,
  rawText,
} from '../measurement-store.js';

/** Column order of the measurements table. */
export const MEASUREMENT_COLUMNS = [
  'uid',
  'source',
  'test_name',
  'input',
  'domain',
  'probe_cc',
  'probe_asn',
  'start_time',
  'start_day',
  'category_code',
  'simulated',
  'rules_version',
  'blocking',
  'accessible',
  'technique',
  'outcome',
  'confirmed',
  'tls_confirmed',
  'origin',
  'reporter',
  'analysis',
  'raw',
] as const;

/** One row; start_time is "YYYY-MM-DD HH:MM:SS" UTC, start_day YYYY-MM-DD, verdict enums as text. */
export interface MeasurementRow {
  uid: string;
  source: MeasurementSource;
  test_name: string;
  input: string | null;
  domain: string | null;
  probe_cc: string;
  probe_asn: string;
  start_time: string;
  start_day: string;
  category_code: string | null;
  simulated: boolean;
  rules_version: number;
  blocking: string | null;
  accessible: boolean | null;
  technique: string | null;
  outcome: Outcome;
  confirmed: boolean;
  tls_confirmed: boolean;
  origin: MeasurementOrigin;
  reporter: string | null;
  analysis: string;
  raw: string;
}

/** Columns of a summary (no raw body, nor who reported it), in select order. */
export const SUMMARY_COLUMNS = MEASUREMENT_COLUMNS.filter(
  (c) => c !== 'raw' && c !== 'analysis' && c !== 'reporter',
);

/** Normalises an ISO 8601 instant to "YYYY-MM-DD HH:MM:SS" UTC (second precision, as both engines store it). */
export function toSqlTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new InvalidInputError(`"${iso.slice(0, 40)}" is not a date-time`);
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** "YYYY-MM-DD HH:MM:SS[.fff]" as stored → ISO 8601 UTC with Z. */
export function fromSqlTime(value: string): string {
  return `${value.slice(0, 19).replace(' ', 'T')}Z`;
}

/** false → 'false', null → NULL, a name → itself: the enum fits a text column and stays filterable. */
export function enumToText(value: string | false | null): string | null {
  if (value === null) return null;
  return value === false ? 'false' : value;
}

export function textToEnum<T extends string>(value: unknown): T | false | null {
  if (value === null || value === undefined) return null;
  return value === 'false' ? false : (String(value) as T);
}

/** A record's row, raw text included. */
export function recordToRow(r: MeasurementRecord): MeasurementRow {
  return { ...recordColumns(r), raw: rawText(r) };
}

/** A row but its raw text (for a store that keeps raw texts elsewhere). */
export type MeasurementColumns = Omit<MeasurementRow, 'raw'>;

/** A record's row but its raw text. */
export function recordColumns(r: MeasurementRecord): MeasurementColumns {
  const startTime = toSqlTime(r.startTime);
  return {
    uid: r.uid,
    source: r.source,
    test_name: r.testName,
    input: r.input,
    domain: r.domain,
    probe_cc: r.probeCc,
    probe_asn: r.probeAsn,
    start_time: startTime,
    start_day: startTime.slice(0, 10),
    category_code: r.categoryCode,
    simulated: r.simulated,
    rules_version: r.analysis.rulesVersion,
    blocking: enumToText(r.analysis.blocking),
    accessible: r.analysis.accessible,
    technique: enumToText(r.analysis.technique),
    outcome: r.analysis.outcome,
    confirmed: r.analysis.confirmed,
    tls_confirmed: r.analysis.tlsConfirmed,
    origin: r.origin,
    reporter: r.reporter,
    analysis: JSON.stringify(r.analysis),
  };
}

/** Engines return booleans as true/false or 1/0 and counts as numbers or strings. */
export function asBool(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 'true';
}

export function asNumber(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}

function nullableText(v: unknown): string | null {
  return v === null || v === undefined || v === '' ? null : String(v);
}

export function rowToSummary(row: Record<string, unknown>): MeasurementSummary {
  return {
    uid: String(row.uid),
    source: String(row.source) as MeasurementSource,
    testName: String(row.test_name),
    input: nullableText(row.input),
    domain: nullableText(row.domain),
    probeCc: String(row.probe_cc),
    probeAsn: String(row.probe_asn),
    startTime: fromSqlTime(String(row.start_time_text ?? row.start_time)),
    categoryCode: nullableText(row.category_code),
    simulated: asBool(row.simulated),
    origin: originOf(row.origin),
    outcome: String(row.outcome) as Outcome,
    blocking: textToEnum<Exclude<OoniBlocking, false | null>>(nullableText(row.blocking)),
    technique: textToEnum<Exclude<TechniqueBlocking, false | null>>(nullableText(row.technique)),
    confirmed: asBool(row.confirmed),
    tlsConfirmed: asBool(row.tls_confirmed),
  };
}

export function rowToRecord(row: Record<string, unknown>): MeasurementRecord {
  const s = rowToSummary(row);
  return {
    uid: s.uid,
    source: s.source,
    testName: s.testName,
    input: s.input,
    domain: s.domain,
    probeCc: s.probeCc,
    probeAsn: s.probeAsn,
    startTime: s.startTime,
    categoryCode: s.categoryCode,
    simulated: s.simulated,
    origin: s.origin,
    reporter: nullableText(row.reporter),
    analysis: storedAnalysis(String(row.analysis)),
    raw: JSON.parse(String(row.raw)),
  };
}

/** A stored origin; anything else (a row no writer of this version made) is `unknown`, which is not trusted. */
function originOf(v: unknown): MeasurementOrigin {
  return v === 'import' || v === 'probe' || v === 'anonymous' ? v : 'unknown';
}

/**
 * A stored analysis as the current model has it. Analyses written before rules version 2 have no
 * `tlsConfirmed` (their `confirmed` mixed OONI's and netfreedom's confirmations): false until `reanalyze`
 * re-judges them, since nothing stored says which of the two their `confirmed` was.
 */
function storedAnalysis(text: string): MeasurementAnalysis {
  const a = JSON.parse(text) as MeasurementAnalysis;
  return { ...a, tlsConfirmed: a.tlsConfirmed ?? false };
}

export function rowToChangeEvent(r: Record<string, unknown>): ChangeEvent {
  return {
    id: String(r.id),
    probeCc: String(r.probe_cc),
    probeAsn: String(r.probe_asn),
    domain: String(r.domain),
    kind: String(r.kind) as ChangeEvent['kind'],
    at: fromSqlTime(String(r.at_text)),
    score: asNumber(r.score),
    method: String(r.method),
    measurementUids: JSON.parse(String(r.measurement_uids)) as string[],
  };
}
