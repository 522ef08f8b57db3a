/** Documents in DuckDB: one row per (kind, id) holding the JSON text, written by the store's writer. */
import type { DocumentKind, DocumentStore } from '../document-store.js';
import type { DuckDbDatabase } from './database.js';

export class DuckDbDocumentStore implements DocumentStore {
  constructor(private readonly db: DuckDbDatabase) {}

  async get<T>(kind: DocumentKind, id: string): Promise<T | null> {
    const rows = await this.db.all<{ doc: string }>('SELECT doc FROM documents WHERE kind = $1 AND id = $2', [
      kind,
      id,
    ]);
    return rows[0] ? (JSON.parse(rows[0].doc) as T) : null;
  }

  async list<T>(kind: DocumentKind): Promise<T[]> {
    const rows = await this.db.all<{ doc: string }>('SELECT doc FROM documents WHERE kind = $1 ORDER BY id', [
      kind,
    ]);
    return rows.map((r) => JSON.parse(r.doc) as T);
  }

  async put<T>(kind: DocumentKind, id: string, doc: T): Promise<void> {
    await this.db.run(
      `INSERT OR REPLACE INTO documents (kind, id, doc, updated_at) VALUES ($1, $2, $3, current_timestamp)`,
      [kind, id, JSON.stringify(doc)],
    );
  }
}
