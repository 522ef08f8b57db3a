/** The reviewer's view of what a revision holds (narratives, events, key developments): the published text beside it. */
import type { IndicatorNarrative, Revision } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';

export function HeldEvidence({
  held,
  published,
}: {
  held: Revision['evidence'];
  /** The published narratives of the assessment, which a held one replaces. */
  published: IndicatorNarrative[];
}) {
  const { t } = useI18n();
  if (held.length === 0) return null;
  return (
    <>
      <h3>{t('edit.heldTitle')}</h3>
      <table data-testid="held-evidence">
        <thead>
          <tr>
            <th scope="col">{t('edit.diffQuestion')}</th>
            <th scope="col">{t('edit.diffPublished')}</th>
            <th scope="col">{t('edit.diffRevision')}</th>
          </tr>
        </thead>
        <tbody>
          {held.map((e) => {
            const before = e.kind === 'narrative' ? published.find((n) => n.id === e.id) : undefined;
            return (
              <tr key={`${e.kind}:${e.id}`} data-kind={e.kind} data-id={e.id}>
                <th scope="row">
                  {e.kind === 'narrative'
                    ? t('edit.heldNarrative', { question: e.question_id ?? '' })
                    : e.kind === 'event'
                      ? t('edit.heldEvent', { date: e.start ?? '' })
                      : t('edit.heldKeyDevelopment', { n: '' })}
                </th>
                <td class="datum">{before ? <del>{before.text}</del> : '—'}</td>
                <td class="datum">
                  <ins>
                    {e.title && <strong>{e.title}: </strong>}
                    {e.text}
                  </ins>
                  {e.score_change && <p>{e.score_change}</p>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
