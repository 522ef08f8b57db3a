import { describe, expect, it } from 'vitest';
import { sourceId } from '../shared/source-id.js';
import { readAssessmentDoc } from './assessment-doc.js';

describe('readAssessmentDoc', () => {
  it('reads a document stored before sources carried their verification, saying what is not established', () => {
    const old = {
      country: 'KZ',
      edition: 2024,
      scale: 'current',
      coverageStart: null,
      coverageEnd: null,
      total: 34,
      status: 'Not Free',
      categories: [],
      questions: [
        {
          questionId: 'B1',
          score: 1,
          justification: 'x',
          sources: [{ url: 'https://e.org/q', title: null, accessed: '2026-11-28' }],
        },
      ],
      keyControls: [],
      totalSources: [{ url: 'https://e.org/t', title: null, accessed: null }],
      categorySources: [],
      previousEditionTotal: 34,
      notes: null,
    };
    const a = readAssessmentDoc(JSON.stringify(old));
    expect(a.totalSources[0]).toEqual({
      id: sourceId('https://e.org/t'),
      url: 'https://e.org/t',
      title: 'unknown',
      publisher: 'unknown',
      accessed: 'unknown',
      published: 'unknown',
      archiveSha256: null,
      verification: 'unverified',
      kind: 'unknown',
      originalPublisher: null,
      note: null,
    });
    expect(a.questions[0]!.sources[0]).toMatchObject({ accessed: '2026-11-28', verification: 'unverified' });
    expect([a.restatedInEdition, a.totalVerification, a.categoryVerification]).toEqual([
      null,
      'unverified',
      null,
    ]);
  });
});
