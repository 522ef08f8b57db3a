/**
 * The aggregation query answered from `measurement_daily`, the table of per-day counts that the DuckDB store keeps
 * beside the measurements (one row per day, country, network, domain, category, test, technique and simulated flag).
 */
import { TRUST_RULE } from '../../model/trust.js';
import { UsageError } from '../../shared/errors.js';
import type { AggregationAxis, AggregationQuery, MeasurementFilter } from '../measurement-store.js';
import { axisExpression, whereClause } from './measurement-queries.js';
import type { SqlDialect } from './sql-dialect.js';
import { corroborationSql, dailyCountSums } from './trust-queries.js';

/**
 * The columns that identify a cell of the daily counts, on both engines: every filter and axis of aggregate()
 * except `outcome`, then `reporter`, so that the trust rule's corroboration (distinct reporters, networks and days
 * of a site's untrusted confirmations) is answered from the cells too. Imports carry no reporter, so that key only
 * splits cells of submitted measurements.
 */
export const DAILY_COUNT_KEYS = [
  'start_day',
  'probe_cc',
  'probe_asn',
  'domain',
  'category_code',
  'test_name',
  'technique',
  'simulated',
  'origin',
  'reporter',
] as const;

/**
 * The counts kept per cell (OONI's five, then netfreedom's TLS-confirmed count); they are sums, so a batch adds
 * its own counts and a re-analysis adds differences.
 */
export const DAILY_COUNT_VALUES = [
  'measurement_count',
  'ok_count',
  'anomaly_count',
  'confirmed_count',
  'failure_count',
  'tls_confirmed_count',
] as const;

/**
 * Whether the daily counts can answer the query: all its filters and axes are cell keys. Filtering on the outcome
 * is the one thing they cannot do (the outcome is a count, not a key), so such queries read the measurements.
 */
export function dailyCountsAnswer(q: AggregationQuery): boolean {
  return !q.outcome || q.outcome.length === 0;
}

/** The axes of a query the daily counts answer; refuses one they cannot (equal axes, an outcome filter). */
export function dailyAnswerAxes(q: AggregationQuery): AggregationAxis[] {
  if (q.axisX && q.axisY && q.axisX === q.axisY) throw new UsageError('axis_x and axis_y must differ');
  if (!dailyCountsAnswer(q)) throw new UsageError('the daily counts cannot filter on the outcome');
  return [q.axisX, q.axisY].filter((a): a is AggregationAxis => Boolean(a));
}

/** The column a daily-counts query groups an axis by (the day axis is a DATE shown as text). */
export function dailyGroupColumn(axis: AggregationAxis): string {
  return axis === 'measurement_start_day' ? 'start_day' : axis;
}

/**
 * The same cells and counts as aggregateSql over the measurements, summed from the daily counts with the trust
 * rule's corroborated sites joined in: one statement (`column`: dailyCountSums).
 */
export function dailyCountsAggregateSql(
  d: SqlDialect,
  table: string,
  q: AggregationQuery,
  column?: (name: string) => string,
): string {
  const axes = dailyAnswerAxes(q);
  const select = axes.map((a) => `${axisExpression(d, a)} AS ${a}`);
  const group = axes.length > 0 ? `GROUP BY ${axes.map(dailyGroupColumn).join(', ')}` : '';
  const order = axes.length > 0 ? `ORDER BY ${axes.join(', ')}` : '';
  // Cells whose counts sum to zero (a re-analysis moved every measurement out) come back too: dropEmptyCells
  // removes them, which costs less than a HAVING clause in DuckDB.
  return `SELECT ${[...select, dailyCountSums(d, q, 'joined', column)].join(', ')}
    FROM ${withCorroboration(d, table, q, column)} ${whereClause(d, q)} ${group} ${order}`;
}

/**
 * The daily counts with a boolean `corroborated` column: the trust rule's corroborated sites (under the query's
 * filter) joined in, so that one statement answers what took a read of the sites and then one of the counts.
 */
function withCorroboration(
  d: SqlDialect,
  table: string,
  q: AggregationQuery,
  column?: (name: string) => string,
): string {
  return `(SELECT cells.*, sites.domain IS NOT NULL AS corroborated FROM ${d.from(table)} AS cells
      LEFT JOIN (${dailyCorroboratedSitesSql(d, table, q, column)}) AS sites
      ON cells.probe_cc = sites.probe_cc AND cells.domain = sites.domain) AS daily`;
}

/**
 * The measurements table has no group for a cell that a re-analysis emptied, so neither does an answer from the
 * daily counts. Without axes the one total row is always there, as over the measurements.
 */
export function dropEmptyCells<T extends { measurement_count: number }>(q: AggregationQuery, rows: T[]): T[] {
  return q.axisX || q.axisY ? rows.filter((r) => r.measurement_count > 0) : rows;
}

/**
 * The trust rule's corroborated sites (trust-queries.ts, corroboratedSitesSql) from the daily counts: a cell holds a
 * confirmation when its confirmed or TLS-confirmed count sums above zero (summed first: a re-analysis leaves
 * negative rows beside the ones it corrects), then distinct reporters, networks and days per site. `column` names
 * a count's column in the engine's table, as for dailyCountsAggregateSql.
 *
 * With `candidates` (the table itself, or on a cluster each shard's own part of it), only the sites with a row of
 * untrusted counts that is not zero are grouped by cell: every anonymous submission is a cell of its own, and
 * grouping them all took most of the query on ClickHouse (at 100 M rows, 49,000 cells per shard for 30 sites;
 * 165–185 → 75–85 ms). It changes no answer: every row it leaves out has both counts at zero (a site is kept, with
 * all its rows, wherever it has one that is not), so no cell's sums change, on one server or on each shard.
 */
export function dailyCorroboratedSitesSql(
  d: SqlDialect,
  table: string,
  f: MeasurementFilter,
  column: (name: string) => string = (name) => name,
  candidates?: string,
): string {
  const c = [`NOT ${d.inList('origin', [...TRUST_RULE.trustedOrigins])}`, 'domain IS NOT NULL'];
  if (f.probeCc?.length) c.push(d.inList('probe_cc', f.probeCc));
  if (f.domain?.length) c.push(d.inList('domain', f.domain));
  if (!f.includeSimulated) c.push(`simulated = ${d.bool(false)}`);
  const where = c.join(' AND ');
  const confirming = `(${column('confirmed_count')} <> 0 OR ${column('tls_confirmed_count')} <> 0)`;
  const sites = candidates
    ? ` AND (probe_cc, domain) IN (SELECT probe_cc, domain FROM ${d.from(candidates)} WHERE ${where} AND ${confirming})`
    : '';
  return `SELECT probe_cc, domain FROM (
      SELECT probe_cc, domain, reporter, probe_asn, start_day FROM ${d.from(table)} WHERE ${where}${sites}
      GROUP BY probe_cc, domain, reporter, probe_asn, start_day
      HAVING sum(${column('confirmed_count')}) + sum(${column('tls_confirmed_count')}) > 0) AS cells
    GROUP BY probe_cc, domain
    HAVING ${corroborationSql()}
    ORDER BY probe_cc, domain`;
}
