/** Category codes given on the command line, checked against the Citizen Lab legend the lists use. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { LEGEND_FILE, loadLegend } from '../test-lists/legend.js';
import { DEFAULT_LISTS_DIR } from '../test-lists/test-lists.js';

/** The legend of a folder of lists, else the bundled one (as `lists validate` finds it). */
function legendPath(dir: string): string {
  return existsSync(join(dir, LEGEND_FILE)) ? join(dir, LEGEND_FILE) : join(DEFAULT_LISTS_DIR, LEGEND_FILE);
}

/**
 * Returns `codes` when the legend knows every one; otherwise a usage error names the unknown ones and lists
 * the valid codes, since a misspelt category would otherwise only find nothing.
 */
export async function checkCategoryCodes(codes: string[], dir = DEFAULT_LISTS_DIR): Promise<string[]> {
  const path = legendPath(dir);
  const legend = await loadLegend(path);
  const unknown = codes.filter((c) => !legend.has(c));
  if (unknown.length > 0) {
    throw new UsageError(
      `--category: unknown ${unknown.length > 1 ? 'categories' : 'category'} ${unknown.join(', ')}; ` +
        `the categories are ${[...legend.keys()].sort().join(', ')} (described in ${path})`,
    );
  }
  return codes;
}
