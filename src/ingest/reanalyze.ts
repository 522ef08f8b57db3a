/** Re-judges stored raw measurements whose analysis is older than the current rules, page by page. */
import type { Measurement } from '../model/measurement.js';
import type { PipelineMeasurementStore } from '../store/measurement-store.js';
import type { Analyzer } from './analyzer.js';

export interface ReanalyzeSummary {
  examined: number;
  updated: number;
  /** Outcome changes, e.g. { "ok→anomaly": 3 }. */
  changed: Record<string, number>;
}

/**
 * Re-analyses OONI-format records with rules older than `rulesVersion` (Censored Planet records carry their own
 * mapping's version and are left alone). Each page is written atomically; an interrupted run resumes where the
 * stale records remain.
 */
export async function reanalyze(
  store: PipelineMeasurementStore,
  analyze: Analyzer,
  rulesVersion: number,
  options: { since?: string; pageSize?: number; onPage?: (s: ReanalyzeSummary) => void } = {},
): Promise<ReanalyzeSummary> {
  const summary: ReanalyzeSummary = { examined: 0, updated: 0, changed: {} };
  let afterUid: string | undefined;
  for (;;) {
    const page = await store.staleRecords(rulesVersion, {
      limit: options.pageSize ?? 1000,
      ...(options.since ? { since: options.since } : {}),
      ...(afterUid !== undefined ? { afterUid } : {}),
    });
    if (page.length === 0) break;
    afterUid = page[page.length - 1]!.uid;
    const updates = [];
    for (const r of page) {
      summary.examined++;
      if (r.source === 'censoredplanet') continue;
      const analysis = analyze(r.raw as Measurement, null);
      if (analysis.rulesVersion < rulesVersion) continue;
      updates.push({ uid: r.uid, analysis });
      if (analysis.outcome !== r.analysis.outcome) {
        const key = `${r.analysis.outcome}→${analysis.outcome}`;
        summary.changed[key] = (summary.changed[key] ?? 0) + 1;
      }
    }
    await store.updateAnalyses(updates);
    summary.updated += updates.length;
    options.onPage?.(summary);
  }
  return summary;
}
