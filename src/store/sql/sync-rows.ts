/** Rows of the sync tables (sync_objects, sync_countries) → the sync store's types, for both engines. */
import type { CountrySync, FetchedObject } from '../sync-store.js';
import { fromSqlTime } from './measurement-row.js';

type Row = Record<string, unknown>;

export function toFetchedObject(r: Row): FetchedObject {
  return {
    origin: String(r.origin),
    key: String(r.key),
    etag: String(r.etag),
    size: Number(r.size),
    probeCc: String(r.probe_cc),
    outcome: r.outcome === 'unreadable' ? 'unreadable' : 'ingested',
    records: Number(r.records),
    added: Number(r.added),
    duplicates: Number(r.duplicates),
    rejected: Number(r.rejected),
    fetchedAt: fromSqlTime(String(r.fetched_at)),
  };
}

export function toCountrySync(r: Row): CountrySync {
  return {
    probeCc: String(r.probe_cc),
    origin: String(r.origin),
    source: String(r.source),
    endpoint: String(r.endpoint),
    syncedAt: fromSqlTime(String(r.synced_at)),
    added: Number(r.added),
    objects: Number(r.objects),
    bytes: Number(r.bytes),
  };
}
