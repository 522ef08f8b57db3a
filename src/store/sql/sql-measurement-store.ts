/** The measurement store's reads, shared by the DuckDB and ClickHouse engines: SQL in, contract types out. */
import type { MeasurementAnalysis } from '../../model/analysis.js';
import type {
  AggregationQuery,
  AggregationRow,
  BlockedSite,
  ChangeEvent,
  DailyCount,
  DomainSummary,
  MeasurementFilter,
  MeasurementRecord,
  NetworkSummary,
  PipelineMeasurementStore,
  PutResult,
  SearchPage,
  SearchQuery,
} from '../measurement-store.js';
import {
  dailyCorroboratedSitesSql,
  dailyCountsAggregateSql,
  dailyCountsAnswer,
  dropEmptyCells,
} from './daily-counts-queries.js';
import {
  AXES,
  aggregateSql,
  blockedDetailSql,
  blockedSitesSql,
  changesSql,
  countSql,
  dailySeriesSql,
  domainsSql,
  encodeCursor,
  networksSql,
  pageSize,
  searchSql,
} from './measurement-queries.js';
import {
  asNumber,
  fromSqlTime,
  MEASUREMENT_COLUMNS,
  rowToChangeEvent,
  rowToRecord,
  rowToSummary,
} from './measurement-row.js';
import type { SqlDialect } from './sql-dialect.js';
import { corroboratedSitesSql, type Site, sitesFromRows } from './trust-queries.js';

type Row = Record<string, unknown>;

/** An engine: how to run a query built with its dialect, and how to write. */
export abstract class SqlMeasurementStore implements PipelineMeasurementStore {
  protected abstract readonly table: string;
  protected abstract readonly changesTable: string;
  /** The engine's table of per-day counts (src/store/sql/daily-counts-queries.ts), when it keeps one. */
  protected readonly dailyCountsTable: string | null = null;
  /** Where corroboration first finds its candidate sites (dailyCorroboratedSitesSql), if the engine gains by it. */
  protected readonly corroborationCandidates: string | undefined = undefined;
  /** How the daily counts table names a count column (dailyCountSums). */
  protected dailyCountColumn(name: string): string {
    return name;
  }
  protected abstract dialect(): SqlDialect;
  protected abstract select(sql: string, d: SqlDialect): Promise<Row[]>;
  abstract put(batch: MeasurementRecord[]): Promise<PutResult>;
  abstract putChanges(probeCc: string, events: ChangeEvent[]): Promise<void>;
  abstract optimize(): Promise<void>;
  abstract updateAnalyses(updates: { uid: string; analysis: MeasurementAnalysis }[]): Promise<void>;

  /** Builds a query with a fresh dialect and runs it (every read goes through here). */
  protected run(build: (d: SqlDialect) => string): Promise<Row[]> {
    const d = this.dialect();
    return this.select(build(d), d);
  }

  /** What a whole record selects: every column, the time as text. */
  protected recordColumns(d: SqlDialect): string[] {
    return MEASUREMENT_COLUMNS.map((c) => (c === 'start_time' ? `${d.timeText(c)} AS start_time_text` : c));
  }

  /** Runs a read of the daily counts (an engine may read them differently from the measurements). */
  protected runDaily(build: (d: SqlDialect) => string): Promise<Row[]> {
    return this.run(build);
  }

  /** Runs several reads so that they see the same data (an engine with snapshots pins one; others run them as is). */
  protected consistent<T>(reads: () => Promise<T>): Promise<T> {
    return reads();
  }

  /** Rows of recordColumns() made whole before rowToRecord (an engine may keep the raw text elsewhere). */
  protected async completeRecords(rows: Row[]): Promise<Row[]> {
    return rows;
  }

  private records(build: (d: SqlDialect, columns: string) => string): Promise<MeasurementRecord[]> {
    return this.consistent(async () => {
      const rows = await this.run((d) => build(d, this.recordColumns(d).join(', ')));
      return (await this.completeRecords(rows)).map(rowToRecord);
    });
  }

  /**
   * What finds the rows of `uids` in a query, or null when the engine knows that none is stored. An engine whose
   * rows do not sort by uid narrows it by the rows' own keys (ClickHouse's uid index).
   */
  protected async uidCondition(uids: readonly string[]): Promise<((d: SqlDialect) => string) | null> {
    return (d) => d.inList('uid', [...uids]);
  }

