import { describe, expect, it } from 'vitest';
import type { AssessmentInput } from '../model/assessment.js';
import { analystSource } from './analyst-edits.js';
import { loadMethodology } from './methodology-loader.js';
import { buildAssessment, defaultScaleFor, statusFor } from './scoring.js';

const methodology = await loadMethodology();

function input(overrides: Partial<AssessmentInput> = {}): AssessmentInput {
  return {
    country: 'KZ',
    edition: 2024,
    scale: 'current',
    coverageStart: '2023-06-01',
    coverageEnd: '2024-05-31',
    total: null,
    categories: {},
    status: null,
    questions: [],
    keyControls: [],
    totalSources: [analystSource('https://example.org/fotn', 'unknown')],
    categorySources: [],
    previousEditionTotal: null,
    notes: null,
    restatedInEdition: null,
    ...overrides,
  };
}

const score = (questionId: string, value: number | null) => ({
  questionId,
  score: value,
  justification: 'test',
  sources: [analystSource('https://example.org/e', 'unknown')],
});

describe('status bands', () => {
  it.each([
    [0, 'Not Free'],
    [39, 'Not Free'],
    [40, 'Partly Free'],
    [69, 'Partly Free'],
    [70, 'Free'],
    [100, 'Free'],
  ] as const)('current scale: %i is %s', (total, status) => {
    expect(statusFor(methodology, 'current', total)).toBe(status);
  });

  it.each([
    [0, 'Free'],
    [30, 'Free'],
    [31, 'Partly Free'],
    [60, 'Partly Free'],
    [61, 'Not Free'],
    [100, 'Not Free'],
  ] as const)('legacy scale (0 = most free): %i is %s', (total, status) => {
    expect(statusFor(methodology, 'legacy', total)).toBe(status);
  });

  it('editions before 2019 default to the legacy scale', () => {
    expect(defaultScaleFor(methodology, 2018)).toBe('legacy');
    expect(defaultScaleFor(methodology, 2019)).toBe('current');
  });
});

describe('buildAssessment', () => {
  it('derives the total and status from given categories', () => {
    const a = buildAssessment(methodology, input({ categories: { A: 12, B: 12, C: 10 } }));
    expect(a.total).toBe(34);
    expect(a.status).toBe('Not Free');
    expect(a.categories.map((c) => c.computed)).toEqual([false, false, false]);
  });

  it('computes a category once all its questions are known, and not before', () => {
    const partial = buildAssessment(methodology, input({ questions: [score('A1', 3), score('A2', 2)] }));
    expect(partial.categories[0]).toEqual({ categoryId: 'A', score: null, computed: false });
    const full = buildAssessment(
      methodology,
      input({ questions: ['A1', 'A2', 'A3', 'A4', 'A5'].map((id) => score(id, 2)) }),
    );
    expect(full.categories[0]).toEqual({ categoryId: 'A', score: 10, computed: true });
    expect(full.total).toBeNull();
  });

  it('refuses a given category that contradicts its complete questions', () => {
    const questions = ['A1', 'A2', 'A3', 'A4', 'A5'].map((id) => score(id, 2));
    expect(() => buildAssessment(methodology, input({ categories: { A: 12 }, questions }))).toThrow(
      'KZ 2024: category A is given as 12 but its questions add up to 10',
    );
  });

  it('refuses a total that contradicts its categories', () => {
    expect(() =>
      buildAssessment(methodology, input({ total: 35, categories: { A: 12, B: 12, C: 10 } })),
    ).toThrow('KZ 2024: total is given as 35 but the categories add up to 34');
  });

  it('refuses a status outside the band of its own scale', () => {
    expect(() => buildAssessment(methodology, input({ total: 34, status: 'Partly Free' }))).toThrow(
      /status "Partly Free" contradicts the current scale bands \(total 34 is "Not Free"\)/,
    );
    // 34 on the legacy scale (0 = best) is Partly Free: the same number, another meaning.
    const legacy = buildAssessment(
      methodology,
      input({ edition: 2014, scale: 'legacy', total: 34, status: 'Partly Free' }),
    );
    expect(legacy.status).toBe('Partly Free');
    expect(legacy.total).toBe(34);
  });

  it('refuses scores out of range, fractions, unknown questions and duplicates', () => {
    expect(() => buildAssessment(methodology, input({ questions: [score('A2', 4)] }))).toThrow(
      'question A2 must be an integer from 0 to 3, got 4',
    );
    expect(() => buildAssessment(methodology, input({ questions: [score('B1', 1.5)] }))).toThrow(/integer/);
    expect(() => buildAssessment(methodology, input({ questions: [score('D1', 1)] }))).toThrow(
      'unknown question D1',
    );
    expect(() =>
      buildAssessment(methodology, input({ questions: [score('C1', 1), score('C1', 2)] })),
    ).toThrow('question C1 given twice');
    expect(() => buildAssessment(methodology, input({ categories: { A: 26 } }))).toThrow(
      /category A must be an integer from 0 to 25/,
    );
    expect(() => buildAssessment(methodology, input({ country: 'KAZ' }))).toThrow(/ISO 3166-1 alpha-2/);
  });

  it('keeps unknown question scores as unknown and sorts questions in methodology order', () => {
    const a = buildAssessment(
      methodology,
      input({ questions: [score('C8', 1), score('A1', null), score('B3', 2)] }),
    );
    expect(a.questions.map((q) => [q.questionId, q.score])).toEqual([
      ['A1', null],
      ['B3', 2],
      ['C8', 1],
    ]);
  });

  it('checks key internet controls against the methodology', () => {
    const keyControls = [
      { controlId: 'KIC1', answer: 'yes' as const, evidence: 'Telegram blocked', sources: [] },
    ];
    expect(buildAssessment(methodology, input({ keyControls })).keyControls).toEqual(keyControls);
    expect(() =>
      buildAssessment(methodology, input({ keyControls: [{ ...keyControls[0]!, controlId: 'KIC10' }] })),
    ).toThrow('unknown key internet control KIC10');
  });
});

describe('how figures are sourced', () => {
  const registry = (verification: 'primary' | 'secondary' | 'unverified') => ({
    ...analystSource(`https://example.org/${verification}`, 'unknown'),
    verification,
  });

  it('marks a total by its best source: primary over secondary over unverified', () => {
    const a = (sources: ReturnType<typeof registry>[]) =>
      buildAssessment(methodology, input({ total: 34, totalSources: sources })).totalVerification;
    expect(a([registry('secondary')])).toBe('secondary');
    expect(a([registry('secondary'), registry('primary')])).toBe('primary');
    expect(a([registry('unverified')])).toBe('unverified');
    expect(buildAssessment(methodology, input()).categoryVerification).toBeNull();
  });
});
