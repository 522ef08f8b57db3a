/** Documents in ClickHouse: one versioned row per (kind, id), the latest read with FINAL, written by the store's writer. */
import type { ClickHouseClient } from '@clickhouse/client';
import type { DocumentKind, DocumentStore } from '../document-store.js';
import { ClickHouseDialect } from '../sql/sql-dialect.js';
import type { WriteLock } from '../write-lock.js';
import { query } from './clickhouse-query.js';
import { nextVersion } from './row-version.js';

export class ClickHouseDocumentStore implements DocumentStore {
  private readonly table: string;

  constructor(
    private readonly client: ClickHouseClient,
    database: string,
    private readonly lock: WriteLock,
  ) {
    this.table = `${database}.documents`;
  }

  async get<T>(kind: DocumentKind, id: string): Promise<T | null> {
    const d = new ClickHouseDialect();
    const rows = await query(
      this.client,
      `SELECT doc FROM ${d.from(this.table)} WHERE kind = ${d.value(kind)} AND id = ${d.value(id)}`,
    );
    return rows[0] ? (JSON.parse(String(rows[0].doc)) as T) : null;
  }

  async list<T>(kind: DocumentKind): Promise<T[]> {
    const d = new ClickHouseDialect();
    const rows = await query(
      this.client,
      `SELECT doc FROM ${d.from(this.table)} WHERE kind = ${d.value(kind)} ORDER BY id`,
    );
    return rows.map((r) => JSON.parse(String(r.doc)) as T);
  }

  put<T>(kind: DocumentKind, id: string, doc: T): Promise<void> {
    return this.lock.run(async () => {
      await this.client.insert({
        table: this.table,
        values: [{ kind, id, doc: JSON.stringify(doc), version: nextVersion() }],
        format: 'JSONEachRow',
      });
    });
  }
}
