/** Scoring rules: ranges, category and total consistency, status from the bands of the score's own scale. */
import type { Assessment, AssessmentInput, CategoryScore, QuestionScore } from '../model/assessment.js';
import type { FreedomStatus, Methodology, ScoreScale } from '../model/methodology.js';
import { InvalidInputError } from '../shared/errors.js';
import { bestVerification } from './source-registry.js';

/** The status band a total falls in, on its own scale (legacy bands for legacy scores; never converted). */
export function statusFor(methodology: Methodology, scale: ScoreScale, total: number): FreedomStatus {
  const bands = scale === 'legacy' ? methodology.legacyStatusBands : methodology.statusBands;
  const band = bands.find((b) => total >= b.min && total <= b.max);
  if (!band) throw new InvalidInputError(`total ${total} is outside 0..${methodology.maxTotal}`);
  return band.status;
}

/** The scale an edition was published on by default (an import may say otherwise, e.g. re-expressed 2018 scores). */
export function defaultScaleFor(methodology: Methodology, edition: number): ScoreScale {
  return edition >= methodology.currentScaleFromEdition ? 'current' : 'legacy';
}

/**
 * Checks an assessment input against the methodology and completes what can be derived:
 * category scores from complete questions, the total from complete categories, the status from the total.
 * Contradictions (a given figure that disagrees with its parts, a status outside its band) are errors.
 */
export function buildAssessment(methodology: Methodology, input: AssessmentInput): Assessment {
  const where = `${input.country} ${input.edition}`;
  if (!/^[A-Z]{2}$/.test(input.country)) {
    throw new InvalidInputError(`${where}: country must be an ISO 3166-1 alpha-2 code such as KZ`);
  }
  if (!Number.isInteger(input.edition) || input.edition < 2000 || input.edition > 2100) {
    throw new InvalidInputError(`${where}: edition must be a year`);
  }
  const questions = checkQuestions(methodology, input.questions, where);
  const byId = new Map(questions.map((q) => [q.questionId, q]));

  for (const id of Object.keys(input.categories)) {
    if (!methodology.categories.some((c) => c.id === id)) {
      throw new InvalidInputError(`${where}: unknown category ${id}`);
    }
  }
  const categories: CategoryScore[] = methodology.categories.map((category) => {
    const given = input.categories[category.id] ?? null;
    if (given !== null) checkPoints(given, category.maxPoints, `${where}: category ${category.id}`);
    const scores = category.questions.map((q) => byId.get(q.id)?.score ?? null);
    const complete = scores.every((s) => s !== null);
    const sum = scores.reduce<number>((s, v) => s + (v ?? 0), 0);
    if (given !== null && complete && sum !== given) {
      throw new InvalidInputError(
        `${where}: category ${category.id} is given as ${given} but its questions add up to ${sum}`,
      );
    }
    if (given !== null) return { categoryId: category.id, score: given, computed: false };
    return { categoryId: category.id, score: complete ? sum : null, computed: complete };
  });

  const allCategories = categories.every((c) => c.score !== null);
  const categorySum = categories.reduce((s, c) => s + (c.score ?? 0), 0);
  let total = input.total;
  if (total !== null) {
    checkPoints(total, methodology.maxTotal, `${where}: total`);
    if (allCategories && categorySum !== total) {
      throw new InvalidInputError(
        `${where}: total is given as ${total} but the categories add up to ${categorySum}`,
      );
    }
  } else if (allCategories) {
    total = categorySum;
  }

  let status = input.status;
  if (total !== null) {
    const banded = statusFor(methodology, input.scale, total);
    if (status !== null && status !== banded) {
      throw new InvalidInputError(
        `${where}: status "${status}" contradicts the ${input.scale} scale bands (total ${total} is "${banded}")`,
      );
    }
    status = banded;
  }

  const controls = input.keyControls.map((k) => {
    if (!methodology.keyInternetControls.some((c) => c.id === k.controlId)) {
      throw new InvalidInputError(`${where}: unknown key internet control ${k.controlId}`);
    }
    return k;
  });

  return {
    country: input.country,
    edition: input.edition,
    scale: input.scale,
    coverageStart: input.coverageStart,
    coverageEnd: input.coverageEnd,
    total,
    status,
    categories,
    questions,
    keyControls: controls,
    totalSources: input.totalSources,
    categorySources: input.categorySources,
    previousEditionTotal: input.previousEditionTotal,
    notes: input.notes,
    restatedInEdition: input.restatedInEdition,
    totalVerification: bestVerification(input.totalSources),
    categoryVerification: bestVerification(input.categorySources),
  };
}

function checkQuestions(
  methodology: Methodology,
  questions: QuestionScore[],
  where: string,
): QuestionScore[] {
  const all = methodology.categories.flatMap((c) => c.questions);
  const seen = new Set<string>();
  for (const q of questions) {
    const def = all.find((d) => d.id === q.questionId);
    if (!def) throw new InvalidInputError(`${where}: unknown question ${q.questionId}`);
    if (seen.has(q.questionId)) throw new InvalidInputError(`${where}: question ${q.questionId} given twice`);
    seen.add(q.questionId);
    if (q.score !== null) checkPoints(q.score, def.maxPoints, `${where}: question ${q.questionId}`);
  }
  const order = new Map(all.map((d, i) => [d.id, i]));
  return [...questions].sort((a, b) => order.get(a.questionId)! - order.get(b.questionId)!);
}

function checkPoints(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new InvalidInputError(`${what} must be an integer from 0 to ${max}, got ${value}`);
  }
}
