/**
 * The trust rule (src/model/trust.ts) in SQL, for both engines: which confirmations count. A confirmation counts
 * when its measurement's origin is trusted, or when its site (country × domain) is corroborated by independent
 * untrusted confirmations. Read at every query, so re-judged measurements follow it too.
 */
import { TRUST_RULE } from '../../model/trust.js';
import type { MeasurementFilter } from '../measurement-store.js';
import type { SqlDialect } from './sql-dialect.js';

/** A country and domain whose untrusted confirmations are corroborated. */
export interface Site {
  probeCc: string;
  domain: string;
}

/**
 * The corroborated sites a query counts with: listed, or `joined`, when the statement itself joins them in and
 * gives each row a boolean `corroborated` column (daily-counts-queries.ts: one statement instead of two).
 */
export type Sites = readonly Site[] | 'joined';

/** A measurement's confirmation (OONI's or netfreedom's TLS one), as a SQL condition. */
const CONFIRMATION = "(outcome = 'confirmed' OR tls_confirmed)";

/** `origin IN (the trusted origins)`. */
function trustedOriginSql(d: SqlDialect): string {
  return d.inList('origin', [...TRUST_RULE.trustedOrigins]);
}

/**
 * The sites whose untrusted confirmations are corroborated: at least TRUST_RULE.corroboration's reporters,
 * networks and days among them, within the filter's countries and domains (simulated rows only when included).
 */
export function corroboratedSitesSql(d: SqlDialect, table: string, f: MeasurementFilter): string {
  const c = [`NOT ${trustedOriginSql(d)}`, CONFIRMATION, 'domain IS NOT NULL'];
  if (f.probeCc?.length) c.push(d.inList('probe_cc', f.probeCc));
  if (f.domain?.length) c.push(d.inList('domain', f.domain));
  if (!f.includeSimulated) c.push(`simulated = ${d.bool(false)}`);
  return `SELECT probe_cc, domain FROM ${d.from(table)} WHERE ${c.join(' AND ')}
    GROUP BY probe_cc, domain
    HAVING ${corroborationSql()}
    ORDER BY probe_cc, domain`;
}

/**
 * The HAVING condition of a corroborated site over its confirmations' rows: at least TRUST_RULE.corroboration's
 * reporters, networks and days.
 */
export function corroborationSql(): string {
  const { reporters, networks, days } = TRUST_RULE.corroboration;
  return [
    atLeastDistinct("coalesce(reporter, '')", reporters),
    atLeastDistinct('probe_asn', networks),
    atLeastDistinct('start_day', days),
  ].join(' AND ');
}

/**
 * At least `n` distinct non-null values of `expression` in the group. Two, the rule's figure, is the same as a
 * minimum unlike the maximum, which both engines answer with plain aggregates: a DISTINCT count builds a hash
 * table per group and thread, which cost DuckDB milliseconds on every aggregation it served.
 */
function atLeastDistinct(expression: string, n: number): string {
  if (n <= 1) return `count(${expression}) >= ${n}`;
  if (n === 2) return `min(${expression}) <> max(${expression})`;
  return `count(DISTINCT ${expression}) >= ${n}`;
}

export function sitesFromRows(rows: Record<string, unknown>[]): Site[] {
  return rows.map((r) => ({ probeCc: String(r.probe_cc), domain: String(r.domain) }));
}

/** True for a row whose confirmations the trust rule verifies (trusted origin, or a corroborated site). */
export function verifiedSql(d: SqlDialect, sites: Sites): string {
  const trusted = trustedOriginSql(d);
  if (sites === 'joined') return `(${trusted} OR corroborated)`;
  if (sites.length === 0) return `(${trusted})`;
  const keys = sites.map((s) => `${s.probeCc} ${s.domain}`);
  // coalesce: a row without a domain is never a corroborated site. Without it a current ClickHouse makes the
  // condition NULL, and such a confirmation fell out of every count (DuckDB's concat skips NULLs; 18.16 gave 0).
  return `(${trusted} OR ${d.inList("concat(probe_cc, ' ', coalesce(domain, ''))", keys)})`;
}

