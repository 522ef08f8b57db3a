/** The probe's JSONL output: whole lines appended one at a time (Ctrl-C leaves a valid file), read back to resume. */
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  truncateSync,
  writeSync,
} from 'node:fs';

export interface ExistingOutput {
  /** The (test, input) pairs already measured in the file (`resumeKey`). */
  done: Set<string>;
  /** The SHA-256 of every line, to tell whether a queued measurement reached the file. */
  lineHashes: Set<string>;
  /** A cut last line (from a crash mid-write) that was removed, if any. */
  repaired: boolean;
}

/** What a run skips when it is in the output already: the test and its input (null for a test without one). */
export function resumeKey(testName: string, input: string | null): string {
  return `${testName}\u0000${input ?? ''}`;
}

/** The SHA-256 (hex) of a measurement's JSON text: its name in the queue and its line in the output. */
export function measurementHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Reads what `file` already holds so a new run skips it. A torn last line (no newline) is cut off: the
 * measurement it held is repeated. Lines that are not measurements are left alone. A line without a test name is
 * a web_connectivity measurement (files written before the other tests existed).
 */
export function readExistingOutput(file: string): ExistingOutput {
  const done = new Set<string>();
  const lineHashes = new Set<string>();
  if (!existsSync(file)) return { done, lineHashes, repaired: false };
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
    lineHashes.add(measurementHash(line));
    try {
      const m = JSON.parse(line) as { input?: unknown; test_name?: unknown };
      const test = typeof m.test_name === 'string' ? m.test_name : 'web_connectivity';
      if (typeof m.input === 'string' || m.input === null) done.add(resumeKey(test, m.input));
    } catch {
      // not ours to judge: `netfreedom ingest` reports bad lines with file:line
    }
  }
  return { done, lineHashes, repaired };
}

/** Appends one measurement's JSON text as one line (a single write, so a reader never sees half of it). */
export function appendLine(file: string, text: string): void {
  appendFileSync(file, `${text}\n`);
}

/** An output file held open for a run: one `append` per measurement, as `appendLine` but without opening it each time. */
export interface OutputFile {
  append(text: string): void;
  close(): void;
}

/**
 * Opens `file` for appending (O_APPEND: every write lands at the end, whoever else appends) for the length of a run;
 * each line is still one write, so Ctrl-C or a kill leaves whole lines. Opening and closing the file per line was a
 * twentieth of the probe's CPU in bench/probe.
 */
export function openOutput(file: string): OutputFile {
  const fd = openSync(file, 'a');
  let open = true;
  return {
    append(text) {
      writeSync(fd, `${text}\n`);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
