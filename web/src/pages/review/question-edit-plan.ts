/** What one question's edit form may send: which writes it needs, or which fields are missing or wrong. */

export type EditField = 'score' | 'reason' | 'source' | 'explanation' | 'narrative';
export type EditProblem = 'scoreRange' | 'required' | 'narrativeNeeded';

/** What the analyst typed. */
export interface QuestionEditInput {
  score: string;
  reason: string;
  source: string;
  explanation: string;
  narrative: string;
}

/** What is there now. */
export interface QuestionEditBase {
  max: number;
  /** The score in the draft (or the published assessment). */
  score: number | null;
  /** The previous edition's score, null when unknown or on another scale. */
  previousScore: number | null;
  narrative: string;
  scoreChange: string;
}

export interface QuestionEditPlan {
  /** The score to send: null for unknown. */
  score: number | null;
  /** The new score differs from the previous edition's: an explanation is required. */
  needsExplanation: boolean;
  writeScore: boolean;
  writeNarrative: boolean;
  problems: Partial<Record<EditField, EditProblem>>;
}

/**
 * A changed score needs a reason and a source; a score that differs from the previous edition's needs an explanation
 * (only when changed here: an old difference already has, or lacked, its own); a narrative write needs a source and
 * its text.
 */
export function planQuestionEdit(input: QuestionEditInput, base: QuestionEditBase): QuestionEditPlan {
  const text = input.score.trim();
  const parsed = text === '' ? null : Number(text);
  const scoreValid = parsed === null || (Number.isInteger(parsed) && parsed >= 0 && parsed <= base.max);
  const scoreChanged = scoreValid && parsed !== base.score;
  const reason = input.reason.trim();
  const needsExplanation =
    scoreChanged && parsed !== null && base.previousScore !== null && parsed !== base.previousScore;
  const writeNarrative =
    input.narrative.trim() !== base.narrative.trim() || input.explanation.trim() !== base.scoreChange.trim();
  const writeScore = scoreChanged || reason !== '';
  const problems: QuestionEditPlan['problems'] = {};
  if (!scoreValid) problems.score = 'scoreRange';
  if (scoreChanged && !reason) problems.reason = 'required';
  if ((writeScore || writeNarrative) && !input.source.trim()) problems.source = 'required';
  if (needsExplanation && !input.explanation.trim()) problems.explanation = 'required';
  if (writeNarrative && !input.narrative.trim())
    problems.narrative = input.explanation.trim() ? 'narrativeNeeded' : 'required';
  return { score: scoreValid ? parsed : null, needsExplanation, writeScore, writeNarrative, problems };
}
