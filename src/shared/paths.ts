/** Where the bundled data lives, whether running from src/ (tests) or dist/ (the built CLI). */
import { fileURLToPath } from 'node:url';

/** The project's `data/` folder. */
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/** A path inside the bundled data folder. */
export function dataPath(...parts: string[]): string {
  return [DATA_DIR.replace(/\/$/, ''), ...parts].join('/');
}
