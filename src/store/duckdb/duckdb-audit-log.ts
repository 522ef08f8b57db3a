/** The audit log in DuckDB: rows appended by the store's writer, each chained to the last (audit-chain.ts). */
import type { AuditEntry, AuditEntryInput } from '../../model/audit.js';
import { nextEntry } from '../audit-chain.js';
import { type AuditFilter, type AuditLog, auditRowToEntry } from '../audit-log.js';
import type { DuckDbDatabase } from './database.js';

const COLUMNS =
  'seq::INTEGER AS seq, at_time, actor, action, entity, before_json, after_json, reason, request_id, prev_hash, hash';

export class DuckDbAuditLog implements AuditLog {
  constructor(
    private readonly db: DuckDbDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** In one transaction of the writer: the last entry is read and the next appended after it. */
  append(input: AuditEntryInput): Promise<AuditEntry> {
    return this.db.transaction(async () => {
      const [last] = await this.db.all<{ seq: number; hash: string }>(
        // max() rather than ORDER BY … LIMIT 1: within a transaction that has appended rows, DuckDB 1.5's top-N
        // over the committed and the transaction's own rows answered a stale row (tested in audit-log tests).
        'SELECT seq::INTEGER AS seq, hash FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)',
      );
      const e = nextEntry(last ?? null, input, this.now());
      await this.db.run(
        `INSERT INTO audit_log (seq, at_time, actor, action, entity, before_json, after_json, reason, request_id, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          e.seq,
          e.at,
          e.actor,
          e.action,
          e.entity,
          e.beforeJson,
          e.afterJson,
          e.reason,
          e.requestId,
          e.prevHash,
          e.hash,
        ],
      );
      return e;
    });
  }

  async list(filter: AuditFilter = {}): Promise<AuditEntry[]> {
    const c: string[] = [];
    const params: (string | number)[] = [];
    const add = (sql: (p: string) => string, value: string | number) => {
      params.push(value);
      c.push(sql(`$${params.length}`));
    };
    if (filter.entity) add((p) => `entity = ${p}`, filter.entity);
    if (filter.actor) {
      params.push(filter.actor);
      const p = `$${params.length}`;
      c.push(`(actor = ${p} OR starts_with(actor, ${p} || ' ('))`);
    }
    if (filter.since) add((p) => `at_time >= ${p}`, filter.since);
    const limit = Math.max(1, Math.min(10_000, Math.floor(filter.limit ?? 1000)));
    const rows = await this.db.all(
      `SELECT ${COLUMNS} FROM audit_log ${c.length ? `WHERE ${c.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${limit}`,
      params,
    );
    return rows.map(auditRowToEntry);
  }

  async page(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.all(
      `SELECT ${COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT ${Math.max(1, Math.floor(limit))}`,
      [afterSeq],
    );
    return rows.map(auditRowToEntry);
  }
}