  async get(uid: string): Promise<MeasurementRecord | null> {
    const where = await this.uidCondition([uid]);
    if (!where) return null;
    const [record] = await this.records(
      (d, columns) => `SELECT ${columns} FROM ${d.from(this.table)} WHERE ${where(d)} LIMIT 1`,
    );
    return record ?? null;
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    const size = pageSize(query.limit);
    const rows = await this.run((d) => searchSql(d, this.table, query));
    const items = rows.slice(0, size).map(rowToSummary);
    const last = rows.length > size ? rows[size - 1] : undefined;
    return {
      items,
      nextCursor: last
        ? encodeCursor({ time: String(last.start_time_text).slice(0, 19), uid: String(last.uid) })
        : null,
    };
  }

  /**
   * The sites whose untrusted confirmations are corroborated under the filter (the trust rule, trust-queries.ts),
   * from the daily counts where the engine keeps them: reading every measurement for it cost more than the
   * aggregation it serves.
   */
  protected async corroboratedSites(filter: MeasurementFilter): Promise<Site[]> {
    const daily = this.dailyCountsTable;
    const rows = daily
      ? await this.runDaily((d) =>
          dailyCorroboratedSitesSql(
            d,
            daily,
            filter,
            (c) => this.dailyCountColumn(c),
            this.corroborationCandidates,
          ),
        )
      : await this.run((d) => corroboratedSitesSql(d, this.table, filter));
    return sitesFromRows(rows);
  }

  async aggregate(query: AggregationQuery): Promise<AggregationRow[]> {
    const daily = this.dailyCountsTable && dailyCountsAnswer(query) ? this.dailyCountsTable : null;
    const rows = await this.aggregateRows(query, daily);
    const cells = rows.map((r) => {
      const out: AggregationRow = {
        measurement_count: asNumber(r.measurement_count),
        ok_count: asNumber(r.ok_count),
        anomaly_count: asNumber(r.anomaly_count),
        confirmed_count: asNumber(r.confirmed_count),
        failure_count: asNumber(r.failure_count),
        tls_confirmed_count: asNumber(r.tls_confirmed_count),
        unverified_confirmed_count: asNumber(r.unverified_confirmed_count),
        unverified_tls_confirmed_count: asNumber(r.unverified_tls_confirmed_count),
        simulated_count: asNumber(r.simulated_count),
      };
      for (const axis of AXES) {
        if (axis in r)
          (out as unknown as Record<string, unknown>)[axis] = r[axis] === null ? null : String(r[axis]);
      }
      return out;
    });
    return daily ? dropEmptyCells(query, cells) : cells;
  }

  /** The aggregation's rows, from the daily counts table `daily` when it can answer, else from the measurements. */
  protected aggregateRows(query: AggregationQuery, daily: string | null): Promise<Row[]> {
    if (daily)
      return this.runDaily((d) => dailyCountsAggregateSql(d, daily, query, (c) => this.dailyCountColumn(c)));
    return this.consistent(async () => {
      const sites = await this.corroboratedSites(query);
      return this.run((d) => aggregateSql(d, this.table, query, sites));
    });
  }

  async count(filter: MeasurementFilter = {}): Promise<number> {
    const rows = await this.run((d) => countSql(d, this.table, filter));
    return asNumber(rows[0]?.n ?? 0);
  }

  /** The rows of blockedSitesSql (sites) and blockedDetailSql (details); an engine may answer them otherwise. */
  protected blockedSiteRows(probeCc: string, filter: MeasurementFilter): Promise<[Row[], Row[]]> {
    return this.consistent(async () => {
      const corroborated = await this.corroboratedSites({ ...filter, probeCc: [probeCc] });
      return [
        await this.run((d) => blockedSitesSql(d, this.table, probeCc, filter, corroborated)),
        await this.run((d) => blockedDetailSql(d, this.table, probeCc, filter)),
      ];
    });
  }

