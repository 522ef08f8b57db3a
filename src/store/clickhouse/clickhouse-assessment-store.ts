/** Assessments in ClickHouse: one versioned row per (country, edition) holding the record as JSON, read with FINAL. */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Assessment } from '../../model/assessment.js';
import { readAssessmentDoc } from '../assessment-doc.js';
import { ClickHouseDialect } from '../sql/sql-dialect.js';
import type { AssessmentFilter, AssessmentStore, WriteResult } from '../store.js';
import type { WriteLock } from '../write-lock.js';
import { query } from './clickhouse-query.js';
import { nextVersion } from './row-version.js';

export class ClickHouseAssessmentStore implements AssessmentStore {
  private readonly table: string;

  constructor(
    private readonly client: ClickHouseClient,
    database: string,
    private readonly lock: WriteLock,
  ) {
    this.table = `${database}.assessments`;
  }

  /** Compares and writes in the store's writer, so that what it answers is what it did. */
  put(assessment: Assessment): Promise<WriteResult> {
    const doc = JSON.stringify(assessment);
    return this.lock.run(async () => {
      const existing = await this.get(assessment.country, assessment.edition);
      if (existing && JSON.stringify(existing) === doc) return 'unchanged';
      await this.client.insert({
        table: this.table,
        values: [{ country: assessment.country, edition: assessment.edition, doc, version: nextVersion() }],
        format: 'JSONEachRow',
      });
      return existing ? 'updated' : 'added';
    });
  }

  async get(country: string, edition: number): Promise<Assessment | null> {
    const d = new ClickHouseDialect();
    const rows = await query(
      this.client,
      `SELECT doc FROM ${d.from(this.table)} WHERE country = ${d.value(country)} AND edition = ${d.value(edition)}`,
    );
    return rows[0] ? readAssessmentDoc(String(rows[0].doc)) : null;
  }

  async list(filter: AssessmentFilter = {}): Promise<Assessment[]> {
    const d = new ClickHouseDialect();
    const c: string[] = [];
    if (filter.country) c.push(`country = ${d.value(filter.country)}`);
    if (filter.edition !== undefined) c.push(`edition = ${d.value(filter.edition)}`);
    const rows = await query(
      this.client,
      `SELECT doc FROM ${d.from(this.table)} ${c.length ? `WHERE ${c.join(' AND ')}` : ''} ORDER BY country, edition`,
    );
    return rows.map((r) => readAssessmentDoc(String(r.doc)));
  }

  async count(): Promise<number> {
    const d = new ClickHouseDialect();
    const rows = await query(this.client, `SELECT count() AS n FROM ${d.from(this.table)}`);
    return Number(rows[0]?.n ?? 0);
  }
}
