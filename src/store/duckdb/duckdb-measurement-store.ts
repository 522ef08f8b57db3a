/** Measurements in DuckDB: a batch's keys are checked through a temporary table, new rows go in with the appender. */
import type { MeasurementAnalysis } from '../../model/analysis.js';
import { StoreError } from '../../shared/errors.js';
import { GroupCommit } from '../group-commit.js';
import {
  type ChangeEvent,
  checkUids,
  type MeasurementRecord,
  type PutResult,
  rawPiece,
} from '../measurement-store.js';
import { type MeasurementColumns, recordColumns, toSqlTime } from '../sql/measurement-row.js';
import { DuckDbDialect, type SqlDialect } from '../sql/sql-dialect.js';
import { SqlMeasurementStore } from '../sql/sql-measurement-store.js';
import { type Appender, appendAll } from './append-all.js';
import {
  addDailyCounts,
  DAILY_COUNTS_TABLE,
  putBackDailyCounts,
  rebuildDailyCounts,
  takeOutDailyCounts,
} from './daily-counts.js';
import type { DuckDbDatabase } from './database.js';
import { duckdb } from './duckdb-api.js';
import { measurementsTableDdl } from './migrations.js';
import type { RawArchive, RawBlock, RawRef } from './raw-archive.js';

type Row = Record<string, unknown>;

/**
 * Up to this many keys, stored ones are found through the key's index (an IN list); more go through a temporary
 * table (an ingest batch's 10,000), which costs a fixed 6–8 ms but does not grow with the keys.
 */
const KEY_LOOKUP_LIMIT = 64;

export class DuckDbMeasurementStore extends SqlMeasurementStore {
  protected readonly table = 'measurements';
  protected readonly changesTable = 'change_events';
  protected override readonly dailyCountsTable = DAILY_COUNTS_TABLE;
  private nextBlockId: number | null = null;
  private readonly group = new GroupCommit<MeasurementRecord[], PutResult>(
    (batches) => this.commitBatches(batches),
    (batch) => batch.length,
  );

  constructor(
    private readonly db: DuckDbDatabase,
    private readonly archive: RawArchive,
  ) {
    super();
  }

  protected override recordColumns(d: SqlDialect): string[] {
    return [...super.recordColumns(d), 'raw_block', 'raw_start', 'raw_length'];
  }

  /** Fills `raw` from the archive for rows that point into it, inflating each block once. */
  protected override async completeRecords(rows: Row[]): Promise<Row[]> {
    const ids = [...new Set(rows.filter((r) => r.raw === null).map((r) => Number(r.raw_block)))];
    if (ids.length === 0) return rows;
    const located = await this.db.all<{ id: number; segment: number; offset: string; size: number }>(
      `SELECT id::INTEGER AS id, segment, "offset"::VARCHAR AS "offset", size FROM raw_blocks
        WHERE id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})`,
      ids,
    );
    const texts = new Map<number, string>();
    for (const b of located) {
      const block: RawBlock = { id: b.id, segment: b.segment, offset: Number(b.offset), size: b.size };
      texts.set(b.id, await this.archive.readBlock(block));
    }
    return rows.map((r) => {
      if (r.raw !== null) return r;
      const text = texts.get(Number(r.raw_block));
      if (text === undefined)
        throw new StoreError(`the raw record of ${String(r.uid)} is missing (block ${String(r.raw_block)})`);
      return { ...r, raw: text.slice(Number(r.raw_start), Number(r.raw_start) + Number(r.raw_length)) };
    });
  }

  protected override consistent<T>(reads: () => Promise<T>): Promise<T> {
    return this.db.snapshot(reads);
  }

  protected dialect(): SqlDialect {
    return new DuckDbDialect();
  }

  protected select(sql: string, d: SqlDialect): Promise<Record<string, unknown>[]> {
    return this.db.allPrepared(sql, d.params as never);
  }

  /** Resolves once the batches of put() calls made so far are committed or refused. */
  flush(): Promise<void> {
    return this.group.flush();
  }

