/** The sync state in ClickHouse: versioned rows (ReplacingMergeTree) read with FINAL, written through the store's writer. */
import type { ClickHouseClient } from '@clickhouse/client';
import { toSqlTime } from '../sql/measurement-row.js';
import { ClickHouseDialect } from '../sql/sql-dialect.js';
import { toCountrySync, toFetchedObject } from '../sql/sync-rows.js';
import type { CountrySync, FetchedObject, SyncStore } from '../sync-store.js';
import type { WriteLock } from '../write-lock.js';
import { query } from './clickhouse-query.js';
import { nextVersion } from './row-version.js';

export class ClickHouseSyncStore implements SyncStore {
  private readonly objects: string;
  private readonly countries: string;

  constructor(
    private readonly client: ClickHouseClient,
    database: string,
    private readonly lock: WriteLock,
  ) {
    this.objects = `${database}.sync_objects`;
    this.countries = `${database}.sync_countries`;
  }

  async fetchedObjects(origin: string, probeCc: string): Promise<Map<string, FetchedObject>> {
    const d = new ClickHouseDialect();
    const rows = await query(
      this.client,
      `SELECT origin, key, etag, size, probe_cc, outcome, records, added, duplicates, rejected,
        toString(fetched_at) AS fetched_at
       FROM ${d.from(this.objects)} WHERE origin = ${d.value(origin)} AND probe_cc = ${d.value(probeCc)}`,
    );
    return new Map(rows.map((r) => [String(r.key), toFetchedObject(r)]));
  }

  recordObject(o: FetchedObject): Promise<void> {
    return this.insert(this.objects, {
      origin: o.origin,
      key: o.key,
      etag: o.etag,
      size: o.size,
      probe_cc: o.probeCc,
      outcome: o.outcome,
      records: o.records,
      added: o.added,
      duplicates: o.duplicates,
      rejected: o.rejected,
      fetched_at: toSqlTime(o.fetchedAt),
    });
  }

  recordCountrySync(s: CountrySync): Promise<void> {
    return this.insert(this.countries, {
      probe_cc: s.probeCc,
      origin: s.origin,
      source: s.source,
      endpoint: s.endpoint,
      synced_at: toSqlTime(s.syncedAt),
      added: s.added,
      objects: s.objects,
      bytes: s.bytes,
    });
  }

  async lastCountrySync(probeCc: string): Promise<CountrySync | null> {
    const d = new ClickHouseDialect();
    const rows = await query(
      this.client,
      `SELECT probe_cc, origin, source, endpoint, toString(synced_at) AS synced_at, added, objects, bytes
       FROM ${d.from(this.countries)} WHERE probe_cc = ${d.value(probeCc)}
       ORDER BY synced_at DESC, origin LIMIT 1`,
    );
    return rows[0] ? toCountrySync(rows[0]) : null;
  }

  private insert(table: string, row: Record<string, unknown>): Promise<void> {
    return this.lock.run(async () => {
      await this.client.insert({
        table,
        values: [{ ...row, version: nextVersion() }],
        format: 'JSONEachRow',
      });
    });
  }
}
