/** What an import did: rows read, written or unchanged, and the rows refused as `file:line: reason`. */
import type { LintProblem } from '../model/test-list.js';
import type { WriteResult } from '../store/store.js';

export interface EvidenceImportSummary {
  file: string;
  read: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: LintProblem[];
}

export function emptySummary(file: string): EvidenceImportSummary {
  return { file, read: 0, added: 0, updated: 0, unchanged: 0, rejected: [] };
}

/** Counts one write. */
export function count(summary: EvidenceImportSummary, result: WriteResult): void {
  summary[result]++;
}
