/**
 * Measurements in ClickHouse 18.16: no bound parameters (values go through sql-literal.ts), bulk rows as
 * JSONEachRow bodies, one INSERT per batch (atomic below max_insert_block_size), rows versioned for re-analysis.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { MeasurementAnalysis } from '../../model/analysis.js';
import { StoreError } from '../../shared/errors.js';
import { GroupCommit } from '../group-commit.js';
import {
  type AggregationQuery,
  type ChangeEvent,
  checkUids,
  type MeasurementFilter,
  type MeasurementRecord,
  type PutResult,
} from '../measurement-store.js';
import { enumToText, MEASUREMENT_COLUMNS, type MeasurementRow, recordToRow } from '../sql/measurement-row.js';
import { applyTrustRule, dailyCountsBySiteSql } from '../sql/site-split-counts.js';
import { ClickHouseDialect, type SqlDialect } from '../sql/sql-dialect.js';
import { checkIdentifier } from '../sql/sql-literal.js';
import { SqlMeasurementStore } from '../sql/sql-measurement-store.js';
import type { WriteLock } from '../write-lock.js';
import {
  blockedTimesSql,
  dailyBlockedDaysSql,
  dailyBlockedDetailSql,
  dailyBlockedSitesSql,
} from './clickhouse-blocked-sites.js';
import { readChangeEvents, writeChangeEvents } from './clickhouse-change-events.js';
import {
  DAILY_LOCAL_TABLE,
  DAILY_TABLE,
  dailyCountColumn,
  type PreviousVerdict,
} from './clickhouse-daily-counts.js';
import { partsState } from './clickhouse-parts.js';
import { query } from './clickhouse-query.js';
import { LOCAL_TABLE, MEASUREMENTS_TABLE } from './clickhouse-schema.js';
import { UID_TABLE, UIDS_PER_LOOKUP } from './clickhouse-uid-index.js';
import { nextVersion } from './row-version.js';

type Row = Record<string, unknown>;

/** Larger batches are split so that each INSERT stays one atomic block. */
export const MAX_INSERT_ROWS = 100_000;

export class ClickHouseMeasurementStore extends SqlMeasurementStore {
  protected readonly table: string;
  protected readonly changesTable: string;
  protected override readonly dailyCountsTable: string;
  private readonly runsTable: string;
  private readonly dataTable: string;
  private readonly dailyDataTable: string;
  /** Every stored uid with its row's key, sorted by uid (clickhouse-uid-index.ts). */
  private readonly uidTable: string;
  /** Each shard's own daily counts: the subquery runs where the rows are (see dailyCorroboratedSitesSql). */
  protected override readonly corroborationCandidates: string;
  private readonly settings: Record<string, string | number>;
  private readonly database: string;
  private readonly distributed: boolean;
  private readonly group = new GroupCommit<MeasurementRecord[], PutResult>(
    (batches) => this.lock.run(() => this.writeBatches(batches)),
    (batch) => batch.length,
  );

  /** `lock` is the store's single writer: the duplicate check and the INSERT that follows it never interleave. */
  constructor(
    private readonly client: ClickHouseClient,
    database: string,
    distributed: boolean,
    private readonly lock: WriteLock,
  ) {
    super();
    const db = checkIdentifier(database);
    this.database = db;
    this.distributed = distributed;
    this.table = `${db}.${MEASUREMENTS_TABLE}`;
    this.changesTable = `${db}.change_events`;
    this.dailyCountsTable = `${db}.${DAILY_TABLE}`;
    this.runsTable = `${db}.change_runs`;
    this.dataTable = `${db}.${distributed ? LOCAL_TABLE : MEASUREMENTS_TABLE}`;
    this.dailyDataTable = `${db}.${distributed ? DAILY_LOCAL_TABLE : DAILY_TABLE}`;
    this.uidTable = `${db}.${UID_TABLE}`;
    this.corroborationCandidates = this.dailyDataTable;
    // On a cluster, an INSERT returns only once every shard has its rows (no half-sent batch).
    this.settings = distributed ? { insert_distributed_sync: 1 } : {};
  }

  protected dialect(): SqlDialect {
    return new ClickHouseDialect();
  }

  protected async select(sql: string): Promise<Record<string, unknown>[]> {
    return query(this.client, sql);
  }

  /**
   * Reads without FINAL when the table is merged (one part per partition: FINAL would change nothing, and 18.16
   * runs it on one thread) and the parts are the same after the read as before, so no write came in between;
   * otherwise reads with FINAL. A cluster's parts live on its shards: there every read uses FINAL.
   */
  protected override async run(build: (d: SqlDialect) => string): Promise<Record<string, unknown>[]> {
    if (!this.distributed) {
      const parts = () => partsState((sql) => query(this.client, sql), this.database, MEASUREMENTS_TABLE);
      const before = await parts();
      if (before.merged) {
        const rows = await query(this.client, build(new ClickHouseDialect({ final: false })));
        if ((await parts()).names === before.names) return rows;
      }
    }
    return super.run(build);
  }

