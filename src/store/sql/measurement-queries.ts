/** SQL for the measurement store's reads, written once for DuckDB and ClickHouse through a SqlDialect. */
import { TECHNIQUES } from '../../model/verdict.js';
import { InvalidInputError, UsageError } from '../../shared/errors.js';
import type {
  AggregationAxis,
  AggregationQuery,
  MeasurementFilter,
  SearchQuery,
} from '../measurement-store.js';
import { SUMMARY_COLUMNS } from './measurement-row.js';
import type { SqlDialect } from './sql-dialect.js';
import { countColumns, type Sites } from './trust-queries.js';

/**
 * A measurement shows blocking (`showsBlocking` in src/model/verdict.ts, in SQL): OONI's anomaly or confirmed
 * outcome, or a technique netfreedom names. Blocked sites are listed by it and techniques seen counted by it.
 */
export function showsBlockingSql(d: SqlDialect): string {
  return `(outcome IN ('anomaly', 'confirmed') OR ${d.inList('technique', [...TECHNIQUES])})`;
}

export const AXES = [
  'measurement_start_day',
  'probe_asn',
  'domain',
  'category_code',
  'probe_cc',
  'technique',
  'test_name',
] as const satisfies readonly AggregationAxis[];

/** The SELECT expression of an axis (the day as YYYY-MM-DD text). */
export function axisExpression(d: SqlDialect, axis: AggregationAxis): string {
  if (!AXES.includes(axis)) throw new UsageError(`unknown axis "${axis}": use one of ${AXES.join(', ')}`);
  return axis === 'measurement_start_day' ? d.dayText('start_day') : axis;
}

/** The WHERE clause of a filter (empty string when nothing filters). */
export function whereClause(d: SqlDialect, f: MeasurementFilter, extra: string[] = []): string {
  const c: string[] = [...extra];
  const list = (column: string, values: string[] | undefined) => {
    if (values && values.length > 0) c.push(d.inList(column, values));
  };
  list('probe_cc', f.probeCc);
  list('probe_asn', f.probeAsn);
  list('domain', f.domain);
  list('category_code', f.categoryCode);
  list('test_name', f.testName);
  list('outcome', f.outcome);
  list('technique', f.technique);
  if (f.since) c.push(`start_day >= ${d.date(f.since)}`);
  if (f.until) c.push(`start_day < ${d.date(f.until)}`);
  if (!f.includeSimulated) c.push(`simulated = ${d.bool(false)}`);
  return c.length > 0 ? `WHERE ${c.join(' AND ')}` : '';
}

/** The aggregation query: counts per (axis_x, axis_y) cell, ordered by the axes; `sites` are the corroborated ones. */
export function aggregateSql(d: SqlDialect, table: string, q: AggregationQuery, sites: Sites = []): string {
  if (q.axisX && q.axisY && q.axisX === q.axisY) throw new UsageError('axis_x and axis_y must differ');
  const axes = [q.axisX, q.axisY].filter((a): a is AggregationAxis => Boolean(a));
  const select = axes.map((a) => `${axisExpression(d, a)} AS ${a}`);
  // Group on the raw column (cheap) and format the day only once per cell.
  const group =
    axes.length > 0
      ? `GROUP BY ${axes.map((a) => (a === 'measurement_start_day' ? 'start_day' : a)).join(', ')}`
      : '';
  const order = axes.length > 0 ? `ORDER BY ${axes.join(', ')}` : '';
  return `SELECT ${[...select, countColumns(d, q, sites)].join(', ')} FROM ${d.from(table)}
    ${whereClause(d, q)} ${group} ${order}`;
}

export function countSql(d: SqlDialect, table: string, f: MeasurementFilter): string {
  return `SELECT count(*) AS n FROM ${d.from(table)} ${whereClause(d, f)}`;
}

/** A position in the (start_time desc, uid asc) order, opaque to clients. */
export interface Cursor {
  time: string;
  uid: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.time, c.uid]), 'utf8').toString('base64url');
}

/** Decodes a cursor, refusing anything we did not produce. */
export function decodeCursor(text: string): Cursor {
  const bad = () => new InvalidInputError('invalid cursor: use the nextCursor of a previous page');
  if (text.length > 600 || !/^[A-Za-z0-9_-]+$/.test(text)) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    typeof value[0] !== 'string' ||
    typeof value[1] !== 'string'
  )
    throw bad();
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value[0])) throw bad();
  return { time: value[0], uid: value[1] };
}

/** Page size bounds. */
export function pageSize(limit: number | undefined): number {
  const n = limit ?? 50;
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`limit must be 1..1000 (got ${n})`);
  return n;
}

