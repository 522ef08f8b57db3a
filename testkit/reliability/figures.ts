/** Figures of the reliability suite: each section records its rows; `scripts/reliability-table.ts` prints them as one table. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One measured figure, with the goal it is judged against. */
export interface Figure {
  /** What was measured, e.g. "OONI JSONL mutations: crashes". */
  name: string;
  value: number | string;
  /** The goal in words, e.g. "0" or "100 %" or "≤ 250 ms". */
  goal: string;
  /** Whether the value meets the goal. */
  ok: boolean;
}

/** A section's record as written to `test-output/reliability/<section>.json`. */
export interface SectionFigures {
  section: string;
  mode: ReliabilityMode;
  recordedAt: string;
  figures: Figure[];
}

export type ReliabilityMode = 'short' | 'full';

/** `short` inside `npm test` (a few thousand inputs, a few rounds); `full` under `npm run test:reliability`. */
export const reliabilityMode: ReliabilityMode =
  process.env.NETFREEDOM_RELIABILITY === 'full' ? 'full' : 'short';

/** The size of a run: the short one in the ordinary suite, the full one on demand. */
export function sized(short: number, full: number): number {
  return reliabilityMode === 'full' ? full : short;
}

export const figuresDir = join(import.meta.dirname, '..', '..', 'test-output', 'reliability');

/** Writes a section's figures; the section's tests assert the goals themselves, this only reports. */
export async function recordFigures(section: string, figures: Figure[]): Promise<void> {
  await mkdir(figuresDir, { recursive: true });
  const record: SectionFigures = {
    section,
    mode: reliabilityMode,
    recordedAt: new Date().toISOString(),
    figures,
  };
  await writeFile(join(figuresDir, `${section}.json`), `${JSON.stringify(record, null, 2)}\n`);
}

/** A figure whose goal is a floor, e.g. how many cells a matrix checked. */
export function atLeast(name: string, value: number, min: number): Figure {
  return { name, value, goal: `≥ ${min}`, ok: value >= min };
}

/** A figure whose goal is none at all, e.g. failures or executions. */
export function none(name: string, value: number): Figure {
  return { name, value, goal: '0', ok: value === 0 };
}
