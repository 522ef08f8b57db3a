/** Analysts' edits: a question score or a key internet control answer, each with its evidence, re-checked whole. */
import {
  type Assessment,
  type AssessmentInput,
  type ControlAnswer,
  type Source,
  UNKNOWN,
} from '../model/assessment.js';
import type { Methodology } from '../model/methodology.js';
import { isIsoDate } from '../shared/dates.js';
import { InvalidInputError } from '../shared/errors.js';
import { sourceId } from '../shared/source-id.js';
import type { Store } from '../store/store.js';
import { buildAssessment, defaultScaleFor } from './scoring.js';

/**
 * A source an analyst gives: the URL and, when given, its title and the day it was read; nothing about it is
 * verified (unverified, publisher unknown) until someone checks it and lists it in data/fotn/sources.csv.
 */
export function analystSource(url: string, accessed: string, title: string = UNKNOWN): Source {
  return {
    id: sourceId(url),
    url,
    title,
    publisher: UNKNOWN,
    accessed,
    published: UNKNOWN,
    archiveSha256: null,
    verification: 'unverified',
    kind: 'unknown',
    originalPublisher: null,
    note: 'given by an analyst; not checked',
  };
}

export interface QuestionEdit {
  country: string;
  edition: number;
  questionId: string;
  /** null marks the score unknown again. */
  score: number | null;
  justification: string;
  source: Source;
}

/** Sets one question score; the category and total are re-checked, so a contradicting edit is refused. */
export async function setQuestionScore(
  store: Store,
  methodology: Methodology,
  edit: QuestionEdit,
): Promise<Assessment> {
  checkEvidence(edit.justification, edit.source, 'a score');
  return editAssessment(store, methodology, edit.country, edit.edition, (base) => ({
    ...base,
    questions: [
      ...base.questions.filter((q) => q.questionId !== edit.questionId),
      {
        questionId: edit.questionId,
        score: edit.score,
        justification: edit.justification.trim(),
        sources: [edit.source],
      },
    ],
  }));
}

export interface ControlEdit {
  country: string;
  edition: number;
  controlId: string;
  answer: ControlAnswer;
  evidence: string;
  source: Source;
}

/** Answers one key internet control (yes / no / unknown) with its evidence and source. */
export async function setKeyControl(
  store: Store,
  methodology: Methodology,
  edit: ControlEdit,
): Promise<Assessment> {
  checkEvidence(edit.evidence, edit.source, 'an answer');
  const { source, ...rest } = edit;
  return answerKeyControl(store, methodology, { ...rest, sources: [source] });
}

/**
 * Answers one key internet control with evidence in words and the sources behind it (none when the evidence is
 * measurements, linked apart): the answer to a suggestion an analyst accepted (src/evidence/).
 */
export function answerKeyControl(
  store: Store,
  methodology: Methodology,
  edit: Omit<ControlEdit, 'source'> & { sources: Source[] },
): Promise<Assessment> {
  return editAssessment(store, methodology, edit.country, edit.edition, (base) => ({
    ...base,
    keyControls: [
      ...base.keyControls.filter((k) => k.controlId !== edit.controlId),
      {
        controlId: edit.controlId,
        answer: edit.answer,
        evidence: edit.evidence.trim(),
        sources: edit.sources,
      },
    ],
  }));
}

/** Applies a change to the stored assessment (or a new one) and re-checks it whole, in one transaction. */
function editAssessment(
  store: Store,
  methodology: Methodology,
  country: string,
  edition: number,
  change: (base: AssessmentInput) => AssessmentInput,
): Promise<Assessment> {
  return store.transaction(async () => {
    const existing = await store.assessments.get(country, edition);
    const base = existing ? toInput(existing) : emptyInput(methodology, country, edition);
    const assessment = buildAssessment(methodology, change(base));
    assessment.keyControls.sort((a, b) => a.controlId.localeCompare(b.controlId, 'en', { numeric: true }));
    await store.assessments.put(assessment);
    return assessment;
  });
}

function checkEvidence(text: string, source: Source, what: string): void {
  if (!text.trim()) throw new InvalidInputError(`${what} needs a justification`);
  if (!/^https?:\/\/\S+$/.test(source.url))
    throw new InvalidInputError(`source "${source.url}" is not an http(s) URL`);
  if (source.accessed !== UNKNOWN && !isIsoDate(source.accessed)) {
    throw new InvalidInputError(`accessed date "${source.accessed}" is not a YYYY-MM-DD date`);
  }
}

/** Turns a stored assessment back into input, keeping only the figures that were given (not computed). */
export function toInput(a: Assessment): AssessmentInput {
  const totalWasGiven = a.totalSources.length > 0;
  return {
    country: a.country,
    edition: a.edition,
    scale: a.scale,
    coverageStart: a.coverageStart,
    coverageEnd: a.coverageEnd,
    total: totalWasGiven ? a.total : null,
    categories: Object.fromEntries(
      a.categories.filter((c) => !c.computed).map((c) => [c.categoryId, c.score]),
    ),
    status: totalWasGiven ? a.status : null,
    questions: a.questions,
    keyControls: a.keyControls,
    totalSources: a.totalSources,
    categorySources: a.categorySources,
    previousEditionTotal: a.previousEditionTotal,
    notes: a.notes,
    restatedInEdition: a.restatedInEdition,
  };
}

function emptyInput(methodology: Methodology, country: string, edition: number): AssessmentInput {
  const period = methodology.coveragePeriods.find((p) => p.edition === edition);
  return {
    country,
    edition,
    scale: defaultScaleFor(methodology, edition),
    coverageStart: period?.start ?? null,
    coverageEnd: period?.end ?? null,
    total: null,
    categories: {},
    status: null,
    questions: [],
    keyControls: [],
    totalSources: [],
    categorySources: [],
    previousEditionTotal: null,
    notes: null,
    restatedInEdition: null,
  };
}
