/**
 * The endpoints a test measures: its bundled file in data/apps/ (each with a SOURCE.md entry), with the test's
 * section of `--targets FILE` laid over it, key by key, and checked against the test's schema.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { InvalidDataError } from '../../shared/errors.js';
import { dataPath } from '../../shared/paths.js';
import type { TargetsOverride } from './experiment.js';

export interface Endpoints<T> {
  value: T;
  /** A path named in the endpoints, resolved from the file that named it. */
  path(key: keyof T & string, relative: string): string;
}

const cache = new Map<string, unknown>();

/** The endpoints of `file` (in data/apps/) with `override` over them, validated by `schema`. */
export function loadEndpoints<T extends object>(
  file: string,
  schema: z.ZodType<T>,
  override?: TargetsOverride,
): Endpoints<T> {
  let bundled = cache.get(file);
  if (bundled === undefined) {
    bundled = JSON.parse(readFileSync(dataPath('apps', file), 'utf8'));
    cache.set(file, bundled);
  }
  const given = override?.value;
  if (given !== undefined && (typeof given !== 'object' || given === null || Array.isArray(given)))
    throw new InvalidDataError(`--targets (${file.replace(/\.json$/, '')})`, 'expected an object');
  const merged = { ...(bundled as object), ...(given as object | undefined) };
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = override ? '--targets' : `data/apps/${file}`;
    throw new InvalidDataError(`${where}: ${issue.path.join('.')}`, issue.message);
  }
  const overridden = new Set(Object.keys((given as object | undefined) ?? {}));
  return {
    value: parsed.data,
    path: (key, relative) =>
      isAbsolute(relative)
        ? relative
        : resolve(overridden.has(key) && override ? override.dir : dataPath('apps'), relative),
  };
}
