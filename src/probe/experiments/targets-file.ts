/** `--targets FILE`: a JSON object keyed by test name, each value laid over that test's bundled endpoints (data/apps/). */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidDataError } from '../../shared/errors.js';
import type { TargetsOverride } from './experiment.js';
import { EXPERIMENTS } from './registry.js';

/** Reads and checks the file: a JSON object whose keys are test names. Paths in it are relative to the file. */
export function readTargetsFile(file: string): Map<string, TargetsOverride> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InvalidDataError(`--targets ${file}`, (err as Error).message);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new InvalidDataError(`--targets ${file}`, 'expected a JSON object keyed by test name');
  const names = new Set(EXPERIMENTS.map((e) => e.name));
  const out = new Map<string, TargetsOverride>();
  const dir = dirname(resolve(file));
  for (const [test, value] of Object.entries(parsed)) {
    if (!names.has(test))
      throw new InvalidDataError(`--targets ${file}`, `"${test}" is not a test (${[...names].join(', ')})`);
    out.set(test, { value, dir });
  }
  return out;
}
