/**
 * Watching countries: a sync on a schedule inside the process that owns the store (its writes go through the
 * store's single writer like any other), each run followed by change detection for those countries. Runs never
 * overlap: the next one is timed from the end of the last.
 */
import { updateChanges } from '../ingest/update-changes.js';
import type { Store } from '../store/store.js';
import type { SyncSummary } from './sync-summary.js';

export interface ScheduleOptions {
  countries: string[];
  everyMs: number;
  /** The first day the first run asks for (YYYY-MM-DD). */
  firstSince: string;
  /** One sync of the countries over [since, until). */
  sync: (window: { since: string; until: string; signal: AbortSignal }) => Promise<SyncSummary>;
  /** After each run and its change detection (log it; the server clears its cache on each object already). */
  onRun?: (summary: SyncSummary, changes: number) => void;
  /** A run that failed (an archive out of reach): the schedule goes on. */
  onError?: (err: unknown) => void;
}

export interface SyncSchedule {
  /** Resolves after the first run (and its change detection) has ended, whether it succeeded or not. */
  readonly firstRun: Promise<void>;
  /** Starts no further run and stops the one under way between two objects; resolves when it has ended. */
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function startSyncSchedule(store: Store, options: ScheduleOptions): SyncSchedule {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let since = options.firstSince;
  const runOnce = async () => {
    const startedAt = Date.now();
    try {
      const summary = await options.sync({ since, until: day(startedAt + DAY_MS), signal: abort.signal });
      let changes = 0;
      for (const cc of options.countries) changes += (await updateChanges(store.measurements, cc)).length;
      // The archive files measurements under the hour they arrived: from now on, the day before this run's start
      // is enough to catch everything that came in since.
      since = day(startedAt - DAY_MS);
      options.onRun?.(summary, changes);
    } catch (err) {
      options.onError?.(err);
    }
  };
  const loop = () => {
    if (abort.signal.aborted) return;
    running = runOnce().then(() => {
      if (!abort.signal.aborted) timer = setTimeout(loop, options.everyMs);
    });
    return running;
  };
  const firstRun = loop() ?? Promise.resolve();
  return {
    firstRun,
    async stop() {
      abort.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
