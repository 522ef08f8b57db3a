/** `netfreedom events import FILE`: reported events into the store, each checked; bad rows reported by line, the rest kept. */
import { readFile } from 'node:fs/promises';
import { loadSourceRegistry } from '../assessment/source-registry.js';
import type { Acting } from '../model/audit.js';
import type { Methodology } from '../model/methodology.js';
import { InvalidDataError, NetfreedomError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import { auditedEvidenceWrite } from './audited-evidence.js';
import { parseEventsCsv } from './events-csv.js';
import { count, type EvidenceImportSummary, emptySummary } from './import-summary.js';
import { checkEvent, recordEvent, storeSources } from './record-facts.js';

/** Reads a file the way every evidence import does: a missing or unreadable file is one error naming it. */
export async function readImportFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new InvalidDataError(file, `cannot read the file (${(err as Error).message})`);
  }
}

/**
 * Imports the events of a CSV in one transaction; a row that breaks a rule is refused with its line and the rest
 * goes in. Re-importing the same file changes nothing (every row `unchanged`). With `acting` (the command line),
 * each row that changes a record is an audit entry whose reason is its `file:line`.
 */
export async function importEvents(
  store: Store,
  methodology: Methodology,
  file: string,
  acting?: Acting,
): Promise<EvidenceImportSummary> {
  const { rows, problems } = parseEventsCsv(await readImportFile(file), file);
  const summary = { ...emptySummary(file), read: rows.length + problems.length, rejected: problems };
  const registry = await loadSourceRegistry();
  const seen = new Map<string, number>();
  await store.transaction(async () => {
    for (const row of rows) {
      const earlier = seen.get(row.event.id);
      if (earlier !== undefined) {
        summary.rejected.push({
          file,
          line: row.line,
          reason: `event ${row.event.id} already given on line ${earlier}`,
        });
        continue;
      }
      seen.set(row.event.id, row.line);
      try {
        checkEvent(methodology, { ...row.event, sourceIds: [] });
        const event = { ...row.event, sourceIds: await storeSources(store, row.sourceUrls, registry) };
        const write = async () => ({ result: await recordEvent(store, methodology, event), stored: event });
        const out = acting
          ? await auditedEvidenceWrite(store, acting, 'event', event.id, write, `${file}:${row.line}`)
          : await write();
        count(summary, out.result);
      } catch (err) {
        if (!(err instanceof NetfreedomError)) throw err;
        summary.rejected.push({ file, line: row.line, reason: err.message });
      }
    }
  });
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}
