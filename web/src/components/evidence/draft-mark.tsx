/** The mark a signed-in reader sees on evidence an open revision holds: not public until it is published. */
import { useI18n } from '../../i18n/i18n.js';

export function DraftMark({ state }: { state: 'draft' | 'in_review' | undefined }) {
  const { t } = useI18n();
  if (!state) return null;
  return (
    <>
      <span class="badge draft-mark" data-testid="draft-mark" title={t('edit.draftMarkHelp')}>
        {t(`review.state.${state}`)}
      </span>{' '}
    </>
  );
}
