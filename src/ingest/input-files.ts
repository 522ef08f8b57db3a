/** Expands ingest paths into files: plain files as given, directories (OONI's S3 layout included) walked in order. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../shared/errors.js';

/** Names that hold measurements: JSON, JSON Lines, gzipped or not. */
export const MEASUREMENT_FILE = /\.(jsonl|json|jsonc)(\.gz)?$/i;

export interface InputFile {
  path: string;
  bytes: number;
}

/**
 * Files to read, sorted within each directory (so raw/YYYYMMDD/HH/CC/test/*.jsonl.gz comes in time order).
 * A missing path is an error naming it; directory entries that are not measurement files are skipped.
 */
export function expandInputs(paths: string[]): InputFile[] {
  const out: InputFile[] = [];
  for (const p of paths) {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      throw new InvalidInputError(`${p}: no such file or directory`);
    }
    if (st.isDirectory()) walk(p, out);
    else out.push({ path: p, bytes: st.size });
  }
  return out;
}

function walk(dir: string, out: InputFile[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (e.isFile() && MEASUREMENT_FILE.test(e.name))
      out.push({ path: full, bytes: statSync(full).size });
  }
}
