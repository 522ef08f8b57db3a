/** The typed API client: the only code in the dashboard that builds API URLs. */
import type { Lang } from '../i18n/lang-choice.js';
import type {
  Aggregation,
  Assessment,
  BlockedSite,
  ChangeEvent,
  ComparisonRow,
  Country,
  CountryRow,
  DomainSummary,
  ListPage,
  Measurement,
  MeasurementSummary,
  Methodology,
  NetworkRegistry,
  NetworkSummary,
} from './types.js';

const BASE = '/api/v1';

/** An error answered by the API (`{ error: { code, message } }`) or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Query values; empty and undefined values are left out. */
export type Query = Record<string, string | number | boolean | string[] | undefined | null>;

/** Builds an API URL (relative to the page's origin) from a path and query. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    params.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function getJson<T>(path: string, query?: Query): Promise<T> {
  let res: Response;
  try {
    res = await fetch(apiUrl(path, query), { headers: { Accept: 'application/json' } });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? 'HTTP', body?.error?.message ?? res.statusText);
  }
  return (await res.json()) as T;
}

/** Filters of the measurement views (explorer, country page, domain and network pages). */
export interface MeasurementQuery {
  probe_cc?: string;
  probe_asn?: string;
  domain?: string;
  category_code?: string;
  test_name?: string;
  outcome?: string;
  technique?: string;
  since?: string;
  until?: string;
  include_simulated?: boolean;
}

export const api = {
  /** The methodology with its texts in `lang` (English, the API's default, needs no parameter). */
  methodology: (lang: Lang = 'en') =>
    getJson<Methodology>('/methodology', { lang: lang === 'en' ? undefined : lang }),
  countries: () => getJson<ListPage<CountryRow>>('/countries', { limit: 1000 }),
  country: (cc: string) => getJson<Country>(`/countries/${enc(cc)}`),
  assessment: (cc: string, edition: number) => getJson<Assessment>(`/assessments/${enc(cc)}/${edition}`),
  compare: (edition: number, countries: string[] = []) =>
    getJson<ListPage<ComparisonRow>>('/compare', { edition, countries, limit: 1000 }),
  search: (q: MeasurementQuery & { cursor?: string; limit?: number }) =>
    getJson<ListPage<MeasurementSummary>>('/measurements', { ...q }),
  measurement: (uid: string) => getJson<Measurement>(`/measurements/${enc(uid)}`),
  aggregation: (q: MeasurementQuery & { axis_x?: string; axis_y?: string }) =>
    getJson<Aggregation>('/aggregation', { ...q }),
  blockedSites: (cc: string, q: MeasurementQuery = {}) =>
    getJson<ListPage<BlockedSite>>(`/countries/${enc(cc)}/blocked-sites`, { ...q, limit: 1000 }),
  changes: (q: MeasurementQuery) => getJson<ListPage<ChangeEvent>>('/changes', { ...q, limit: 1000 }),
  networks: (q: MeasurementQuery) => getJson<ListPage<NetworkSummary>>('/networks', { ...q, limit: 1000 }),
  network: (asn: string) => getJson<NetworkRegistry>(`/networks/${enc(asn)}`),
  domains: (q: MeasurementQuery) => getJson<ListPage<DomainSummary>>('/domains', { ...q, limit: 1000 }),
};

/** URL of the CSV export of a list or aggregate endpoint, for download links. */
export function csvUrl(
  path: '/measurements' | '/aggregation' | '/compare' | '/countries',
  query: Query,
): string {
  return apiUrl(path, { ...query, format: 'csv' });
}

function enc(s: string): string {
  return encodeURIComponent(s);
}
