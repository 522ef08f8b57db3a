/**
 * The report's measured evidence: blocked sites by category and technique, the networks with the most blocking,
 * interception seen (certificate issuers) and change events, each figure from a query recorded as a snapshot.
 * Simulated measurements are included and counted apart, so the report can say where they are used.
 */
import { evidenceSentence } from '../analysis/evidence-messages.js';
import { httpBodyText, httpTitle } from '../analysis/web-connectivity/http-body.js';
import type { MeasurementAnalysis } from '../model/analysis.js';
import { showsBlocking } from '../model/verdict.js';
import type { BlockedSite, ChangeEvent, MeasurementFilter } from '../store/measurement-store.js';
import type { Store } from '../store/store.js';
import type { References } from './references.js';
import type { BlockedSiteRow, ChangeRow, CountRow, MeasuredSection } from './report-model.js';

const MAX_SITES = 20;
const MAX_EXAMPLES = 10;
const MAX_NETWORKS = 10;
const MAX_INTERCEPTED = 200;

export interface MeasuredScope {
  country: string;
  /** YYYY-MM-DD inclusive, exclusive; null for all time. */
  since: string | null;
  until: string | null;
  /** Set when the window is not the coverage period, which had no measurement. */
  outsideCoverage?: boolean;
  now: () => Date;
}

