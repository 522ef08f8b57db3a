/** The figures of a saved measurement query: OONI's counts and netfreedom's, and the blocked sites, as the API answers them. */
import type { MeasurementFigures, SavedQuery } from '../model/evidence.js';
import type { MeasurementFilter } from '../store/measurement-store.js';
import type { Store } from '../store/store.js';

/** The store filter a saved query stands for (simulated measurements left out, as everywhere by default). */
export function queryFilter(q: SavedQuery): MeasurementFilter {
  return {
    probeCc: [q.probeCc],
    ...(q.probeAsn.length ? { probeAsn: q.probeAsn } : {}),
    ...(q.domain.length ? { domain: q.domain } : {}),
    ...(q.categoryCode.length ? { categoryCode: q.categoryCode } : {}),
    since: q.since,
    until: q.until,
  };
}

/** Computes the figures now: the aggregation's totals and the blocked-sites list's size and confirmations. */
export async function measurementFigures(
  store: Store,
  q: SavedQuery,
  now: () => Date,
): Promise<MeasurementFigures> {
  const filter = queryFilter(q);
  const [rows, sites] = await Promise.all([
    store.measurements.aggregate(filter),
    store.measurements.blockedSites(q.probeCc, filter),
  ]);
  const total = rows[0];
  return {
    computedAt: now().toISOString(),
    measurementCount: total?.measurement_count ?? 0,
    okCount: total?.ok_count ?? 0,
    anomalyCount: total?.anomaly_count ?? 0,
    confirmedCount: total?.confirmed_count ?? 0,
    failureCount: total?.failure_count ?? 0,
    tlsConfirmedCount: total?.tls_confirmed_count ?? 0,
    blockedSiteCount: sites.length,
    confirmedSiteCount: sites.filter((s) => s.confirmed).length,
    tlsConfirmedSiteCount: sites.filter((s) => s.tlsConfirmed).length,
  };
}