/** One page of summaries (one more row than the page, to know whether a next page exists). */
export function searchSql(d: SqlDialect, table: string, q: SearchQuery): string {
  const extra: string[] = [];
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    const t = d.timestamp(c.time);
    extra.push(`(start_time < ${t} OR (start_time = ${t} AND uid > ${d.value(c.uid)}))`);
  }
  // Aliases differ from column names: ClickHouse resolves aliases in WHERE, which would compare text with time.
  const cols = SUMMARY_COLUMNS.filter((c) => c !== 'start_day').map((c) =>
    c === 'start_time' ? `${d.timeText(c)} AS start_time_text` : c,
  );
  return `SELECT ${cols.join(', ')} FROM ${d.from(table)} ${whereClause(d, q, extra)}
    ORDER BY start_time DESC, uid ASC LIMIT ${pageSize(q.limit) + 1}`;
}

/**
 * Per domain in a country with some measurement that shows blocking: all its counts (OONI's and the
 * TLS-confirmed one) and the count, first and last time of the measurements that show blocking.
 */
export function blockedSitesSql(
  d: SqlDialect,
  table: string,
  probeCc: string,
  f: MeasurementFilter,
  sites: Sites = [],
): string {
  const where = whereClause(d, { ...f, probeCc: [probeCc] }, ['domain IS NOT NULL']);
  return `SELECT domain, min(category_code) AS first_category, ${countColumns(d, f, sites)},
      sum(CASE WHEN ${showsBlockingSql(d)} THEN 1 ELSE 0 END) AS blocked_count,
      ${d.timeText(`min(CASE WHEN ${showsBlockingSql(d)} THEN start_time END)`)} AS first_seen,
      ${d.timeText(`max(CASE WHEN ${showsBlockingSql(d)} THEN start_time END)`)} AS last_seen
    FROM ${d.from(table)} ${where}
    GROUP BY domain HAVING sum(CASE WHEN ${showsBlockingSql(d)} THEN 1 ELSE 0 END) > 0 ORDER BY domain`;
}

/** The techniques and networks behind the measurements of each domain in a country that show blocking. */
export function blockedDetailSql(
  d: SqlDialect,
  table: string,
  probeCc: string,
  f: MeasurementFilter,
): string {
  const where = whereClause(d, { ...f, probeCc: [probeCc] }, ['domain IS NOT NULL', showsBlockingSql(d)]);
  return `SELECT domain, technique, probe_asn, count(*) AS n FROM ${d.from(table)} ${where}
    GROUP BY domain, technique, probe_asn ORDER BY domain, technique, probe_asn`;
}

export function networksSql(d: SqlDialect, table: string, f: MeasurementFilter, sites: Sites = []): string {
  return `SELECT probe_asn, probe_cc, ${countColumns(d, f, sites)},
      ${d.timeText('min(start_time)')} AS first_seen, ${d.timeText('max(start_time)')} AS last_seen
    FROM ${d.from(table)} ${whereClause(d, f)} GROUP BY probe_asn, probe_cc ORDER BY probe_asn, probe_cc`;
}

export function domainsSql(d: SqlDialect, table: string, f: MeasurementFilter, sites: Sites = []): string {
  return `SELECT domain, probe_cc, min(category_code) AS first_category, ${countColumns(d, f, sites)}
    FROM ${d.from(table)} ${whereClause(d, f, ['domain IS NOT NULL'])}
    GROUP BY domain, probe_cc ORDER BY domain, probe_cc`;
}

/** Per-day (anomalous, total) counts per (country, network, domain): the input of change detection. */
export function dailySeriesSql(d: SqlDialect, table: string, f: MeasurementFilter): string {
  return `SELECT probe_cc, probe_asn, domain, ${d.dayText('start_day')} AS day,
      count(*) AS n, sum(CASE WHEN outcome IN ('anomaly', 'confirmed') THEN 1 ELSE 0 END) AS bad
    FROM ${d.from(table)} ${whereClause(d, f, ['domain IS NOT NULL', "outcome <> 'failure'"])}
    GROUP BY probe_cc, probe_asn, domain, start_day ORDER BY probe_cc, probe_asn, domain, day`;
}

/** Stored change events matching the filter's country, network, domain and time range. */
export function changesSql(d: SqlDialect, table: string, f: MeasurementFilter, extra: string[] = []): string {
  const c: string[] = [...extra];
  if (f.probeCc?.length) c.push(d.inList('probe_cc', f.probeCc));
  if (f.probeAsn?.length) c.push(d.inList('probe_asn', f.probeAsn));
  if (f.domain?.length) c.push(d.inList('domain', f.domain));
  if (f.since) c.push(`at_time >= ${d.timestamp(`${f.since} 00:00:00`)}`);
  if (f.until) c.push(`at_time < ${d.timestamp(`${f.until} 00:00:00`)}`);
  return `SELECT id, probe_cc, probe_asn, domain, kind, ${d.timeText('at_time')} AS at_text, score, method, measurement_uids
    FROM ${d.from(table)} ${c.length ? `WHERE ${c.join(' AND ')}` : ''}
    ORDER BY at_time, probe_cc, probe_asn, domain, kind`;
}
