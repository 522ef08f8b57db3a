/**
 * The aggregation queries of bench/api that the server's response cache can never answer: request n of a run gets
 * a URL no other request of the run gets (country, axis, since and until all vary).
 */
import { SYNTHETIC_COUNTRIES, SYNTHETIC_FIRST_DAY } from '../shared/synthetic-measurements.js';

/** The axes a dashboard asks for: outcomes per day, per network, per domain, per country. */
const AXES = ['measurement_start_day', 'probe_asn', 'domain', 'probe_cc'] as const;
/** Every country of the synthetic data, and all countries at once (no probe_cc filter). */
const COUNTRIES = [...SYNTHETIC_COUNTRIES, null];
const DAYS = 365;

function day(offset: number): string {
  const first = Date.parse(`${SYNTHETIC_FIRST_DAY}T00:00:00Z`);
  return new Date(first + offset * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The path of request n: n read in a mixed radix (country, axis, then a since/until window), so two values of n
 * below COUNTRIES × AXES × 365² (over 11 million) never give the same URL. The window's length is mixed with its
 * start so that the first few thousand requests already ask for short and long windows alike.
 */
export function distinctAggregationPath(n: number): string {
  const country = COUNTRIES[n % COUNTRIES.length];
  let rest = Math.floor(n / COUNTRIES.length);
  const axis = AXES[rest % AXES.length]!;
  rest = Math.floor(rest / AXES.length);
  const since = rest % DAYS;
  // For a given start, k ↦ (k + 97 × since) mod 365 is one-to-one, so (since, length) still tells n apart.
  const length = 1 + ((Math.floor(rest / DAYS) + 97 * since) % DAYS);
  const params = new URLSearchParams();
  if (country) params.set('probe_cc', country);
  params.set('since', day(since));
  params.set('until', day(since + length));
  params.set('axis_x', axis);
  return `/api/v1/aggregation?${params}`;
}

/** A source of distinct paths shared by every phase of a run, so no phase repeats another's URLs. */
export function distinctAggregations(): () => string {
  let n = 0;
  return () => distinctAggregationPath(n++);
}
