/** Country evidence in ClickHouse: one versioned row per (kind, id) holding the document, read with FINAL. */
import type { ClickHouseClient } from '@clickhouse/client';
import {
  type EvidenceFilter,
  type EvidenceKind,
  type EvidenceRecords,
  type EvidenceStore,
  evidenceDoc,
  evidenceScope,
} from '../evidence-store.js';
import { ClickHouseDialect } from '../sql/sql-dialect.js';
import type { WriteResult } from '../store.js';
import type { WriteLock } from '../write-lock.js';
import { query } from './clickhouse-query.js';
import { nextVersion } from './row-version.js';

export class ClickHouseEvidenceStore implements EvidenceStore {
  private readonly table: string;

  constructor(
    private readonly client: ClickHouseClient,
    database: string,
    private readonly lock: WriteLock,
  ) {
    this.table = `${database}.evidence_records`;
  }

  /** Compares and writes in the store's writer, so that what it answers is what it did. */
  put<K extends EvidenceKind>(kind: K, record: EvidenceRecords[K]): Promise<WriteResult> {
    const doc = evidenceDoc(record);
    const { country, edition } = evidenceScope(record);
    return this.lock.run(async () => {
      const existing = await this.rawDoc(kind, record.id);
      if (existing === doc) return 'unchanged';
      await this.client.insert({
        table: this.table,
        values: [
          { kind, id: record.id, country: country ?? '', edition: edition ?? 0, doc, version: nextVersion() },
        ],
        format: 'JSONEachRow',
      });
      return existing === null ? 'added' : 'updated';
    });
  }

  async get<K extends EvidenceKind>(kind: K, id: string): Promise<EvidenceRecords[K] | null> {
    const doc = await this.rawDoc(kind, id);
    return doc === null ? null : (JSON.parse(doc) as EvidenceRecords[K]);
  }

  async list<K extends EvidenceKind>(kind: K, filter: EvidenceFilter = {}): Promise<EvidenceRecords[K][]> {
    const d = new ClickHouseDialect();
    const c = [`kind = ${d.value(kind)}`];
    if (filter.country) c.push(`country = ${d.value(filter.country)}`);
    if (filter.edition !== undefined) c.push(`edition = ${d.value(filter.edition)}`);
    const rows = await query(
      this.client,
      `SELECT doc FROM ${d.from(this.table)} WHERE ${c.join(' AND ')} ORDER BY id`,
    );
    return rows.map((r) => JSON.parse(String(r.doc)) as EvidenceRecords[K]);
  }

  async count(kind?: EvidenceKind): Promise<number> {
    const d = new ClickHouseDialect();
    const where = kind ? `WHERE kind = ${d.value(kind)}` : '';
    const rows = await query(this.client, `SELECT count() AS n FROM ${d.from(this.table)} ${where}`);
    return Number(rows[0]?.n ?? 0);
  }

  private async rawDoc(kind: EvidenceKind, id: string): Promise<string | null> {
    const d = new ClickHouseDialect();
    const rows = await query(
      this.client,
      `SELECT doc FROM ${d.from(this.table)} WHERE kind = ${d.value(kind)} AND id = ${d.value(id)}`,
    );
    return rows[0] ? String(rows[0].doc) : null;
  }
}
