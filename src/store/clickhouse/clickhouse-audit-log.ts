/** The audit log in ClickHouse: rows appended by the store's writer, each chained to the last (audit-chain.ts). */
import type { ClickHouseClient } from '@clickhouse/client';
import type { AuditEntry, AuditEntryInput } from '../../model/audit.js';
import { nextEntry } from '../audit-chain.js';
import { type AuditFilter, type AuditLog, auditRowToEntry } from '../audit-log.js';
import { ClickHouseDialect } from '../sql/sql-dialect.js';
import type { WriteLock } from '../write-lock.js';
import { query } from './clickhouse-query.js';

const COLUMNS =
  'seq, at_time, actor, action, entity, before_json, after_json, reason, request_id, prev_hash, hash';

export class ClickHouseAuditLog implements AuditLog {
  private readonly table: string;

  constructor(
    private readonly client: ClickHouseClient,
    database: string,
    private readonly lock: WriteLock,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.table = `${database}.audit_log`;
  }

  /** In the store's writer: the last entry is read and the next inserted after it, with no other append between. */
  append(input: AuditEntryInput): Promise<AuditEntry> {
    return this.lock.run(async () => {
      const [last] = await query(
        this.client,
        `SELECT seq, hash FROM ${this.table} ORDER BY seq DESC LIMIT 1`,
      );
      const e = nextEntry(
        last ? { seq: Number(last.seq), hash: String(last.hash) } : null,
        input,
        this.now(),
      );
      await this.client.insert({
        table: this.table,
        values: [
          {
            seq: e.seq,
            at_time: e.at,
            actor: e.actor,
            action: e.action,
            entity: e.entity,
            before_json: e.beforeJson,
            after_json: e.afterJson,
            reason: e.reason,
            request_id: e.requestId,
            prev_hash: e.prevHash,
            hash: e.hash,
          },
        ],
        format: 'JSONEachRow',
      });
      return e;
    });
  }

  async list(filter: AuditFilter = {}): Promise<AuditEntry[]> {
    const d = new ClickHouseDialect();
    const c: string[] = [];
    if (filter.entity) c.push(`entity = ${d.value(filter.entity)}`);
    if (filter.actor)
      c.push(`(actor = ${d.value(filter.actor)} OR startsWith(actor, ${d.value(`${filter.actor} (`)}))`);
    if (filter.since) c.push(`at_time >= ${d.value(filter.since)}`);
    const limit = Math.max(1, Math.min(10_000, Math.floor(filter.limit ?? 1000)));
    const rows = await query(
      this.client,
      `SELECT ${COLUMNS} FROM ${this.table} ${c.length ? `WHERE ${c.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${limit}`,
    );
    return rows.map(auditRowToEntry);
  }

  async page(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    const d = new ClickHouseDialect();
    const rows = await query(
      this.client,
      `SELECT ${COLUMNS} FROM ${this.table} WHERE seq > ${d.value(afterSeq)} ORDER BY seq LIMIT ${Math.max(1, Math.floor(limit))}`,
    );
    return rows.map(auditRowToEntry);
  }
}
