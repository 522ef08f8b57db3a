/** Records, per country, when a sync ended, from where, and what came in: what the country API answers. */
import type { Store } from '../store/store.js';
import type { SyncSummary } from './sync-summary.js';

export interface CountryFetches {
  added: number;
  objects: number;
  bytes: number;
}

/** One row per country asked, also when nothing was new (the country was synced all the same). */
export async function recordCountrySyncs(
  store: Store,
  summary: SyncSummary,
  perCountry: Map<string, CountryFetches>,
): Promise<void> {
  const syncedAt = new Date().toISOString();
  for (const [probeCc, f] of perCountry) {
    await store.sync.recordCountrySync({
      probeCc,
      origin: summary.origin,
      source: summary.source,
      endpoint: summary.endpoint,
      syncedAt,
      added: f.added,
      objects: f.objects,
      bytes: f.bytes,
    });
  }
}
