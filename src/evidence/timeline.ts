/**
 * A country's timeline: the reported events (with their sources) and the blocking changes the pipeline detected
 * (with the measurements behind them) on one axis, each marked by origin so that measured is never read as reported.
 */
import type { CountryEvent, EventType } from '../model/evidence.js';
import { firstDay, lastDay } from '../shared/source-id.js';
import type { ChangeEvent } from '../store/measurement-store.js';
import type { Store } from '../store/store.js';
import { type SeenRecord, withDrafts } from './draft-evidence.js';

/** A change point detected in the measurements of one network and domain. */
export interface MeasuredChange {
  domain: string;
  probeAsn: string;
  change: ChangeEvent['kind'];
  /** ISO 8601 UTC of the change point. */
  at: string;
  method: string;
  score: number;
  measurementUids: string[];
  /** The measurements' filter set in the API's names (`probe_cc=KZ&probe_asn=AS9198&domain=…`). */
  query: string;
}

export interface TimelineItem {
  origin: 'reported' | 'measured';
  id: string;
  country: string;
  start: string;
  end: string | null;
  type: EventType;
  /** For a measured change, netfreedom's words for what was detected. */
  title: string;
  summary: string;
  indicators: string[];
  indicatorAttribution: CountryEvent['indicatorAttribution'] | null;
  keyControls: string[];
  /** Empty for a measured change: its evidence is its measurements. */
  sourceIds: string[];
  measured: MeasuredChange | null;
  /** A reported event an open revision holds (seen by readers of drafts only): its revision's state. */
  reviewState?: 'draft' | 'in_review';
}

export interface TimelineFilter {
  /** First day (YYYY-MM-DD), inclusive: items that end before it are left out. */
  since?: string;
  /** Last day (YYYY-MM-DD), exclusive: items that start on or after it are left out. */
  until?: string;
  types?: EventType[];
  /** Only items tied to one of these questions (measured changes are tied to none). */
  indicators?: string[];
  origin?: 'reported' | 'measured';
  /** As a reader of drafts sees it: with the events open revisions hold, marked. */
  drafts?: boolean;
}

/** The timeline in date order (then id); `filter` narrows it. */
export async function countryTimeline(
  store: Store,
  country: string,
  filter: TimelineFilter = {},
): Promise<TimelineItem[]> {
  const items: TimelineItem[] = [];
  if (filter.origin !== 'measured') {
    const published = await store.evidence.list('event', { country });
    const events = filter.drafts ? await withDrafts(store, 'event', { country }, published) : published;
    for (const e of events) items.push(fromEvent(e));
  }
  if (filter.origin !== 'reported')
    for (const c of await store.measurements.changes({ probeCc: [country] })) items.push(fromChange(c));
  return items
    .filter((i) => {
      if (filter.since && lastDay(i.end ?? i.start) < filter.since) return false;
      if (filter.until && firstDay(i.start) >= filter.until) return false;
      if (filter.types?.length && !filter.types.includes(i.type)) return false;
      if (filter.indicators?.length && !i.indicators.some((q) => filter.indicators!.includes(q)))
        return false;
      return true;
    })
    .sort((a, b) => firstDay(a.start).localeCompare(firstDay(b.start)) || a.id.localeCompare(b.id));
}

function fromEvent(e: SeenRecord<CountryEvent>): TimelineItem {
  return {
    ...(e.reviewState ? { reviewState: e.reviewState } : {}),
    origin: 'reported',
    id: e.id,
    country: e.country,
    start: e.start,
    end: e.end,
    type: e.type,
    title: e.title,
    summary: e.summary,
    indicators: e.indicators,
    indicatorAttribution: e.indicatorAttribution,
    keyControls: e.keyControls,
    sourceIds: e.sourceIds,
    measured: null,
  };
}

function fromChange(c: ChangeEvent): TimelineItem {
  const started = c.kind === 'blocking_started';
  const params = new URLSearchParams({ probe_cc: c.probeCc, probe_asn: c.probeAsn, domain: c.domain });
  return {
    origin: 'measured',
    id: `measured-${c.id}`,
    country: c.probeCc,
    start: c.at.slice(0, 10),
    end: null,
    type: started ? 'block' : 'unblock',
    title: `Blocking of ${c.domain} on ${c.probeAsn} ${started ? 'started' : 'stopped'} (detected in measurements)`,
    summary:
      `netfreedom's change detection (${c.method}) found that blocking of ${c.domain} on ${c.probeAsn} ` +
      `${started ? 'started' : 'stopped'} around ${c.at.slice(0, 10)}, from ${c.measurementUids.length} measurement(s).`,
    indicators: [],
    indicatorAttribution: null,
    keyControls: [],
    sourceIds: [],
    measured: {
      domain: c.domain,
      probeAsn: c.probeAsn,
      change: c.kind,
      at: c.at,
      method: c.method,
      score: c.score,
      measurementUids: c.measurementUids,
      query: params.toString(),
    },
  };
}
