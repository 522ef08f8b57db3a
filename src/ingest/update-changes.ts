/** Runs change detection over the stored per-day series of a country and stores the events with their evidence. */
import { createHash } from 'node:crypto';
import {
  CHANGE_METHOD,
  type CusumParams,
  DEFAULT_CUSUM,
  detectChanges,
} from '../analysis/change-detection.js';
import type { ChangeEvent, DailyCount, PipelineMeasurementStore } from '../store/measurement-store.js';

/** How many supporting measurement uids an event keeps. */
export const MAX_SUPPORTING_UIDS = 50;

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Detects the starts and stops of blocking per (network, domain) in `probeCc` and replaces its stored events. */
export async function updateChanges(
  store: PipelineMeasurementStore,
  probeCc: string,
  params: CusumParams = DEFAULT_CUSUM,
): Promise<ChangeEvent[]> {
  const daily = await store.dailyCounts({ probeCc: [probeCc] });
  const series = new Map<string, DailyCount[]>();
  for (const d of daily) {
    const key = `${d.probeAsn}\u0000${d.domain}`;
    series.set(key, [...(series.get(key) ?? []), d]);
  }
  const events: ChangeEvent[] = [];
  for (const days of series.values()) {
    const { probeAsn, domain } = days[0]!;
    for (const c of detectChanges(days, params)) {
      // The evidence: the measurements between the change point and the alarm that show the new state.
      const page = await store.search({
        probeCc: [probeCc],
        probeAsn: [probeAsn],
        domain: [domain],
        since: c.changeDay,
        until: nextDay(c.alarmDay),
        outcome: c.kind === 'blocking_started' ? ['anomaly', 'confirmed'] : ['ok'],
        limit: MAX_SUPPORTING_UIDS,
      });
      const at = `${c.changeDay}T00:00:00Z`;
      events.push({
        id: createHash('sha256')
          .update([probeCc, probeAsn, domain, c.kind, at].join('\u0000'))
          .digest('hex')
          .slice(0, 24),
        probeCc,
        probeAsn,
        domain,
        kind: c.kind,
        at,
        score: c.score,
        method: CHANGE_METHOD,
        measurementUids: page.items.map((i) => i.uid),
      });
    }
  }
  await store.putChanges(probeCc, events);
  return events;
}
