/** The sync state in DuckDB: one row per fetched object and per (country, origin), written through the single writer. */
import { toSqlTime } from '../sql/measurement-row.js';
import { toCountrySync, toFetchedObject } from '../sql/sync-rows.js';
import type { CountrySync, FetchedObject, SyncStore } from '../sync-store.js';
import type { DuckDbDatabase } from './database.js';

export class DuckDbSyncStore implements SyncStore {
  constructor(private readonly db: DuckDbDatabase) {}

  async fetchedObjects(origin: string, probeCc: string): Promise<Map<string, FetchedObject>> {
    const rows = await this.db.all(
      `SELECT origin, key, etag, size::VARCHAR AS size, probe_cc, outcome, records, added, duplicates, rejected,
        fetched_at::VARCHAR AS fetched_at
       FROM sync_objects WHERE origin = $1 AND probe_cc = $2`,
      [origin, probeCc],
    );
    return new Map(rows.map((r) => [String(r.key), toFetchedObject(r)]));
  }

  recordObject(o: FetchedObject): Promise<void> {
    return this.db.run(
      `INSERT OR REPLACE INTO sync_objects
        (origin, key, etag, size, probe_cc, outcome, records, added, duplicates, rejected, fetched_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::TIMESTAMP)`,
      [
        o.origin,
        o.key,
        o.etag,
        o.size,
        o.probeCc,
        o.outcome,
        o.records,
        o.added,
        o.duplicates,
        o.rejected,
        toSqlTime(o.fetchedAt),
      ],
    );
  }

  recordCountrySync(s: CountrySync): Promise<void> {
    return this.db.run(
      `INSERT OR REPLACE INTO sync_countries (probe_cc, origin, source, endpoint, synced_at, added, objects, bytes)
       VALUES ($1, $2, $3, $4, $5::TIMESTAMP, $6, $7, $8)`,
      [s.probeCc, s.origin, s.source, s.endpoint, toSqlTime(s.syncedAt), s.added, s.objects, s.bytes],
    );
  }

  async lastCountrySync(probeCc: string): Promise<CountrySync | null> {
    const rows = await this.db.all(
      `SELECT probe_cc, origin, source, endpoint, synced_at::VARCHAR AS synced_at, added, objects,
        bytes::VARCHAR AS bytes
       FROM sync_countries WHERE probe_cc = $1 ORDER BY synced_at DESC, origin LIMIT 1`,
      [probeCc],
    );
    return rows[0] ? toCountrySync(rows[0]) : null;
  }
}
