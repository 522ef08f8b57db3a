/**
 * The aggregation from the daily counts with the trust rule applied after the query rather than inside it: the
 * counts come split by untrusted site, so that they need not wait for the corroborated sites. An engine whose every
 * query is a round trip to its shards reads both at once (ClickHouse on a cluster) and gives the same answer as
 * dailyCountsAggregateSql with the sites, the one DuckDB runs.
 */
import { TRUST_RULE } from '../../model/trust.js';
import type { AggregationAxis, AggregationQuery, AggregationRow } from '../measurement-store.js';
import { DAILY_COUNT_VALUES, dailyAnswerAxes, dailyGroupColumn } from './daily-counts-queries.js';
import { axisExpression, whereClause } from './measurement-queries.js';
import { asNumber } from './measurement-row.js';
import type { SqlDialect } from './sql-dialect.js';
import type { Site } from './trust-queries.js';

type Row = Record<string, unknown>;

/** A cell of the answer: its axis values and its counts. */
type Cell = Row & Omit<AggregationRow, AggregationAxis>;

/**
 * The daily counts summed per cell of the answer and per `untrusted_site`: "cc domain" for rows of untrusted
 * origins that carry a confirmation (or take one back: a re-analysis writes negative rows), '' for all others.
 * Only those rows' counts depend on the trust rule, so the extra groups are as few as such confirmations.
 */
export function dailyCountsBySiteSql(
  d: SqlDialect,
  table: string,
  q: AggregationQuery,
  column: (name: string) => string = (name) => name,
): string {
  const axes = dailyAnswerAxes(q);
  const trusted = d.inList('origin', [...TRUST_RULE.trustedOrigins]);
  const confirms = `${column('confirmed_count')} != 0 OR ${column('tls_confirmed_count')} != 0`;
  const site = `CASE WHEN ${trusted} OR NOT (${confirms}) THEN '' ELSE concat(probe_cc, ' ', coalesce(domain, '')) END`;
  const sums = DAILY_COUNT_VALUES.map((name) => `CAST(sum(${column(name)}) AS BIGINT) AS ${name}`);
  sums.push(
    `CAST(sum(CASE WHEN simulated THEN ${column('measurement_count')} ELSE 0 END) AS BIGINT) AS simulated_count`,
  );
  const group = [...axes.map(dailyGroupColumn), 'untrusted_site'];
  return `SELECT ${[...axes.map((a) => `${axisExpression(d, a)} AS ${a}`), `${site} AS untrusted_site`, ...sums].join(', ')}
    FROM ${d.from(table)} ${whereClause(d, q)} GROUP BY ${group.join(', ')}
    ${axes.length > 0 ? `ORDER BY ${axes.join(', ')}` : ''}`;
}

/**
 * The rows of dailyCountsBySiteSql as the aggregation's cells, with the trust rule applied as countColumns applies
 * it in SQL: a confirmation counts when its site is '' (a trusted origin) or corroborated, or when the query
 * includes unverified ones; an uncounted one is an anomaly; the unverified counts say how many were not verified.
 */
export function applyTrustRule(q: AggregationQuery, rows: Row[], sites: readonly Site[]): Row[] {
  const corroborated = new Set(sites.map((s) => `${s.probeCc} ${s.domain}`));
  const axes = dailyAnswerAxes(q);
  const zero = (r: Row): Cell => ({
    ...Object.fromEntries(axes.map((a) => [a, r[a]])),
    measurement_count: 0,
    ok_count: 0,
    anomaly_count: 0,
    confirmed_count: 0,
    failure_count: 0,
    tls_confirmed_count: 0,
    unverified_confirmed_count: 0,
    unverified_tls_confirmed_count: 0,
    simulated_count: 0,
  });
  const cells = new Map<string, Cell>();
  for (const r of rows) {
    const site = String(r.untrusted_site ?? '');
    const verified = site === '' || corroborated.has(site);
    const counted = Boolean(q.includeUnverified) || verified;
    const key = JSON.stringify(axes.map((a) => r[a]));
    let cell = cells.get(key);
    if (!cell) {
      cell = zero(r);
      cells.set(key, cell);
    }
    const confirmed = asNumber(r.confirmed_count);
    const tls = asNumber(r.tls_confirmed_count);
    cell.measurement_count += asNumber(r.measurement_count);
    cell.ok_count += asNumber(r.ok_count);
    cell.failure_count += asNumber(r.failure_count);
    cell.simulated_count += asNumber(r.simulated_count);
    cell.anomaly_count += asNumber(r.anomaly_count) + (counted ? 0 : confirmed);
    cell.confirmed_count += counted ? confirmed : 0;
    cell.tls_confirmed_count += counted ? tls : 0;
    cell.unverified_confirmed_count += verified ? 0 : confirmed;
    cell.unverified_tls_confirmed_count += verified ? 0 : tls;
  }
  // Without axes the answer is one row, as the SQL's is, also when nothing matched.
  if (axes.length === 0 && cells.size === 0) return [zero({})];
  return [...cells.values()];
}
