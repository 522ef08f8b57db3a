/** The reviewer's diff: per question, the published score → this revision's, with the reason and explanation; unchanged questions collapsed. */
import type { ComponentChildren } from 'preact';
import type { Assessment, IndicatorNarrative } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';

export function ReviewDiff({
  published,
  draft,
  narratives,
  questionIds,
  previous,
  held,
}: {
  /** The narratives and events the revision holds, shown inside the diff. */
  held?: ComponentChildren;
  published: Assessment | null;
  /** The previous edition on the same scale, which an explanation speaks of. */
  previous: Assessment | null;
  draft: Assessment;
  narratives: IndicatorNarrative[];
  /** The methodology's questions in order: an assessment lists only those with something recorded. */
  questionIds: string[];
}) {
  const { t, count } = useI18n();
  const before = new Map((published?.questions ?? []).map((q) => [q.question_id, q]));
  const after = new Map(draft.questions.map((q) => [q.question_id, q]));
  const rows = questionIds.map((id) => {
    const old = before.get(id);
    const q = after.get(id) ?? { question_id: id, score: null, justification: null };
    const changed = (old?.score ?? null) !== q.score || (old?.justification ?? null) !== q.justification;
    return { q, old, changed };
  });
  const changed = rows.filter((r) => r.changed);
  const controls = changedControls(published, draft);
  const unchanged = rows.filter((r) => !r.changed);
  const explanation = (id: string) => narratives.find((n) => n.question_id === id)?.score_change ?? null;
  const score = (s: number | null | undefined) => (s === null || s === undefined ? t('common.unknown') : s);
  return (
    <section class="review-diff" data-testid="review-diff">
      <h2>{t('edit.diffTitle')}</h2>
      {changed.length === 0 && controls.length === 0 && !held && <p class="muted">{t('edit.diffNone')}</p>}
      {changed.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('edit.diffQuestion')}</th>
              {previous && <th scope="col">{t('edit.diffPrevious', { edition: previous.edition })}</th>}
              <th scope="col">{t('edit.diffPublished')}</th>
              <th scope="col">{t('edit.diffRevision')}</th>
              <th scope="col">{t('edit.diffReason')}</th>
              <th scope="col">{t('edit.diffExplanation')}</th>
            </tr>
          </thead>
          <tbody>
            {changed.map(({ q, old }) => (
              <tr key={q.question_id} data-question={q.question_id}>
                <th scope="row">{q.question_id}</th>
                {previous && (
                  <td class="num" data-col="previous">
                    {score(previous.questions.find((p) => p.question_id === q.question_id)?.score)}
                  </td>
                )}
                <td class="num">
                  <del>{score(old?.score)}</del>
                </td>
                <td class="num">
                  → <ins>{score(q.score)}</ins>
                </td>
                <td class="datum">{q.justification}</td>
                <td class="datum">{explanation(q.question_id)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ControlDiff published={published} changed={controls} />
      {held}
      {unchanged.length > 0 && (
        <details class="unchanged">
          <summary>{count('edit.unchanged', unchanged.length)}</summary>
          <ul>
            {unchanged.map(({ q }) => (
              <li key={q.question_id}>
                {q.question_id}: {score(q.score)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** The key internet controls whose answer or evidence differs from the published assessment. */
function changedControls(published: Assessment | null, draft: Assessment): Assessment['key_controls'] {
  const before = new Map((published?.key_controls ?? []).map((k) => [k.control_id, k]));
  return draft.key_controls.filter((k) => {
    const old = before.get(k.control_id);
    return (old?.answer ?? 'unknown') !== k.answer || (old?.evidence ?? null) !== k.evidence;
  });
}

function ControlDiff({
  published,
  changed,
}: {
  published: Assessment | null;
  changed: Assessment['key_controls'];
}) {
  const { t } = useI18n();
  const before = new Map((published?.key_controls ?? []).map((k) => [k.control_id, k]));
  if (changed.length === 0) return null;
  return (
    <table data-testid="control-diff">
      <thead>
        <tr>
          <th scope="col">{t('edit.controlsTitle')}</th>
          <th scope="col">{t('edit.diffPublished')}</th>
          <th scope="col">{t('edit.diffRevision')}</th>
          <th scope="col">{t('edit.evidence')}</th>
        </tr>
      </thead>
      <tbody>
        {changed.map((k) => (
          <tr key={k.control_id} data-control={k.control_id}>
            <th scope="row">{k.control_id}</th>
            <td>
              <del>{t(`common.${before.get(k.control_id)?.answer ?? 'unknown'}`)}</del>
            </td>
            <td>
              → <ins>{t(`common.${k.answer}`)}</ins>
            </td>
            <td class="datum">{k.evidence}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
