/**
 * A country's blocked sites (measurement-queries.ts, blockedSitesSql and blockedDetailSql) answered from ClickHouse's
 * daily counts, with the first and last blocking times read from the measurements of the few days they fall on.
 */
import { TECHNIQUES } from '../../model/verdict.js';
import type { MeasurementFilter } from '../measurement-store.js';
import { DAILY_COUNT_VALUES } from '../sql/daily-counts-queries.js';
import { showsBlockingSql, whereClause } from '../sql/measurement-queries.js';
import type { SqlDialect } from '../sql/sql-dialect.js';
import { dailyCountSums, type Sites } from '../sql/trust-queries.js';
import { dailyCountColumn } from './clickhouse-daily-counts.js';

/**
 * A cell's measurements that show blocking (showsBlockingSql): all of them when its technique is one netfreedom
 * names (the technique is a key of the cell), else its anomalies and confirmations. `n` names a count column.
 */
function blockedCount(d: SqlDialect, n: (name: string) => string): string {
  return `CASE WHEN ${d.inList('technique', [...TECHNIQUES])} THEN ${n('measurement_count')}
    ELSE ${n('anomaly_count')} + ${n('confirmed_count')} END`;
}

const summed = (name: string) => `s_${name}`;

function where(d: SqlDialect, probeCc: string, f: MeasurementFilter, extra: string[] = []): string {
  return whereClause(d, { ...f, probeCc: [probeCc] }, ['domain IS NOT NULL', ...extra]);
}

/**
 * Per domain: its category, all counts and the measurements that show blocking, for domains with some. The cells
 * are summed first (a re-analysis leaves rows that cancel out in other parts), so that only cells that still hold
 * measurements give their category; the same columns as blockedSitesSql but the times.
 */
export function dailyBlockedSitesSql(
  d: SqlDialect,
  table: string,
  probeCc: string,
  f: MeasurementFilter,
  sites: Sites,
): string {
  const keys = 'probe_cc, domain, category_code, technique, origin, simulated';
  const sums = DAILY_COUNT_VALUES.map((c) => `sum(${dailyCountColumn(c)}) AS ${summed(c)}`).join(', ');
  return `SELECT domain, min(category_code) AS first_category, ${dailyCountSums(d, f, sites, summed)},
      sum(${blockedCount(d, summed)}) AS blocked_count
    FROM (SELECT ${keys}, ${sums} FROM ${d.from(table)} ${where(d, probeCc, f)}
      GROUP BY ${keys} HAVING s_measurement_count > 0)
    GROUP BY domain HAVING blocked_count > 0 ORDER BY domain`;
}

/** The techniques and networks behind each domain's measurements that show blocking (as blockedDetailSql). */
export function dailyBlockedDetailSql(
  d: SqlDialect,
  table: string,
  probeCc: string,
  f: MeasurementFilter,
): string {
  return `SELECT domain, technique, probe_asn FROM ${d.from(table)} ${where(d, probeCc, f)}
    GROUP BY domain, technique, probe_asn HAVING sum(${blockedCount(d, dailyCountColumn)}) > 0
    ORDER BY domain, technique, probe_asn`;
}

/** The first and last day on which each domain has a measurement that shows blocking. */
export function dailyBlockedDaysSql(
  d: SqlDialect,
  table: string,
  probeCc: string,
  f: MeasurementFilter,
): string {
  return `SELECT domain, ${d.dayText('min(start_day)')} AS first_day, ${d.dayText('max(start_day)')} AS last_day
    FROM (SELECT domain, start_day FROM ${d.from(table)} ${where(d, probeCc, f)}
      GROUP BY domain, start_day, technique HAVING sum(${blockedCount(d, dailyCountColumn)}) > 0)
    GROUP BY domain`;
}

/**
 * The first and last time of each domain's measurements that show blocking, read from the measurements of the
 * given days only: every domain's first and last blocking days are among them, and its blocking measurements on
 * any of them lie between those two days, so the minimum and maximum are exact.
 */
export function blockedTimesSql(
  d: SqlDialect,
  table: string,
  probeCc: string,
  f: MeasurementFilter,
  days: string[],
): string {
  const extra = [showsBlockingSql(d), `start_day IN (${days.map((day) => d.date(day)).join(', ')})`];
  return `SELECT domain, ${d.timeText('min(start_time)')} AS first_seen, ${d.timeText('max(start_time)')} AS last_seen
    FROM ${d.from(table)} ${where(d, probeCc, f, extra)} GROUP BY domain`;
}