/** The measured section, or null when the store holds no measurement of the country in the window. */
export async function measuredEvidence(
  store: Store,
  refs: References,
  scope: MeasuredScope,
): Promise<MeasuredSection | null> {
  const m = store.measurements;
  const filter: MeasurementFilter = {
    probeCc: [scope.country],
    ...(scope.since ? { since: scope.since } : {}),
    ...(scope.until ? { until: scope.until } : {}),
    includeSimulated: true,
  };
  const base = queryString(scope, {});
  const at = () => scope.now().toISOString();
  const [total] = await m.aggregate(filter);
  if (!total || total.measurement_count === 0) return null;
  const q1 = refs.query({
    label: 'all measurements (aggregation)',
    api: `/api/v1/aggregation?${base}`,
    explorer: `/measurements?${explorerString(scope, {})}`,
    computedAt: at(),
    includesSimulated: true,
  });
  const summary = {
    total: q1.figure('measurements', total.measurement_count),
    blocked: q1.figure('anomaly + confirmed', total.anomaly_count + total.confirmed_count),
    tlsConfirmed: q1.figure('TLS-confirmed (netfreedom)', total.tls_confirmed_count),
    simulated: q1.figure('simulated', total.simulated_count),
  };
  q1.figure('confirmed (OONI)', total.confirmed_count);
  q1.figure('failures', total.failure_count);

  const sites = (await m.blockedSites(scope.country, filter)).sort(
    (a, b) => b.blockedCount - a.blockedCount || a.domain.localeCompare(b.domain),
  );
  const q2 = refs.query({
    label: 'blocked sites',
    api: `/api/v1/countries/${scope.country}/blocked-sites?${base}`,
    explorer: `/measurements?${explorerString(scope, { outcome: 'anomaly,confirmed' })}`,
    computedAt: at(),
    includesSimulated: true,
  });
  const group = (keyOf: (s: BlockedSite) => string[], prefix: string): CountRow[] => {
    const byKey = new Map<string, BlockedSite[]>();
    for (const s of sites) for (const k of keyOf(s)) byKey.set(k, [...(byKey.get(k) ?? []), s]);
    return [...byKey.entries()]
      .map(([key, list]) => ({ key, list }))
      .sort((a, b) => b.list.length - a.list.length || a.key.localeCompare(b.key))
      .map(({ key, list }) => ({
        key,
        sites: q2.figure(`${prefix} ${key}: sites`, list.length),
        measurements: q2.figure(
          `${prefix} ${key}: measurements`,
          sum(list, (s) => s.measurementCount),
        ),
        blocked: q2.figure(
          `${prefix} ${key}: showing blocking`,
          sum(list, (s) => s.blockedCount),
        ),
        simulated: q2.figure(
          `${prefix} ${key}: simulated`,
          sum(list, (s) => s.simulatedCount),
        ),
      }));
  };
  const byCategory = group((s) => [s.categoryCode ?? 'unknown'], 'category');
  const byTechnique = group((s) => (s.techniques.length ? s.techniques : ['undetermined']), 'technique');
  const siteRows: BlockedSiteRow[] = [];
  for (const [i, s] of sites.slice(0, MAX_SITES).entries()) {
    siteRows.push({
      domain: s.domain,
      categoryCode: s.categoryCode,
      techniques: s.techniques,
      networks: s.networks,
      measurements: q2.figure(`${s.domain}: measurements`, s.measurementCount),
      blocked: q2.figure(`${s.domain}: showing blocking`, s.blockedCount),
      simulated: q2.figure(`${s.domain}: simulated`, s.simulatedCount),
      confirmed: s.confirmed,
      tlsConfirmed: s.tlsConfirmed,
      example: i < MAX_EXAMPLES ? await exampleOf(store, filter, s.domain) : null,
    });
  }

  const networks = (await m.networks(filter))
    .sort(
      (a, b) =>
        b.anomalyCount + b.confirmedCount - (a.anomalyCount + a.confirmedCount) ||
        a.probeAsn.localeCompare(b.probeAsn),
    )
    .slice(0, MAX_NETWORKS);
  const q3 = refs.query({
    label: 'networks',
    api: `/api/v1/networks?${base}`,
    explorer: `/measurements?${explorerString(scope, {})}`,
    computedAt: at(),
    includesSimulated: true,
  });
  const networkRows = networks.map((n) => ({
    asn: n.probeAsn,
    measurements: q3.figure(`${n.probeAsn}: measurements`, n.measurementCount),
    blocked: q3.figure(`${n.probeAsn}: anomaly + confirmed`, n.anomalyCount + n.confirmedCount),
    confirmed: q3.figure(`${n.probeAsn}: confirmed`, n.confirmedCount),
    simulated: q3.figure(`${n.probeAsn}: simulated`, n.simulatedCount),
  }));

  const intercepted = await m.search({ ...filter, technique: ['tls_interception'], limit: MAX_INTERCEPTED });
  const q4 = refs.query({
    label: `measurements with TLS interception (first ${MAX_INTERCEPTED}) by certificate issuer`,
    api: `/api/v1/measurements?${queryString(scope, { technique: 'tls_interception', limit: String(MAX_INTERCEPTED) })}`,
    explorer: `/measurements?${explorerString(scope, { technique: 'tls_interception' })}`,
    computedAt: at(),
    includesSimulated: true,
  });
  const issuers = new Map<string, number>();
  for (const item of intercepted.items) {
    const record = await m.get(item.uid);
    for (const issuer of record ? issuersOf(record.analysis) : [])
      issuers.set(issuer, (issuers.get(issuer) ?? 0) + 1);
  }
  const issuerRows = [...issuers.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([issuer, n]) => ({ issuer, measurements: q4.figure(`issuer ${issuer}`, n) }));

  const changes = await m.changes(filter);
  const q5 = refs.query({
    label: 'change events',
    api: `/api/v1/changes?${base}`,
    explorer: `/measurements?${explorerString(scope, {})}`,
    computedAt: at(),
    includesSimulated: true,
  });
  const changeRows = pairChanges(changes).map((c) => ({
    ...c,
    measurements: q5.figure(
      `${c.domain} on ${c.asn} ${c.onset ?? ''}–${c.end ?? ''}: measurements`,
      c.uidCount,
    ),
  }));

  return {
    since: scope.since,
    until: scope.until,
    outsideCoverage: scope.outsideCoverage ?? false,
    ...summary,
    byCategory,
    byTechnique,
    sites: siteRows,
    networks: networkRows,
    issuers: issuerRows,
    changes: changeRows.map(({ uidCount: _, ...row }) => row),
  };

  function pairChanges(list: ChangeEvent[]): (Omit<ChangeRow, 'measurements'> & { uidCount: number })[] {
    const rows: (Omit<ChangeRow, 'measurements'> & { uidCount: number })[] = [];
    const open = new Map<string, (typeof rows)[number]>();
    for (const c of [...list].sort((a, b) => a.at.localeCompare(b.at))) {
      const key = `${c.probeAsn} ${c.domain}`;
      const explorer = `/measurements?${explorerString(scope, { probe_asn: c.probeAsn, domain: c.domain })}`;
      const row = open.get(key);
      if (c.kind === 'blocking_started') {
        const started = {
          domain: c.domain,
          asn: c.probeAsn,
          onset: c.at.slice(0, 10),
          end: null,
          explorer,
          uidCount: c.measurementUids.length,
        };
        rows.push(started);
        open.set(key, started);
      } else if (row) {
        row.end = c.at.slice(0, 10);
        row.uidCount += c.measurementUids.length;
        open.delete(key);
      } else {
        rows.push({
          domain: c.domain,
          asn: c.probeAsn,
          onset: null,
          end: c.at.slice(0, 10),
          explorer,
          uidCount: c.measurementUids.length,
        });
      }
    }
    return rows;
  }
}

