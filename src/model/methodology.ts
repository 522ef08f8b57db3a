/** The Freedom on the Net methodology as data: categories, questions, bands, key internet controls. */
import type { Lang } from './language.js';

/** Which way a score points: since 2019 higher is freer; 2011–2018 editions were published with 0 as best. */
export type ScoreScale = 'current' | 'legacy';

export type FreedomStatus = 'Free' | 'Partly Free' | 'Not Free';

export interface StatusBand {
  status: FreedomStatus;
  min: number;
  max: number;
}

export interface Question {
  id: string;
  categoryId: string;
  maxPoints: number;
  text: string;
  /** How sure the wording is ('verbatim', 'recalled', ...), as recorded in the bundled file. */
  verification: string;
}

export interface Category {
  id: string;
  name: string;
  maxPoints: number;
  questions: Question[];
}

export interface KeyInternetControl {
  id: string;
  label: string;
}

export interface Methodology {
  index: string;
  publisher: string;
  maxTotal: number;
  categories: Category[];
  /** Bands of the current (2019+) scale, 0 least free. */
  statusBands: StatusBand[];
  /** Bands of the legacy (2011–2018) scale, 0 most free. */
  legacyStatusBands: StatusBand[];
  /** First edition published on the current scale. */
  currentScaleFromEdition: number;
  keyInternetControls: KeyInternetControl[];
  coveragePeriods: { edition: number; start: string; end: string }[];
  sources: { what: string; where: string }[];
  /** The texts in other languages (netfreedom's translations, not Freedom House's); absent ones stay English. */
  translations?: Partial<Record<Exclude<Lang, 'en'>, MethodologyTexts>>;
}

/** One language's texts of the methodology, by the id of what they translate. */
export interface MethodologyTexts {
  categories: Record<string, string>;
  questions: Record<string, string>;
  keyInternetControls: Record<string, string>;
  /** By the source's English `what`; `where` only when it has words besides addresses. */
  sources: Record<string, { what: string; where?: string }>;
}
