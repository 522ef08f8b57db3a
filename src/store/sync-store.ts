/**
 * What `netfreedom sync` keeps in the store, so that a rerun fetches only what is missing: every object fetched
 * from an archive (key, ETag, size, outcome, counts) and, per country, its last sync.
 */

/** How an object's fetch ended: read to its end, or broken off part way (a truncated or invalid gzip). */
export type FetchOutcome = 'ingested' | 'unreadable';

/** One object of an archive (an S3 key, or one measurement of OONI's API) as it was fetched. */
export interface FetchedObject {
  /** Where it came from, e.g. `s3://ooni-data-eu-fra` or `api:https://api.ooni.io`. */
  origin: string;
  key: string;
  /** The ETag the archive gave (quotes removed); empty when it gives none. */
  etag: string;
  size: number;
  probeCc: string;
  outcome: FetchOutcome;
  records: number;
  added: number;
  duplicates: number;
  rejected: number;
  /** ISO 8601 UTC. */
  fetchedAt: string;
}

/** One country's last sync from one origin. */
export interface CountrySync {
  probeCc: string;
  origin: string;
  /** `s3` or `api`. */
  source: string;
  /** The endpoint it was fetched from (OONI's unless --endpoint said otherwise). */
  endpoint: string;
  /** ISO 8601 UTC: when the run ended. */
  syncedAt: string;
  /** Measurements the run added to the store. */
  added: number;
  /** Objects the run fetched, and their bytes. */
  objects: number;
  bytes: number;
}

export interface SyncStore {
  /** The objects of `origin` already fetched for `probeCc`, by key. */
  fetchedObjects(origin: string, probeCc: string): Promise<Map<string, FetchedObject>>;
  /** Records an object's fetch (replacing an earlier record of the same key); through the store's single writer. */
  recordObject(object: FetchedObject): Promise<void>;
  /** Records the end of a country's sync (replacing the earlier one of the same origin). */
  recordCountrySync(sync: CountrySync): Promise<void>;
  /** The country's last sync from any origin, or null when it was never synced. */
  lastCountrySync(probeCc: string): Promise<CountrySync | null>;
}
