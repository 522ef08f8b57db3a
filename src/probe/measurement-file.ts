/** The probe's JSONL output: whole lines appended one at a time (Ctrl-C leaves a valid file), read back to resume. */
import { appendFileSync, existsSync, readFileSync, truncateSync } from 'node:fs';

export interface ExistingOutput {
  /** Inputs already measured in the file. */
  done: Set<string>;
  /** A cut last line (from a crash mid-write) that was removed, if any. */
  repaired: boolean;
}

/**
 * Reads the inputs already in `file` so a new run skips them. A torn last line (no newline) is cut
 * off: the measurement it held is repeated. Lines that are not measurements are left alone.
 */
export function readExistingOutput(file: string): ExistingOutput {
  const done = new Set<string>();
  if (!existsSync(file)) return { done, repaired: false };
  let text = readFileSync(file, 'utf8');
  let repaired = false;
  if (text.length > 0 && !text.endsWith('\n')) {
    const keep = text.lastIndexOf('\n') + 1;
    truncateSync(file, Buffer.byteLength(text.slice(0, keep)));
    text = text.slice(0, keep);
    repaired = true;
  }
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const m = JSON.parse(line) as { input?: unknown };
      if (typeof m.input === 'string') done.add(m.input);
    } catch {
      // not ours to judge: `netfreedom ingest` reports bad lines with file:line
    }
  }
  return { done, repaired };
}

/** Appends one measurement as one line (a single write, so a reader never sees half of it). */
export function appendMeasurement(file: string, measurement: unknown): void {
  appendFileSync(file, `${JSON.stringify(measurement)}\n`);
}
