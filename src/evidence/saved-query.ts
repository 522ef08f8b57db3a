/**
 * A saved measurement query: the filter set of the aggregation and blocked-sites API for one country and a window
 * of days (the edition's coverage period unless given, and never outside it), in the API's query-string form.
 */
import type { SavedQuery } from '../model/evidence.js';
import { InvalidInputError } from '../shared/errors.js';
import type { Period } from './fact-rules.js';

export interface QueryFilters {
  probeAsn?: string[];
  domain?: string[];
  categoryCode?: string[];
  since?: string;
  until?: string;
}

/** The day after a YYYY-MM-DD day (an exclusive `until` for an inclusive last day). */
export function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Builds the query; a window outside the coverage period is refused. */
export function savedQuery(country: string, filters: QueryFilters, period: Period): SavedQuery {
  const since = filters.since ?? period.start;
  const until = filters.until ?? dayAfter(period.end);
  if (until <= since) throw new InvalidInputError(`query: until ${until} is not after since ${since}`);
  if (since > period.end || until <= period.start)
    throw new InvalidInputError(
      `query: ${since} – ${until} (until exclusive) is outside the coverage period ${period.start} – ${period.end}`,
    );
  const q: SavedQuery = {
    query: '',
    probeCc: country,
    probeAsn: [...(filters.probeAsn ?? [])].sort(),
    domain: [...(filters.domain ?? [])].sort(),
    categoryCode: [...(filters.categoryCode ?? [])].sort(),
    since,
    until,
  };
  const params = new URLSearchParams({ probe_cc: country });
  if (q.probeAsn.length) params.set('probe_asn', q.probeAsn.join(','));
  if (q.domain.length) params.set('domain', q.domain.join(','));
  if (q.categoryCode.length) params.set('category_code', q.categoryCode.join(','));
  params.set('since', since);
  params.set('until', until);
  q.query = params.toString().replaceAll('%2C', ',');
  return q;
}