  /** The daily counts are summed by every read (SummingMergeTree), so FINAL and the parts check are never needed. */
  protected override runDaily(build: (d: SqlDialect) => string): Promise<Record<string, unknown>[]> {
    return query(this.client, build(new ClickHouseDialect({ final: false })));
  }

  protected override dailyCountColumn(name: string): string {
    return dailyCountColumn(name);
  }

  /**
   * From the daily counts, the corroborated sites and the counts split by untrusted site at once: on a cluster each
   * is a round trip to every shard, and the second need not wait for the first (site-split-counts.ts).
   */
  protected override async aggregateRows(query: AggregationQuery, daily: string | null): Promise<Row[]> {
    if (!daily) return super.aggregateRows(query, daily);
    const [sites, rows] = await Promise.all([
      this.corroboratedSites(query),
      this.runDaily((d) => dailyCountsBySiteSql(d, daily, query, dailyCountColumn)),
    ]);
    return applyTrustRule(query, rows, sites);
  }

  /**
   * A country's blocked sites from the daily counts; the first and last blocking times from the measurements of
   * each domain's first and last blocking day only (clickhouse-blocked-sites.ts).
   */
  protected override async blockedSiteRows(cc: string, f: MeasurementFilter): Promise<[Row[], Row[]]> {
    const daily = this.dailyCountsTable;
    // Each query starts as soon as what it needs is read: the sites once corroboration is known, the times once
    // the blocking days are (each a round trip to every shard; waiting for all three first cost the slowest's).
    const sitesRead = this.corroboratedSites({ ...f, probeCc: [cc] }).then((corroborated) =>
      this.runDaily((d) => dailyBlockedSitesSql(d, daily, cc, f, corroborated)),
    );
    const timesRead = this.runDaily((d) => dailyBlockedDaysSql(d, daily, cc, f)).then((days) => {
      const edges = [...new Set(days.flatMap((r) => [String(r.first_day), String(r.last_day)]))];
      return edges.length ? this.run((d) => blockedTimesSql(d, this.table, cc, f, edges)) : [];
    });
    const [sites, times, details] = await Promise.all([
      sitesRead,
      timesRead,
      this.runDaily((d) => dailyBlockedDetailSql(d, daily, cc, f)),
    ]);
    const byDomain = new Map(times.map((r) => [String(r.domain), r]));
    const withTimes = sites.map((r) => ({ ...r, ...byDomain.get(String(r.domain)) }));
    return [withTimes, details];
  }

  /** Resolves once the batches of put() calls made so far are inserted or refused. */
  flush(): Promise<void> {
    return this.group.flush();
  }

  /**
   * Adds a batch; it is inserted (on a cluster, on every shard) when this resolves. Concurrent callers' batches
   * are checked and inserted together (group commit).
   */
  async put(batch: MeasurementRecord[]): Promise<PutResult> {
    if (batch.length === 0) return { added: 0, duplicates: 0 };
    checkUids(batch);
    if (this.lock.held) return (await this.writeBatches([batch]))[0]!;
    return this.group.submit(batch);
  }

  /** Inserts the records not stored yet (a uid met twice counts once, for the first batch that has it). */
  private async writeBatches(batches: MeasurementRecord[][]): Promise<PutResult[]> {
    const uids = [...new Set(batches.flat().map((r) => r.uid))];
    const existing = new Set((await this.indexed(uids)).map((r) => String(r.uid)));
    const fresh: MeasurementRow[] = [];
    const results = batches.map((batch) => {
      const result = { added: 0, duplicates: 0 };
      for (const r of batch) {
        if (existing.has(r.uid)) {
          result.duplicates++;
          continue;
        }
        existing.add(r.uid);
        fresh.push(recordToRow(r));
        result.added++;
      }
      return result;
    });
    for (let i = 0; i < fresh.length; i += MAX_INSERT_ROWS) {
      await this.insertRows(fresh.slice(i, i + MAX_INSERT_ROWS));
    }
    return results;
  }

  /** The uids of `uids` that are stored, with their rows' keys, from the uid index (a lookup per 1,000 uids). */
  private async indexed(uids: readonly string[]): Promise<Row[]> {
    const d = new ClickHouseDialect();
    const found: Row[] = [];
    for (let i = 0; i < uids.length; i += UIDS_PER_LOOKUP) {
      const some = uids.slice(i, i + UIDS_PER_LOOKUP);
      found.push(
        ...(await query(
          this.client,
          `SELECT DISTINCT uid, probe_cc, toString(start_day) AS day FROM ${this.uidTable}
            WHERE ${d.inList('uid', some)}`,
        )),
      );
    }
    return found;
  }

