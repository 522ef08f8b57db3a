/** The embedded default store: one DuckDB file, migrated on open, and its raw archive (FILE.raw/). */
import type { Store } from '../store.js';
import { DuckDbAssessmentStore } from './assessment-store.js';
import { DuckDbDatabase, type OpenOptions } from './database.js';
import { DuckDbAuditLog } from './duckdb-audit-log.js';
import { DuckDbDocumentStore } from './duckdb-document-store.js';
import { DuckDbEvidenceStore } from './duckdb-evidence-store.js';
import { DuckDbMeasurementStore } from './duckdb-measurement-store.js';
import { DuckDbSyncStore } from './duckdb-sync-store.js';
import { migrate } from './migrations.js';
import { RawArchive } from './raw-archive.js';

export class DuckDbStore implements Store {
  readonly assessments: DuckDbAssessmentStore;
  readonly measurements: DuckDbMeasurementStore;
  readonly documents: DuckDbDocumentStore;
  readonly audit: DuckDbAuditLog;
  readonly sync: DuckDbSyncStore;
  readonly evidence: DuckDbEvidenceStore;

  private constructor(
    readonly db: DuckDbDatabase,
    private readonly archive: RawArchive,
  ) {
    this.assessments = new DuckDbAssessmentStore(db);
    this.measurements = new DuckDbMeasurementStore(db, archive);
    this.documents = new DuckDbDocumentStore(db);
    this.audit = new DuckDbAuditLog(db);
    this.sync = new DuckDbSyncStore(db);
    this.evidence = new DuckDbEvidenceStore(db);
  }

  get location(): string {
    return this.db.path;
  }

  /** Opens the file, creating and migrating it as needed. */
  static async open(path: string, options: OpenOptions = {}): Promise<DuckDbStore> {
    const db = await DuckDbDatabase.open(path, options);
    try {
      if (!options.readOnly) await migrate(db);
    } catch (err) {
      await db.close();
      throw err;
    }
    return new DuckDbStore(db, RawArchive.open(path));
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  async close(): Promise<void> {
    // The database first: it waits for the writes in flight, which append to the archive.
    await this.measurements.flush();
    await this.db.close();
    await this.archive.close();
  }
}
