/** What the evidence commands share: the store seeded as a first `serve` would, and an import summary printed. */
import { seedAssessments } from '../../assessment/bundled-data.js';
import { systemActing } from '../../auth/acting.js';
import { seedEvidenceIfEmpty } from '../../evidence/bundled-evidence.js';
import type { EvidenceImportSummary } from '../../evidence/import-summary.js';
import type { Methodology } from '../../model/methodology.js';
import type { Store } from '../../store/store.js';
import { printJson } from '../output.js';
import { EXIT_FAILURE, type Io } from '../run-command.js';

/**
 * Loads the bundled assessments and country evidence into a store that holds none of them yet (as the first
 * `serve` does), saying so on stderr; a store that holds some keeps what it has.
 */
export async function ensureBundled(io: Io, store: Store, methodology: Methodology): Promise<void> {
  const scores = await seedAssessments(store, methodology, systemActing());
  if (scores) io.err(`the store held no assessment: loaded the ${scores.added} bundled ones\n`);
  const evidence = await seedEvidenceIfEmpty(store, methodology);
  if (evidence) io.err('the store held no country evidence: loaded the bundled set (data/evidence/)\n');
}

/** Prints an import's summary (bad rows as `file:line: reason` on stderr); exit 1 when a row was refused. */
export function printImportSummary(
  io: Io,
  summary: EvidenceImportSummary,
  what: string,
  json?: boolean,
): number | undefined {
  if (json) printJson(io, summary);
  else {
    for (const p of summary.rejected) io.err(`${p.file}:${p.line}: ${p.reason}\n`);
    io.out(
      `${summary.read} ${what} read: ${summary.added} added, ${summary.updated} updated, ` +
        `${summary.unchanged} unchanged, ${summary.rejected.length} rejected\n`,
    );
  }
  return summary.rejected.length > 0 ? EXIT_FAILURE : undefined;
}