  /**
   * The stored rows of `uids` by their sorting key's prefix (country and day, from the uid index) as well as by uid:
   * the primary key then reads their granules, not the whole uid column.
   */
  protected override async uidCondition(
    uids: readonly string[],
  ): Promise<((d: SqlDialect) => string) | null> {
    const found = await this.indexed(uids);
    if (found.length === 0) return null;
    const distinct = (key: string) => [...new Set(found.map((r) => String(r[key])))];
    return (d) =>
      `${d.inList('probe_cc', distinct('probe_cc'))} AND start_day IN (${distinct('day')
        .map((v) => d.date(v))
        .join(', ')})
        AND ${d.inList('uid', distinct('uid'))}`;
  }

  /**
   * One INSERT of rows (and so one atomic block). A re-analysed row carries the verdict it replaces (`previous`),
   * which the daily counts' view subtracts while the other view adds the new one.
   */
  private async insertRows(rows: (MeasurementRow & { previous?: PreviousVerdict })[]): Promise<void> {
    const version = nextVersion();
    await this.client.insert({
      table: this.table,
      values: rows.map(({ previous, ...r }) => ({
        ...r,
        ...(previous ?? {}),
        simulated: r.simulated ? 1 : 0,
        accessible: r.accessible === null ? null : r.accessible ? 1 : 0,
        confirmed: r.confirmed ? 1 : 0,
        tls_confirmed: r.tls_confirmed ? 1 : 0,
        version,
      })),
      format: 'JSONEachRow',
      clickhouse_settings: this.settings,
    });
  }

  /**
   * Merges the parts of this server's tables (older row versions go, daily counts fold into one row per cell); on a
   * cluster, run it on every shard.
   */
  async optimize(): Promise<void> {
    await this.lock.run(async () => {
      try {
        await this.client.command({ query: `OPTIMIZE TABLE ${this.dataTable} FINAL` });
        await this.client.command({ query: `OPTIMIZE TABLE ${this.dailyDataTable} FINAL` });
      } catch (err) {
        throw new StoreError(`ClickHouse: ${(err as Error).message.split('\n')[0]?.slice(0, 300)}`);
      }
    });
  }

  /** Writes a newer version of each row (in the writer, so that no insert of the same uid runs between). */
  updateAnalyses(updates: { uid: string; analysis: MeasurementAnalysis }[]): Promise<void> {
    return this.lock.run(() => this.writeAnalyses(updates));
  }

  private async writeAnalyses(updates: { uid: string; analysis: MeasurementAnalysis }[]): Promise<void> {
    if (updates.length === 0) return;
    const d = new ClickHouseDialect();
    const cols = MEASUREMENT_COLUMNS.map((c) =>
      c === 'start_time' ? `${d.timeText(c)} AS start_time_text` : c,
    );
    const byUid = new Map(updates.map((u) => [u.uid, u.analysis]));
    const uids = [...byUid.keys()];
    const rows: Row[] = [];
    for (let i = 0; i < uids.length; i += UIDS_PER_LOOKUP) {
      const where = await this.uidCondition(uids.slice(i, i + UIDS_PER_LOOKUP));
      if (where)
        rows.push(
          ...(await query(
            this.client,
            `SELECT ${cols.join(', ')} FROM ${d.from(this.table)} WHERE ${where(d)}`,
          )),
        );
    }
    const next = rows.map(({ start_time_text, ...r }) => {
      const a = byUid.get(String(r.uid))!;
      return {
        ...(r as unknown as MeasurementRow),
        start_time: String(start_time_text),
        start_day: String(r.start_day),
        simulated: r.simulated === 1 || r.simulated === '1',
        rules_version: a.rulesVersion,
        blocking: enumToText(a.blocking),
        accessible: a.accessible,
        technique: enumToText(a.technique),
        outcome: a.outcome,
        confirmed: a.confirmed,
        tls_confirmed: a.tlsConfirmed,
        analysis: JSON.stringify(a),
        previous: {
          prev_outcome: String(r.outcome),
          prev_technique: r.technique === null ? null : String(r.technique),
          prev_tls_confirmed: Number(r.tls_confirmed) ? 1 : 0,
        },
      };
    });
    await this.insertRows(next);
  }

  putChanges(probeCc: string, events: ChangeEvent[]): Promise<void> {
    return this.lock.run(() =>
      writeChangeEvents(this.client, this.changesTable, this.runsTable, probeCc, events),
    );
  }

  override changes(filter: MeasurementFilter = {}): Promise<ChangeEvent[]> {
    return readChangeEvents(this.client, this.changesTable, this.runsTable, filter);
  }
}
