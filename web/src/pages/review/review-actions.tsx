/** The review steps the workflow allows the signed-in user now: submit (analyst), return with a comment or publish (reviewer). */
import { useState } from 'preact/hooks';
import { accountApi } from '../../api/account-client.js';
import type { Principal, Revision } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { mayAct } from './review-data.js';

export function ReviewActions({
  cc,
  edition,
  me,
  revision,
  onDone,
}: {
  cc: string;
  edition: number;
  me: Principal;
  revision: Revision;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canSubmit = revision.state === 'draft' && mayAct(me, cc, ['analyst', 'admin']);
  const canReview = revision.state === 'in_review' && mayAct(me, cc, ['reviewer', 'admin']);

  const run = async (step: 'submit' | 'return' | 'publish') => {
    setError(null);
    if (step === 'return' && !comment.trim()) {
      setError(t('edit.commentRequired'));
      return;
    }
    setBusy(true);
    try {
      await accountApi.step(cc, edition, step, comment.trim() || undefined);
      setComment('');
      onDone();
    } catch (err) {
      // The server's words: e.g. that a reviewer who edited this revision may not publish it.
      setError(t('edit.refused', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  if (!canSubmit && !canReview)
    return (
      <section class="review-actions">
        <h2>{t('edit.stepsTitle')}</h2>
        <p class="muted">{t('edit.noStep')}</p>
      </section>
    );
  return (
    <section class="review-actions edit-form">
      <h2>{t('edit.stepsTitle')}</h2>
      <label for="review-comment">{t('edit.comment')}</label>
      <textarea
        id="review-comment"
        name="comment"
        rows={2}
        value={comment}
        onInput={(e) => setComment(e.currentTarget.value)}
      />
      {canReview && revision.authors.includes(me.name) && <p class="muted">{t('edit.youEdited')}</p>}
      <p>
        {canSubmit && (
          <button type="button" name="submit" disabled={busy} onClick={() => run('submit')}>
            {t('edit.submit')}
          </button>
        )}
        {canReview && (
          <>
            <button type="button" name="return" disabled={busy} onClick={() => run('return')}>
              {t('edit.return')}
            </button>{' '}
            <button type="button" name="publish" disabled={busy} onClick={() => run('publish')}>
              {t('edit.publish')}
            </button>
          </>
        )}
      </p>
      {error && (
        <p class="field-error" role="alert" data-field="step">
          {error}
        </p>
      )}
    </section>
  );
}
