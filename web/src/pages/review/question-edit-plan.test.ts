import { describe, expect, it } from 'vitest';
import { planQuestionEdit, type QuestionEditBase, type QuestionEditInput } from './question-edit-plan.js';

const base: QuestionEditBase = { max: 6, score: null, previousScore: 4, narrative: '', scoreChange: '' };
const input = (over: Partial<QuestionEditInput>): QuestionEditInput => ({
  score: '',
  reason: '',
  source: '',
  explanation: '',
  narrative: '',
  ...over,
});

describe('planQuestionEdit', () => {
  it('bounds the score by the question maximum and wants whole numbers', () => {
    expect(planQuestionEdit(input({ score: '7' }), base).problems.score).toBe('scoreRange');
    expect(planQuestionEdit(input({ score: '-1' }), base).problems.score).toBe('scoreRange');
    expect(planQuestionEdit(input({ score: '2.5' }), base).problems.score).toBe('scoreRange');
    expect(
      planQuestionEdit(input({ score: '6', reason: 'r', source: 's' }), base).problems.score,
    ).toBeUndefined();
  });

  it('wants a reason and a source for a changed score, and an explanation when it differs from last edition', () => {
    expect(planQuestionEdit(input({ score: '2' }), base).problems).toEqual({
      reason: 'required',
      source: 'required',
      explanation: 'required',
      // no narrative written yet: only an explanation would ask for one
    });
    const plan = planQuestionEdit(
      input({ score: '2', reason: 'r', source: 'https://x', explanation: 'why', narrative: 'text' }),
      base,
    );
    expect(plan).toMatchObject({ score: 2, needsExplanation: true, writeScore: true, writeNarrative: true });
    expect(plan.problems).toEqual({});
  });

  it('asks no explanation for the previous edition score, an unknown score, or an unknown previous one', () => {
    expect(planQuestionEdit(input({ score: '4', reason: 'r', source: 's' }), base).needsExplanation).toBe(
      false,
    );
    expect(
      planQuestionEdit(input({ score: '', reason: 'r', source: 's' }), { ...base, score: 3 })
        .needsExplanation,
    ).toBe(false);
    expect(
      planQuestionEdit(input({ score: '2', reason: 'r', source: 's' }), { ...base, previousScore: null })
        .needsExplanation,
    ).toBe(false);
  });

  it('asks the narrative text with an explanation, and writes nothing when nothing changed', () => {
    const plan = planQuestionEdit(input({ score: '2', reason: 'r', source: 's', explanation: 'why' }), base);
    expect(plan.problems).toEqual({ narrative: 'narrativeNeeded' });
    const same = planQuestionEdit(input({ score: '3', narrative: 'n' }), {
      ...base,
      score: 3,
      narrative: 'n',
    });
    expect(same).toMatchObject({ writeScore: false, writeNarrative: false, problems: {} });
  });
});
