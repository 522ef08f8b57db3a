/**
 * After a crash: a measurement is queued before it is appended to the output (both in one synchronous stretch), so
 * a kill between the two leaves it queued but missing from the output. This appends such measurements, so the
 * output holds every finished measurement and a resumed run does not measure its input again.
 */
import { appendLine, type ExistingOutput } from '../measurement-file.js';
import type { SubmissionQueue } from './submission-queue.js';

/** Appends the queued measurements `existing` lacks to `output`; returns how many. */
export function reconcileOutput(output: string, existing: ExistingOutput, queue: SubmissionQueue): number {
  let appended = 0;
  for (const entry of queue.pending()) {
    if (existing.lineHashes.has(entry.id)) continue;
    appendLine(output, entry.text);
    existing.lineHashes.add(entry.id);
    appended += 1;
  }
  return appended;
}
