/** What a sync run reports (the CLI prints it, `--json` as is), and the options every source takes. */
import { emptySummary, type IngestRunOptions, type IngestSummary } from '../ingest/ingest-run.js';
import type { FetchedObject } from '../store/sync-store.js';
import type { FetchPolicy } from './polite-fetch.js';

export interface SyncRequest {
  countries: string[];
  /** OONI test names, with underscores (`web_connectivity`). */
  tests: string[];
  /** YYYY-MM-DD, included. */
  since: string;
  /** YYYY-MM-DD, excluded. */
  until: string;
  /** Objects fetched at once. */
  concurrency: number;
  /** Stop before an object that would take the bytes fetched past this budget. */
  maxBytes?: number;
  fetch: FetchPolicy;
  ingest: IngestRunOptions;
  onProgress?: (p: SyncProgress) => void;
  /** Called when an object is recorded as fetched (its records are committed): progress lines, the server's cache. */
  onObject?: (object: FetchedObject) => void;
  /** Aborted: no further object (or listing) is started; those under way end. */
  signal?: AbortSignal;
}

export interface SyncProgress {
  objectsDone: number;
  objectsTotal: number;
  bytesDone: number;
  bytesTotal: number;
  measurements: number;
}

export interface SyncSummary {
  source: 's3' | 'api';
  /** `s3://BUCKET` or `api:URL`: the key of the state kept in the store. */
  origin: string;
  endpoint: string;
  /** Objects the archive holds for the countries, tests and days asked. */
  listed: number;
  /** Held already with the same ETag: not fetched. */
  held: number;
  /** Held, but their ETag changed upstream: fetched again. */
  changed: number;
  fetched: number;
  bytes: number;
  /** Fetched, but broken off part way (a truncated gzip): the records before the break were kept. */
  unreadable: number;
  /** Could not be fetched after every retry (listed in `failures`). */
  failed: number;
  /** Not fetched because the byte budget (--max-bytes) was reached: a rerun fetches them. */
  left: number;
  failures: string[];
  /** Measurements read, added, duplicates and rejected, as `ingest` counts them. */
  measurements: IngestSummary;
}

export function emptySyncSummary(
  source: SyncSummary['source'],
  origin: string,
  endpoint: string,
): SyncSummary {
  return {
    source,
    origin,
    endpoint,
    listed: 0,
    held: 0,
    changed: 0,
    fetched: 0,
    bytes: 0,
    unreadable: 0,
    failed: 0,
    left: 0,
    failures: [],
    measurements: emptySummary(),
  };
}

/**
 * Runs `work` over `items` with at most `concurrency` at once, in order of start; after `stop()`, or once `signal` is
 * aborted, no more is started.
 */
export async function eachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, stop: () => void) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  let stopped = false;
  const stop = () => {
    stopped = true;
  };
  const lane = async () => {
    while (!stopped && !signal?.aborted && next < items.length) await work(items[next++]!, stop);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
}