  async blockedSites(probeCc: string, filter: MeasurementFilter = {}): Promise<BlockedSite[]> {
    const [sites, details] = await this.blockedSiteRows(probeCc, filter);
    const techniques = new Map<string, Set<string>>();
    const networks = new Map<string, Set<string>>();
    for (const r of details) {
      const domain = String(r.domain);
      if (r.technique !== null && r.technique !== 'false' && r.technique !== '') {
        techniques.set(domain, (techniques.get(domain) ?? new Set()).add(String(r.technique)));
      }
      networks.set(domain, (networks.get(domain) ?? new Set()).add(String(r.probe_asn)));
    }
    return sites.map((r) => {
      const domain = String(r.domain);
      const total = asNumber(r.measurement_count);
      const anomalyCount = asNumber(r.anomaly_count);
      const confirmedCount = asNumber(r.confirmed_count);
      const tlsConfirmedCount = asNumber(r.tls_confirmed_count);
      const unverifiedConfirmedCount = asNumber(r.unverified_confirmed_count);
      const unverifiedTlsConfirmedCount = asNumber(r.unverified_tls_confirmed_count);
      return {
        domain,
        categoryCode: r.first_category ? String(r.first_category) : null,
        techniques: [...(techniques.get(domain) ?? [])].sort(),
        networks: [...(networks.get(domain) ?? [])].sort(),
        firstSeen: fromSqlTime(String(r.first_seen)),
        lastSeen: fromSqlTime(String(r.last_seen)),
        measurementCount: total,
        blockedCount: asNumber(r.blocked_count),
        anomalyCount,
        confirmedCount,
        tlsConfirmedCount,
        unverifiedConfirmedCount,
        unverifiedTlsConfirmedCount,
        simulatedCount: asNumber(r.simulated_count),
        anomalyShare: total > 0 ? (anomalyCount + confirmedCount) / total : 0,
        confirmed: confirmedCount > 0,
        tlsConfirmed: tlsConfirmedCount > 0,
        unverified: unverifiedConfirmedCount + unverifiedTlsConfirmedCount > 0,
      };
    });
  }

  async networks(filter: MeasurementFilter = {}): Promise<NetworkSummary[]> {
    const rows = await this.consistent(async () => {
      const sites = await this.corroboratedSites(filter);
      return this.run((d) => networksSql(d, this.table, filter, sites));
    });
    return rows.map((r) => ({
      probeAsn: String(r.probe_asn),
      probeCc: String(r.probe_cc),
      measurementCount: asNumber(r.measurement_count),
      anomalyCount: asNumber(r.anomaly_count),
      confirmedCount: asNumber(r.confirmed_count),
      tlsConfirmedCount: asNumber(r.tls_confirmed_count),
      simulatedCount: asNumber(r.simulated_count),
      firstSeen: fromSqlTime(String(r.first_seen)),
      lastSeen: fromSqlTime(String(r.last_seen)),
    }));
  }

  async domains(filter: MeasurementFilter = {}): Promise<DomainSummary[]> {
    const rows = await this.consistent(async () => {
      const sites = await this.corroboratedSites(filter);
      return this.run((d) => domainsSql(d, this.table, filter, sites));
    });
    const byDomain = new Map<string, DomainSummary>();
    for (const r of rows) {
      const domain = String(r.domain);
      const s = byDomain.get(domain) ?? {
        domain,
        categoryCode: null,
        countries: [],
        measurementCount: 0,
        anomalyCount: 0,
        confirmedCount: 0,
        tlsConfirmedCount: 0,
        simulatedCount: 0,
      };
      s.categoryCode ??= r.first_category ? String(r.first_category) : null;
      s.countries.push(String(r.probe_cc));
      s.measurementCount += asNumber(r.measurement_count);
      s.anomalyCount += asNumber(r.anomaly_count);
      s.confirmedCount += asNumber(r.confirmed_count);
      s.tlsConfirmedCount += asNumber(r.tls_confirmed_count);
      s.simulatedCount += asNumber(r.simulated_count);
      byDomain.set(domain, s);
    }
    return [...byDomain.values()];
  }

  async changes(filter: MeasurementFilter = {}): Promise<ChangeEvent[]> {
    const rows = await this.run((d) => changesSql(d, this.changesTable, filter));
    return rows.map(rowToChangeEvent);
  }

  /**
   * Records whose analysis is older than `rulesVersion`, by uid after `afterUid`, at most `limit`:
   * re-analysis pages through them.
   */
  async staleRecords(
    rulesVersion: number,
    options: { since?: string; afterUid?: string; limit: number },
  ): Promise<MeasurementRecord[]> {
    return this.records((d, columns) => {
      const c = [`rules_version < ${d.value(rulesVersion)}`];
      if (options.since) c.push(`start_day >= ${d.date(options.since)}`);
      if (options.afterUid !== undefined) c.push(`uid > ${d.value(options.afterUid)}`);
      return `SELECT ${columns} FROM ${d.from(this.table)} WHERE ${c.join(' AND ')}
        ORDER BY uid LIMIT ${Math.max(1, Math.min(10_000, Math.floor(options.limit)))}`;
    });
  }

  /** Per-day counts per (country, network, domain), failures left out: the series change detection reads. */
  async dailyCounts(filter: MeasurementFilter = {}): Promise<DailyCount[]> {
    const rows = await this.run((d) => dailySeriesSql(d, this.table, filter));
    return rows.map((r) => ({
      probeCc: String(r.probe_cc),
      probeAsn: String(r.probe_asn),
      domain: String(r.domain),
      day: String(r.day),
      measurements: asNumber(r.n),
      anomalous: asNumber(r.bad),
    }));
  }
}
