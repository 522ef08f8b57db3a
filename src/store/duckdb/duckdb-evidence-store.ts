/** Country evidence in DuckDB: one table of documents keyed by (kind, id), with country and edition columns. */
import {
  type EvidenceFilter,
  type EvidenceKind,
  type EvidenceRecords,
  type EvidenceStore,
  evidenceDoc,
  evidenceScope,
} from '../evidence-store.js';
import type { WriteResult } from '../store.js';
import type { DuckDbDatabase } from './database.js';

export class DuckDbEvidenceStore implements EvidenceStore {
  constructor(private readonly db: DuckDbDatabase) {}

  /** Compares and writes in one transaction of the writer, so that what it answers is what it did. */
  put<K extends EvidenceKind>(kind: K, record: EvidenceRecords[K]): Promise<WriteResult> {
    const doc = evidenceDoc(record);
    const { country, edition } = evidenceScope(record);
    return this.db.transaction(async () => {
      const existing = await this.db.all<{ doc: string }>(
        'SELECT doc FROM evidence_records WHERE kind = $1 AND id = $2',
        [kind, record.id],
      );
      if (existing[0]?.doc === doc) return 'unchanged';
      await this.db.run(
        `INSERT OR REPLACE INTO evidence_records (kind, id, country, edition, doc, updated_at)
         VALUES ($1, $2, $3, $4, $5, current_timestamp)`,
        [kind, record.id, country, edition, doc],
      );
      return existing.length > 0 ? 'updated' : 'added';
    });
  }

  async get<K extends EvidenceKind>(kind: K, id: string): Promise<EvidenceRecords[K] | null> {
    const rows = await this.db.all<{ doc: string }>(
      'SELECT doc FROM evidence_records WHERE kind = $1 AND id = $2',
      [kind, id],
    );
    return rows[0] ? (JSON.parse(rows[0].doc) as EvidenceRecords[K]) : null;
  }

  async list<K extends EvidenceKind>(kind: K, filter: EvidenceFilter = {}): Promise<EvidenceRecords[K][]> {
    const rows = await this.db.all<{ doc: string }>(
      `SELECT doc FROM evidence_records WHERE kind = $1
       AND ($2::VARCHAR IS NULL OR country = $2) AND ($3::INTEGER IS NULL OR edition = $3) ORDER BY id`,
      [kind, filter.country ?? null, filter.edition ?? null],
    );
    return rows.map((r) => JSON.parse(r.doc) as EvidenceRecords[K]);
  }

  async count(kind?: EvidenceKind): Promise<number> {
    const rows = await this.db.all<{ n: number }>(
      'SELECT count(*)::INTEGER AS n FROM evidence_records WHERE $1::VARCHAR IS NULL OR kind = $1',
      [kind ?? null],
    );
    return rows[0]?.n ?? 0;
  }
}
