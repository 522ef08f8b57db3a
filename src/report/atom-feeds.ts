/**
 * Atom feeds of what changes: blocking changes detected in the measurements, and assessments and reported events
 * as the public API shows them, per country, per domain, or all. Entries are data first (`feedEntries`), then
 * written by the `feed` library (`atomFeed`); text goes in as escaped HTML so that a reader shows it as text.
 */
import { Feed } from 'feed';
import type { Assessment } from '../model/assessment.js';
import type { CountryEvent } from '../model/evidence.js';
import { firstDay } from '../shared/source-id.js';
import type { ChangeEvent } from '../store/measurement-store.js';
import type { Store } from '../store/store.js';
import { escapeXml } from './escape.js';
import { publicAssessments, publicEvents } from './report-data.js';

export type FeedScope =
  | { kind: 'all' }
  | { kind: 'country'; country: string }
  | { kind: 'domain'; domain: string };

/** One entry, before it is written: links are paths on the server (`/country/KZ`). */
export interface FeedEntry {
  /** A permanent URN: the same change, assessment or event keeps it. */
  id: string;
  kind: 'change' | 'assessment' | 'event';
  title: string;
  summary: string;
  link: string;
  /** ISO 8601 UTC. */
  updated: string;
}

/** The most entries a feed carries, newest first. */
export const MAX_ENTRIES = 100;

/** The feed's entries, newest first; `since` (YYYY-MM-DD) keeps those updated on or after it. */
export async function feedEntries(store: Store, scope: FeedScope, since?: string): Promise<FeedEntry[]> {
  const entries: FeedEntry[] = [];
  const changes = await store.measurements.changes({
    ...(scope.kind === 'country' ? { probeCc: [scope.country] } : {}),
    ...(scope.kind === 'domain' ? { domain: [scope.domain] } : {}),
    ...(since ? { since } : {}),
  });
  entries.push(...changes.map(changeEntry));
  if (scope.kind !== 'domain') {
    const country = scope.kind === 'country' ? scope.country : undefined;
    entries.push(...(await publicAssessments(store, country)).flatMap(assessmentEntry));
    entries.push(...(await publicEvents(store, country)).map(eventEntry));
  }
  return entries
    .filter((e) => !since || e.updated.slice(0, 10) >= since)
    .sort((a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id))
    .slice(0, MAX_ENTRIES);
}

/** The path a feed is served at. */
export function feedPath(scope: FeedScope): string {
  if (scope.kind === 'country') return `/feeds/${scope.country}.atom`;
  if (scope.kind === 'domain') return `/feeds/domains/${encodeURIComponent(scope.domain)}.atom`;
  return '/feeds/all.atom';
}

/** The Atom document; `baseUrl` makes every link absolute; `updated` is the newest entry's (or `now` when empty). */
export function atomFeed(
  entries: readonly FeedEntry[],
  scope: FeedScope,
  baseUrl: string,
  now: Date,
): string {
  const base = baseUrl.replace(/\/+$/, '');
  const what =
    scope.kind === 'country'
      ? `${scope.country}`
      : scope.kind === 'domain'
        ? `${scope.domain}`
        : 'all countries';
  const feed = new Feed({
    id: `urn:netfreedom:feed:${scope.kind === 'all' ? 'all' : `${scope.kind}:${what}`}`,
    title: `netfreedom: changes, assessments and events — ${what}`,
    link: `${base}${scope.kind === 'country' ? `/country/${scope.country}` : scope.kind === 'domain' ? `/domain/${encodeURIComponent(scope.domain)}` : '/'}`,
    updated: entries[0] ? new Date(entries[0].updated) : now,
    generator: 'netfreedom',
    // Atom requires an author of the feed or of every entry.
    author: { name: 'netfreedom' },
    feedLinks: { atom: `${base}${feedPath(scope)}` },
    copyright: 'FOTN figures © Freedom House; OONI data CC BY-NC-SA 4.0; netfreedom',
  });
  for (const e of entries)
    feed.addItem({
      // The library writes these as type="html": text is escaped once so that a reader shows it as text.
      title: escapeXml(e.title),
      id: e.id,
      link: `${base}${e.link}`,
      date: new Date(e.updated),
      description: escapeXml(e.summary),
      category: [{ term: e.kind }],
    });
  return feed.atom1();
}

function changeEntry(c: ChangeEvent): FeedEntry {
  const started = c.kind === 'blocking_started';
  const day = c.at.slice(0, 10);
  const query = new URLSearchParams({
    probe_cc: c.probeCc,
    probe_asn: c.probeAsn,
    domain: c.domain,
    since: day,
  });
  return {
    id: `urn:netfreedom:change:${c.id}`,
    kind: 'change',
    title: `${c.probeCc}: blocking of ${c.domain} on ${c.probeAsn} ${started ? 'started' : 'stopped'} (detected in measurements)`,
    summary:
      `netfreedom's change detection (${c.method}) found that blocking of ${c.domain} on ${c.probeAsn} ` +
      `${started ? 'started' : 'stopped'} around ${day}, from ${c.measurementUids.length} measurement(s).`,
    link: `/measurements?${query}`,
    updated: new Date(c.at).toISOString(),
  };
}

/**
 * An assessment with a total; its time is when its source published it (a full date), else the end of its coverage
 * period — the store keeps no time of its own for an assessment.
 */
function assessmentEntry(a: Assessment): FeedEntry[] {
  if (a.total === null) return [];
  const published = a.totalSources.map((s) => s.published).find((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  const when = published ?? a.coverageEnd ?? `${a.edition}-01-01`;
  return [
    {
      id: `urn:netfreedom:assessment:${a.country}:${a.edition}`,
      kind: 'assessment',
      title: `${a.country} ${a.edition}: ${a.total}${a.scale === 'legacy' ? ' (legacy scale, 0 = most free)' : '/100'}, ${a.status ?? 'status unknown'}`,
      summary:
        `Freedom on the Net ${a.edition} for ${a.country}: total ${a.total}` +
        `${a.categories.length ? ` (${a.categories.map((c) => `${c.categoryId} ${c.score ?? '?'}`).join(', ')})` : ''}` +
        `, ${a.status ?? 'status unknown'}. Sources: ${a.totalSources.map((s) => s.url).join(' ')}`,
      link: `/country/${a.country}?edition=${a.edition}`,
      updated: new Date(`${when}T00:00:00Z`).toISOString(),
    },
  ];
}

function eventEntry(e: CountryEvent): FeedEntry {
  return {
    id: `urn:netfreedom:event:${e.id}`,
    kind: 'event',
    title: `${e.country} ${e.start}: ${e.title}`,
    summary: e.summary,
    link: `/country/${e.country}`,
    updated: new Date(`${firstDay(e.start)}T00:00:00Z`).toISOString(),
  };
}
