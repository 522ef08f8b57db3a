/** An analyst's edit: one question score with its justification and source, checked against the whole assessment. */
import type { Assessment, AssessmentInput, Source } from '../model/assessment.js';
import type { Methodology } from '../model/methodology.js';
import { InvalidInputError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import { buildAssessment, defaultScaleFor } from './scoring.js';

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
  if (!edit.justification.trim()) throw new InvalidInputError('a score needs a justification');
  if (!/^https?:\/\/\S+$/.test(edit.source.url))
    throw new InvalidInputError(`source "${edit.source.url}" is not an http(s) URL`);
  return store.transaction(async () => {
    const existing = await store.assessments.get(edit.country, edit.edition);
    const base: AssessmentInput = existing
      ? toInput(existing)
      : emptyInput(methodology, edit.country, edit.edition);
    const questions = base.questions.filter((q) => q.questionId !== edit.questionId);
    questions.push({
      questionId: edit.questionId,
      score: edit.score,
      justification: edit.justification.trim(),
      sources: [edit.source],
    });
    const assessment = buildAssessment(methodology, { ...base, questions });
    await store.assessments.put(assessment);
    return assessment;
  });
}

/** Turns a stored assessment back into input, keeping only the figures that were given (not computed). */
export function toInput(a: Assessment): AssessmentInput {
  const given = a.categories.filter((c) => !c.computed);
  const totalWasGiven = a.totalSources.length > 0;
  return {
    country: a.country,
    edition: a.edition,
    scale: a.scale,
    coverageStart: a.coverageStart,
    coverageEnd: a.coverageEnd,
    total: totalWasGiven ? a.total : null,
    categories: Object.fromEntries(given.map((c) => [c.categoryId, c.score])),
    status: totalWasGiven ? a.status : null,
    questions: a.questions,
    keyControls: a.keyControls,
    totalSources: a.totalSources,
    categorySources: a.categorySources,
    previousEditionTotal: a.previousEditionTotal,
    notes: a.notes,
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
  };
}