  /**
   * Adds a batch, committed when this resolves. Concurrent callers' batches are written together (group commit,
   * one transaction for all); inside a caller's transaction the batch is written in that transaction.
   */
  async put(batch: MeasurementRecord[]): Promise<PutResult> {
    if (batch.length === 0) return { added: 0, duplicates: 0 };
    checkUids(batch);
    if (this.db.inTransaction) return (await this.writeBatches([batch], false))[0]!;
    return this.group.submit(batch);
  }

  /**
   * Stored uids are looked for among the stored rows of the batches' days only: DuckDB answers the check by
   * scanning every uid it reads (its key index does not serve a join), so an unbounded check grows with the
   * store, while the days' row groups are found by their min/max. A uid met again always carries the same
   * start time (it is OONI's id of that measurement, or a hash of the record's text); should one not, the
   * key refuses it, the transaction is rolled back and written again with the unbounded check.
   */
  private async commitBatches(batches: MeasurementRecord[][]): Promise<PutResult[]> {
    try {
      return await this.db.transaction(() => this.writeBatches(batches, true));
    } catch (err) {
      if (!/violates primary key constraint/i.test((err as Error).message)) throw err;
    }
    return this.db.transaction(() => this.writeBatches(batches, false));
  }

  /** Writes the records not stored yet (a uid met twice counts once, for the first batch that has it). */
  private async writeBatches(batches: MeasurementRecord[][], withinDays: boolean): Promise<PutResult[]> {
    const records = batches.flat();
    const rows = records.map(recordColumns);
    const existing = await this.storedUids(rows, withinDays);
    const fresh: number[] = [];
    const results: PutResult[] = [];
    let i = 0;
    for (const batch of batches) {
      const result = { added: 0, duplicates: 0 };
      for (let end = i + batch.length; i < end; i++) {
        const uid = rows[i]!.uid;
        if (existing.has(uid)) {
          result.duplicates++;
          continue;
        }
        existing.add(uid);
        fresh.push(i);
        result.added++;
      }
      results.push(result);
    }
    if (fresh.length > 0) {
      // Block ids are allocated here, inside the writer's transaction: no other write can take the same ones.
      const first = await this.firstFreeBlockId();
      const { blocks, refs } = await this.archive.append(
        fresh.map((k) => rawPiece(records[k]!)),
        first,
      );
      this.nextBlockId = first + blocks.length;
      await this.appendBlocks(blocks);
      appendAll(await this.db.appender('measurements'), (a) => {
        for (const [n, k] of fresh.entries()) appendRow(a, rows[k]!, refs[n]!);
      });
    }
    await addDailyCounts(
      this.db,
      fresh.map((k) => rows[k]!),
    );
    return results;
  }

  /** Which of the rows' uids are stored already (among the rows of their days only, when `withinDays`). */
  private async storedUids(rows: MeasurementColumns[], withinDays: boolean): Promise<Set<string>> {
    const uids = [...new Set(rows.map((r) => r.uid))];
    if (uids.length <= KEY_LOOKUP_LIMIT) {
      // A few keys (concurrent submissions): looked up in the key's index, on every day, in 2–3 ms.
      const list = uids.map((_, i) => `$${i + 1}`).join(', ');
      const found = await this.db.all<{ uid: string }>(
        `SELECT uid FROM measurements WHERE uid IN (${list})`,
        uids,
      );
      return new Set(found.map((r) => r.uid));
    }
    // Only the keys go through a temporary table, not the heavy rows.
    await this.db.run('CREATE TEMP TABLE IF NOT EXISTS uid_stage (uid VARCHAR)');
    await this.db.run('DELETE FROM uid_stage');
    appendAll(await this.db.appender('uid_stage', 'main', 'temp'), (keys) => {
      for (const r of rows) {
        keys.appendVarchar(r.uid);
        keys.endRow();
      }
    });
    let sql = 'SELECT s.uid FROM uid_stage s JOIN measurements m ON m.uid = s.uid';
    const params: string[] = [];
    if (withinDays) {
      let first = rows[0]!.start_day;
      let last = first;
      for (const r of rows) {
        if (r.start_day < first) first = r.start_day;
        if (r.start_day > last) last = r.start_day;
      }
      sql += ' AND m.start_day BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)';
      params.push(first, last);
    }
    return new Set((await this.db.all<{ uid: string }>(sql, params)).map((r) => r.uid));
  }

