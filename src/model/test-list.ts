/** Citizen Lab test-list rows and lint problems. */

export interface TestListEntry {
  url: string;
  categoryCode: string;
  categoryDescription: string;
  dateAdded: string;
  source: string;
  notes: string;
  /** The list file's name without extension: 'global', 'kz', ... */
  list: string;
  /** 1-based line of the row in its file. */
  line: number;
}

export interface TestListCategory {
  code: string;
  description: string;
}

/** A problem in a list file, reported as `file:line: reason`. */
export interface LintProblem {
  file: string;
  line: number;
  reason: string;
}
