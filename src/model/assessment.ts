/** A scored country-year (Freedom on the Net model) with the sources behind every figure. */
import type { FreedomStatus, ScoreScale } from './methodology.js';

/** Where a figure came from. */
export interface Source {
  url: string;
  title: string | null;
  /** YYYY-MM-DD the source was read, when known. */
  accessed: string | null;
}

export interface QuestionScore {
  questionId: string;
  /** Integer 0..max, or null when unknown. */
  score: number | null;
  justification: string | null;
  sources: Source[];
}

export type ControlAnswer = 'yes' | 'no' | 'unknown';

export interface KeyControlAnswer {
  controlId: string;
  answer: ControlAnswer;
  evidence: string | null;
  sources: Source[];
}

export interface CategoryScore {
  categoryId: string;
  score: number | null;
  /** True when derived from the question scores rather than given. */
  computed: boolean;
}

/** One country × edition. Figures stay on the scale they were published on; nothing is converted. */
export interface Assessment {
  country: string;
  edition: number;
  scale: ScoreScale;
  coverageStart: string | null;
  coverageEnd: string | null;
  total: number | null;
  status: FreedomStatus | null;
  categories: CategoryScore[];
  questions: QuestionScore[];
  keyControls: KeyControlAnswer[];
  /** Sources of the total and status. */
  totalSources: Source[];
  /** Sources of the category breakdown. */
  categorySources: Source[];
  previousEditionTotal: number | null;
  notes: string | null;
}

/** The input an analyst or an import gives; category scores, total and status are checked or derived. */
export interface AssessmentInput {
  country: string;
  edition: number;
  scale: ScoreScale;
  coverageStart: string | null;
  coverageEnd: string | null;
  total: number | null;
  categories: Record<string, number | null>;
  status: FreedomStatus | null;
  questions: QuestionScore[];
  keyControls: KeyControlAnswer[];
  totalSources: Source[];
  categorySources: Source[];
  previousEditionTotal: number | null;
  notes: string | null;
}

/** One row of a country's history, with the change since the previous edition on the same scale. */
export interface HistoryPoint {
  edition: number;
  scale: ScoreScale;
  total: number | null;
  status: FreedomStatus | null;
  categories: Record<string, number | null>;
  /** Change of the total since the previous edition on the same scale; null when not comparable. */
  change: number | null;
  sources: Source[];
}