  /** The first free block id (read once; a rolled-back batch only leaves a gap). */
  private async firstFreeBlockId(): Promise<number> {
    if (this.nextBlockId === null) {
      const [row] = await this.db.all<{ next: number }>(
        'SELECT (coalesce(max(id), 0) + 1)::INTEGER AS next FROM raw_blocks',
      );
      this.nextBlockId = row!.next;
    }
    return this.nextBlockId;
  }

  private async appendBlocks(blocks: RawBlock[]): Promise<void> {
    appendAll(await this.db.appender('raw_blocks'), (a) => {
      for (const b of blocks) {
        a.appendBigInt(BigInt(b.id));
        a.appendInteger(b.segment);
        a.appendBigInt(BigInt(b.offset));
        a.appendInteger(b.size);
        a.endRow();
      }
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
    // The last analysis given for a uid wins, as a row-by-row update would have it.
    const latest = [...new Map(updates.map((u) => [u.uid, u.analysis])).entries()];
    await this.db.transaction(async () => {
      // The daily counts follow: these measurements' counts come out before and go back in after the change.
      await takeOutDailyCounts(
        this.db,
        latest.map(([uid]) => uid),
      );
      // One statement per chunk, not one per row: a page of 1,000 rows took 5.4 s as 1,000 UPDATEs on 2 M rows.
      for (let at = 0; at < latest.length; at += UPDATE_CHUNK) {
        const chunk = latest.slice(at, at + UPDATE_CHUNK);
        const params = chunk.flatMap(([uid, a]) => [
          uid,
          a.rulesVersion,
          a.blocking === false ? 'false' : a.blocking,
          a.accessible,
          a.technique === false ? 'false' : a.technique,
          a.outcome,
          a.confirmed,
          a.tlsConfirmed,
          JSON.stringify(a),
        ]);
        const rows = chunk
          .map((_, i) => `(${Array.from({ length: 9 }, (_, k) => `$${i * 9 + k + 1}`).join(', ')})`)
          .join(', ');
        await this.db.run(
          `UPDATE measurements SET rules_version = CAST(u.rules_version AS INTEGER),
             blocking = CAST(u.blocking AS VARCHAR), accessible = CAST(u.accessible AS BOOLEAN),
             technique = CAST(u.technique AS VARCHAR), outcome = CAST(u.outcome AS VARCHAR),
             confirmed = CAST(u.confirmed AS BOOLEAN), tls_confirmed = CAST(u.tls_confirmed AS BOOLEAN),
             analysis = CAST(u.analysis AS VARCHAR)
           FROM (VALUES ${rows}) AS u(uid, rules_version, blocking, accessible, technique, outcome, confirmed,
             tls_confirmed, analysis)
           WHERE measurements.uid = CAST(u.uid AS VARCHAR)`,
          params,
        );
      }
      await putBackDailyCounts(this.db);
    });
  }
}

/** Re-analysed rows per UPDATE statement (9 parameters each). */
const UPDATE_CHUNK = 500;

function appendText(a: Appender, v: string | null): void {
  if (v === null) a.appendNull();
  else a.appendVarchar(v);
}

/** Appends a row in the table's column order (migrations add columns at the end); its raw text is in the archive at `ref`. */
function appendRow(a: Appender, r: MeasurementColumns, ref: RawRef): void {
  a.appendVarchar(r.uid);
  a.appendVarchar(r.source);
  a.appendVarchar(r.test_name);
  appendText(a, r.input);
  appendText(a, r.domain);
  a.appendVarchar(r.probe_cc);
  a.appendVarchar(r.probe_asn);
  const ms = Date.parse(`${r.start_time.replace(' ', 'T')}Z`);
  a.appendTimestamp(new duckdb.DuckDBTimestampValue(BigInt(ms) * 1000n));
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
  a.appendNull();
  a.appendBigInt(BigInt(ref.block));
  a.appendInteger(ref.start);
  a.appendInteger(ref.length);
  a.appendBoolean(r.tls_confirmed);
  a.appendVarchar(r.origin);
  appendText(a, r.reporter);
  a.endRow();
}
