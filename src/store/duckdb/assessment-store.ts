/** Assessments in DuckDB: queryable columns plus the whole record as JSON. */
import type { Assessment } from '../../model/assessment.js';
import { readAssessmentDoc } from '../assessment-doc.js';
import type { AssessmentFilter, AssessmentStore, WriteResult } from '../store.js';
import type { DuckDbDatabase } from './database.js';

export class DuckDbAssessmentStore implements AssessmentStore {
  constructor(private readonly db: DuckDbDatabase) {}

  /** Compares and writes in one transaction, so that what it answers is what it did. */
  put(assessment: Assessment): Promise<WriteResult> {
    const doc = JSON.stringify(assessment);
    return this.db.transaction(async () => {
      const existing = await this.db.all<{ doc: string }>(
        'SELECT doc::VARCHAR AS doc FROM assessments WHERE country = $1 AND edition = $2',
        [assessment.country, assessment.edition],
      );
      if (existing[0]?.doc === doc) return 'unchanged';
      await this.db.run(
        `INSERT OR REPLACE INTO assessments (country, edition, scale, total, status, doc, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, current_timestamp)`,
        [assessment.country, assessment.edition, assessment.scale, assessment.total, assessment.status, doc],
      );
      return existing.length > 0 ? 'updated' : 'added';
    });
  }

  async get(country: string, edition: number): Promise<Assessment | null> {
    const rows = await this.db.all<{ doc: string }>(
      'SELECT doc::VARCHAR AS doc FROM assessments WHERE country = $1 AND edition = $2',
      [country, edition],
    );
    return rows[0] ? readAssessmentDoc(rows[0].doc) : null;
  }

  async list(filter: AssessmentFilter = {}): Promise<Assessment[]> {
    const rows = await this.db.all<{ doc: string }>(
      `SELECT doc::VARCHAR AS doc FROM assessments
       WHERE ($1::VARCHAR IS NULL OR country = $1) AND ($2::INTEGER IS NULL OR edition = $2)
       ORDER BY country, edition`,
      [filter.country ?? null, filter.edition ?? null],
    );
    return rows.map((r) => readAssessmentDoc(r.doc));
  }

  async count(): Promise<number> {
    const rows = await this.db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM assessments');
    return rows[0]?.n ?? 0;
  }
}
