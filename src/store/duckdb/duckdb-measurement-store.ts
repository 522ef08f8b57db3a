/** Measurements in DuckDB: a batch's keys are checked through a temporary table, new rows go in with the appender. */
import { DuckDBTimestampValue } from '@duckdb/node-api';
import type { MeasurementAnalysis } from '../../model/analysis.js';
import type { ChangeEvent, MeasurementRecord, PutResult } from '../measurement-store.js';
import { type MeasurementRow, recordToRow, toSqlTime } from '../sql/measurement-row.js';
import { DuckDbDialect, type SqlDialect } from '../sql/sql-dialect.js';
import { SqlMeasurementStore } from '../sql/sql-measurement-store.js';
import {
  addDailyCounts,
  DAILY_COUNTS_TABLE,
  putBackDailyCounts,
  rebuildDailyCounts,
  takeOutDailyCounts,
} from './daily-counts.js';
import type { DuckDbDatabase } from './database.js';
import { measurementsTableDdl } from './migrations.js';

export class DuckDbMeasurementStore extends SqlMeasurementStore {
  protected readonly table = 'measurements';
  protected readonly changesTable = 'change_events';
  protected override readonly dailyCountsTable = DAILY_COUNTS_TABLE;

  constructor(private readonly db: DuckDbDatabase) {
    super();
  }

  protected dialect(): SqlDialect {
    return new DuckDbDialect();
  }

  protected select(sql: string, d: SqlDialect): Promise<Record<string, unknown>[]> {
    return this.db.allPrepared(sql, d.params as never);
  }

  async put(batch: MeasurementRecord[]): Promise<PutResult> {
    if (batch.length === 0) return { added: 0, duplicates: 0 };
    return this.db.transaction(async () => {
      // Which uids exist already: only the keys go through a temporary table, not the heavy rows.
      await this.db.run('CREATE TEMP TABLE IF NOT EXISTS uid_stage (uid VARCHAR)');
      await this.db.run('DELETE FROM uid_stage');
      const keys = await this.db.connection.createAppender('uid_stage', 'main', 'temp');
      try {
        for (const r of batch) {
          keys.appendVarchar(r.uid);
          keys.endRow();
        }
        keys.flushSync();
      } finally {
        keys.closeSync();
      }
      const existing = new Set(
        (
          await this.db.all<{ uid: string }>(
            'SELECT s.uid FROM uid_stage s JOIN measurements m ON m.uid = s.uid',
          )
        ).map((r) => r.uid),
      );
      const fresh: MeasurementRecord[] = [];
      for (const r of batch) {
        if (existing.has(r.uid)) continue;
        existing.add(r.uid); // a uid repeated within the batch counts once
        fresh.push(r);
      }
      if (fresh.length > 0) {
        const appender = await this.db.connection.createAppender('measurements');
        try {
          for (const r of fresh) appendRow(appender, recordToRow(r));
          appender.flushSync();
        } finally {
          appender.closeSync();
        }
      }
      await addDailyCounts(this.db, fresh);
      return { added: fresh.length, duplicates: batch.length - fresh.length };
    });
  }

  /**
   * Rewrites the table ordered by (country, day), so that DuckDB's per-row-group min/max skips most of the
   * data for one-country queries; ingest order is time order, which spreads every country over every row group.
   * A maintenance step (it rewrites everything, in one transaction).
   */
  async optimize(): Promise<void> {
    await this.db.transaction(async () => {
      await this.db.run(measurementsTableDdl('measurements_clustered'));
      await this.db.run(
        'INSERT INTO measurements_clustered SELECT * FROM measurements ORDER BY probe_cc, start_day, uid',
      );
      await this.db.run('DROP TABLE measurements');
      await this.db.run('ALTER TABLE measurements_clustered RENAME TO measurements');
      await rebuildDailyCounts(this.db);
    });
  }

  async putChanges(probeCc: string, events: ChangeEvent[]): Promise<void> {
    await this.db.transaction(async () => {
      await this.db.run('DELETE FROM change_events WHERE probe_cc = $1', [probeCc]);
      for (const e of events) {
        await this.db.run(
          `INSERT INTO change_events (id, probe_cc, probe_asn, domain, kind, at_time, score, method, measurement_uids)
           VALUES ($1, $2, $3, $4, $5, CAST($6 AS TIMESTAMP), $7, $8, $9)`,
          [
            e.id,
            e.probeCc,
            e.probeAsn,
            e.domain,
            e.kind,
            toSqlTime(e.at),
            e.score,
            e.method,
            JSON.stringify(e.measurementUids),
          ],
        );
      }
    });
  }

  async updateAnalyses(updates: { uid: string; analysis: MeasurementAnalysis }[]): Promise<void> {
    await this.db.transaction(async () => {
      // The daily counts follow: these measurements' counts come out before and go back in after the change.
      const uids = updates.map((u) => u.uid);
      await takeOutDailyCounts(this.db, uids);
      for (const { uid, analysis } of updates) {
        await this.db.run(
          `UPDATE measurements SET rules_version = $2, blocking = $3, accessible = $4, technique = $5,
             outcome = $6, confirmed = $7, analysis = $8 WHERE uid = $1`,
          [
            uid,
            analysis.rulesVersion,
            analysis.blocking === false ? 'false' : analysis.blocking,
            analysis.accessible,
            analysis.technique === false ? 'false' : analysis.technique,
            analysis.outcome,
            analysis.confirmed,
            JSON.stringify(analysis),
          ],
        );
      }
      await putBackDailyCounts(this.db);
    });
  }
}

type Appender = Awaited<ReturnType<DuckDbDatabase['connection']['createAppender']>>;

function appendText(a: Appender, v: string | null): void {
  if (v === null) a.appendNull();
  else a.appendVarchar(v);
}

function appendRow(a: Appender, r: MeasurementRow): void {
  a.appendVarchar(r.uid);
  a.appendVarchar(r.source);
  a.appendVarchar(r.test_name);
  appendText(a, r.input);
  appendText(a, r.domain);
  a.appendVarchar(r.probe_cc);
  a.appendVarchar(r.probe_asn);
  const ms = Date.parse(`${r.start_time.replace(' ', 'T')}Z`);
  a.appendTimestamp(new DuckDBTimestampValue(BigInt(ms) * 1000n));
  a.appendVarchar(r.start_day);
  appendText(a, r.category_code);
  a.appendBoolean(r.simulated);
  a.appendInteger(r.rules_version);
  appendText(a, r.blocking);
  if (r.accessible === null) a.appendNull();
  else a.appendBoolean(r.accessible);
  appendText(a, r.technique);
  a.appendVarchar(r.outcome);
  a.appendBoolean(r.confirmed);
  a.appendVarchar(r.analysis);
  a.appendVarchar(r.raw);
  a.endRow();
}