/** True for a row whose confirmations this query counts: verified ones, or all with `includeUnverified`. */
export function countedSql(d: SqlDialect, f: MeasurementFilter, sites: Sites): string {
  return f.includeUnverified ? d.bool(true) : verifiedSql(d, sites);
}

/**
 * OONI's counts over the `outcome` column (failure, confirmed, anomaly, ok partition the total), netfreedom's
 * TLS-confirmed count (it lies across those outcomes: an intercepted page that loaded is ok), the confirmations the
 * trust rule leaves unverified, then the simulated measurements among them all (zero unless the filter includes
 * simulated data), so that every figure drawn from simulated data can say so. An unverified OONI confirmation counts
 * as an anomaly (the measurement still shows blocking) unless the filter includes unverified ones.
 */
export function countColumns(d: SqlDialect, f: MeasurementFilter, sites: Sites): string {
  const counted = countedSql(d, f, sites);
  const verified = verifiedSql(d, sites);
  return `count(*) AS measurement_count,
  sum(CASE WHEN outcome = 'ok' THEN 1 ELSE 0 END) AS ok_count,
  sum(CASE WHEN outcome = 'anomaly' OR (outcome = 'confirmed' AND NOT ${counted}) THEN 1 ELSE 0 END) AS anomaly_count,
  sum(CASE WHEN outcome = 'confirmed' AND ${counted} THEN 1 ELSE 0 END) AS confirmed_count,
  sum(CASE WHEN outcome = 'failure' THEN 1 ELSE 0 END) AS failure_count,
  sum(CASE WHEN tls_confirmed AND ${counted} THEN 1 ELSE 0 END) AS tls_confirmed_count,
  sum(CASE WHEN outcome = 'confirmed' AND NOT ${verified} THEN 1 ELSE 0 END) AS unverified_confirmed_count,
  sum(CASE WHEN tls_confirmed AND NOT ${verified} THEN 1 ELSE 0 END) AS unverified_tls_confirmed_count,
  sum(CASE WHEN simulated THEN 1 ELSE 0 END) AS simulated_count`;
}

/**
 * The same counts summed from cells of per-day counts (each cell one origin, country and domain). `column` names
 * a count's column in the engine's table: ClickHouse's differ from the answer's names, since its aliases are
 * substituted inside other expressions (`sum(...) AS confirmed_count` would be read back inside another sum).
 */
export function dailyCountSums(
  d: SqlDialect,
  f: MeasurementFilter,
  sites: Sites,
  column: (name: string) => string = (name) => name,
): string {
  const counted = countedSql(d, f, sites);
  const verified = verifiedSql(d, sites);
  const [n, ok, anomaly, confirmed, failure, tls] = [
    'measurement_count',
    'ok_count',
    'anomaly_count',
    'confirmed_count',
    'failure_count',
    'tls_confirmed_count',
  ].map(column);
  const sum = (expr: string, name: string) => `CAST(sum(${expr}) AS BIGINT) AS ${name}`;
  return [
    sum(n!, 'measurement_count'),
    sum(ok!, 'ok_count'),
    sum(`${anomaly} + CASE WHEN ${counted} THEN 0 ELSE ${confirmed} END`, 'anomaly_count'),
    sum(`CASE WHEN ${counted} THEN ${confirmed} ELSE 0 END`, 'confirmed_count'),
    sum(failure!, 'failure_count'),
    sum(`CASE WHEN ${counted} THEN ${tls} ELSE 0 END`, 'tls_confirmed_count'),
    sum(`CASE WHEN ${verified} THEN 0 ELSE ${confirmed} END`, 'unverified_confirmed_count'),
    sum(`CASE WHEN ${verified} THEN 0 ELSE ${tls} END`, 'unverified_tls_confirmed_count'),
    // `simulated` is a key of the cells, so the simulated measurements are the counts of its simulated cells.
    sum(`CASE WHEN simulated THEN ${n} ELSE 0 END`, 'simulated_count'),
  ].join(', ');
}
