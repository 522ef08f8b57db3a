import { describe, expect, it } from 'vitest';
import { testActing } from '../../test/helpers/acting.js';
import type { Assessment } from '../model/assessment.js';
import { draftToEdit, published, returned, submitted, withStep } from './review-workflow.js';

const content = { country: 'KZ', edition: 2024 } as Assessment;
const at = '2024-06-01T00:00:00.000Z';

describe('review workflow rules', () => {
  it('opens revision 1 from the published figures, and the next one after a publication', () => {
    const first = draftToEdit(null, content, () => content, at);
    expect(first).toMatchObject({ revision: 1, state: 'draft', authors: [], draft: content });
    const edited = withStep(first, testActing('ana'), 'edit', 'B1: 3 → 1');
    expect(draftToEdit(edited, content, () => content, at)).toBe(edited);
    const done = published(submitted(edited, testActing('ana'), null), testActing('rev'), null);
    expect(draftToEdit(done, content, () => content, at)).toMatchObject({
      revision: 2,
      state: 'draft',
      authors: [],
    });
  });

  it('refuses an edit in review, a return without a comment, and the publication of one’s own change', () => {
    const draft = withStep(
      draftToEdit(null, content, () => content, at),
      testActing('ana'),
      'edit',
      null,
    );
    const inReview = submitted(draft, testActing('ben'), null);
    expect(() => draftToEdit(inReview, content, () => content, at)).toThrow(/is in review/);
    expect(() => returned(inReview, testActing('rev'), '  ')).toThrow(/needs a comment/);
    // The person, whichever way they came in (a token, the command line), may not publish.
    expect(() => published(inReview, { ...testActing('ana'), actor: 'ana (token tok_1)' }, null)).toThrow(
      /nobody approves their own change: ana edited KZ 2024 revision 1/,
    );
    expect(() => published(draft, testActing('rev'), null)).toThrow(/not in review \(it is draft\)/);
    expect(() => submitted(inReview, testActing('ana'), null)).toThrow(/no draft to submit/);
    expect(published(inReview, testActing('rev'), 'ok')).toMatchObject({
      state: 'published',
      reviewedBy: 'rev',
    });
  });
});
