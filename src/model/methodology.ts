/** The Freedom on the Net methodology as data: categories, questions, bands, key internet controls, and its sources. */
import type { Source, SourceVerification } from './assessment.js';
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
  /** Where each part of this file comes from. */
  sources: MethodologySource[];
  /** Freedom House's methodology page, and what of this file could and could not be checked against it. */
  primaryDocument: PrimaryDocument;
  /** The texts in other languages (netfreedom's translations, not Freedom House's); absent ones stay English. */
  translations?: Partial<Record<Exclude<Lang, 'en'>, MethodologyTexts>>;
}

/** What part of the methodology file rests on which sources. */
export interface MethodologySource {
  what: string;
  /** Empty when the only source could not be identified (the note says what it was). */
  sources: Source[];
  /** The best of its sources' verification; unverified without any. */
  verification: SourceVerification;
  note: string | null;
}

/** The methodology's primary document, cited with what was checked against it and what could not be. */
export interface PrimaryDocument {
  source: Source;
  checked: string;
  notChecked: string;
}

/**
 * One language's texts of the methodology, by the id of what they translate. The cited sources themselves
 * (titles, publishers, addresses) are data and stay as they are.
 */
export interface MethodologyTexts {
  categories: Record<string, string>;
  questions: Record<string, string>;
  keyInternetControls: Record<string, string>;
  /** By the source's English `what`: its words, and its note when it has one. */
  sources: Record<string, { what: string; note?: string }>;
  /** What of the methodology was and was not checked against its primary document. */
  primaryDocument?: { checked: string; notChecked: string };
}