/** One measurement of the site that shows blocking: its evidence sentences and the page title it received. */
async function exampleOf(store: Store, filter: MeasurementFilter, domain: string) {
  const page = await store.measurements.search({ ...filter, domain: [domain], limit: 20 });
  const hit = page.items.find((i) => showsBlocking(i));
  if (!hit) return null;
  const record = await store.measurements.get(hit.uid);
  if (!record) return null;
  const sentences = record.analysis.evidenceItems?.map(evidenceSentence) ?? record.analysis.evidence;
  return { uid: hit.uid, evidence: sentences.slice(0, 2), pageTitle: pageTitle(record.raw) };
}

/** The title of the first page the measurement received, as OONI extracts it; null when there is none. */
export function pageTitle(raw: unknown): string | null {
  const requests = (raw as { test_keys?: { requests?: unknown } } | null)?.test_keys?.requests;
  if (!Array.isArray(requests)) return null;
  for (const r of requests) {
    const body = (r as { response?: { body?: unknown } } | null)?.response?.body;
    if (body === undefined || body === null) continue;
    const title = shownTitle(httpTitle(httpBodyText(body as Parameters<typeof httpBodyText>[0]).text));
    if (title) return title;
  }
  return null;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A title as a browser shows it: character references decoded, white space collapsed (still untrusted text). */
export function shownTitle(title: string): string {
  return title
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (m, ref: string) => {
      if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? m;
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '\ufffd';
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** The interception certificate issuers an analysis names (known CA first, else the chain's issuer). */
function issuersOf(a: MeasurementAnalysis): string[] {
  const found = new Set<string>();
  for (const item of a.evidenceItems ?? []) {
    const name = item.values.ca ?? item.values.issuer;
    if (typeof name === 'string' && name) found.add(name);
  }
  return [...found];
}

function sum<T>(list: readonly T[], f: (t: T) => number): number {
  return list.reduce((n, t) => n + f(t), 0);
}

/** The API's query string of the scope plus `extra`. */
function queryString(scope: MeasuredScope, extra: Record<string, string>): string {
  const p = new URLSearchParams({ probe_cc: scope.country });
  if (scope.since) p.set('since', scope.since);
  if (scope.until) p.set('until', scope.until);
  p.set('include_simulated', 'true');
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString().replaceAll('%2C', ',');
}

/** The explorer's URL state for the same measurements (its flag for simulated data is `simulated=1`). */
function explorerString(scope: MeasuredScope, extra: Record<string, string>): string {
  const p = new URLSearchParams({ probe_cc: scope.country });
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  if (scope.since) p.set('since', scope.since);
  if (scope.until) p.set('until', scope.until);
  p.set('simulated', '1');
  return p.toString().replaceAll('%2C', ',');
}
