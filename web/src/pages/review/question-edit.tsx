/**
 * One question's edit form: the score (bounded by the methodology's maximum) with its reason and source, the
 * explanation a change against the previous edition needs, and the narrative; the server's refusals beside the field.
 */
import { useState } from 'preact/hooks';
import { accountApi } from '../../api/account-client.js';
import type { IndicatorNarrative } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { type EditField, planQuestionEdit } from './question-edit-plan.js';

export interface QuestionEditProps {
  cc: string;
  edition: number;
  question: string;
  max: number;
  /** The score and reason in the draft (or the published assessment when no revision is open). */
  score: number | null;
  justification: string | null;
  previous: { edition: number; score: number | null } | null;
  narrative: IndicatorNarrative | undefined;
  onSaved: () => void;
}

type Field = EditField | 'form';

export function QuestionEdit(p: QuestionEditProps) {
  const { t } = useI18n();
  const [score, setScore] = useState(p.score === null ? '' : String(p.score));
  const [reason, setReason] = useState('');
  const [source, setSource] = useState('');
  const [explanation, setExplanation] = useState(p.narrative?.score_change ?? '');
  const [narrative, setNarrative] = useState(p.narrative?.text ?? '');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const plan = planQuestionEdit(
    { score, reason, source, explanation, narrative },
    {
      max: p.max,
      score: p.score,
      previousScore: p.previous?.score ?? null,
      narrative: p.narrative?.text ?? '',
      scoreChange: p.narrative?.score_change ?? '',
    },
  );

  const save = async (e: Event) => {
    e.preventDefault();
    setDone(null);
    const found: Partial<Record<Field, string>> = {};
    for (const [field, problem] of Object.entries(plan.problems))
      found[field as EditField] =
        problem === 'scoreRange' ? t('edit.scoreRange', { max: p.max }) : t(`edit.${problem}`);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (!plan.writeScore && !plan.writeNarrative) {
      setDone(t('edit.nothingChanged'));
      return;
    }
    setBusy(true);
    try {
      if (plan.writeScore) {
        const ok = await attempt('score', () =>
          accountApi.setScore(p.cc, p.edition, p.question, {
            score: plan.score,
            justification: reason.trim(),
            source_url: source.trim(),
          }),
        );
        if (!ok) return;
      }
      if (plan.writeNarrative) {
        const ok = await attempt('narrative', () =>
          accountApi.writeNarrative(p.cc, p.edition, p.question, {
            text: narrative.trim(),
            score_change: explanation.trim() || null,
            source_urls: [source.trim()],
          }),
        );
        if (!ok) return;
      }
      setDone(t('edit.saved'));
      setReason('');
      p.onSaved();
    } finally {
      setBusy(false);
    }
  };

  /** Runs one write; a refusal is shown beside `field` with the server's words. */
  const attempt = async (field: Field, write: () => Promise<unknown>): Promise<boolean> => {
    try {
      await write();
      return true;
    } catch (err) {
      setErrors({
        [field]: t('edit.refused', { message: err instanceof Error ? err.message : String(err) }),
      });
      return false;
    }
  };

  const id = (f: string) => `q-${p.question}-${f}`;
  const error = (f: Field) =>
    errors[f] && (
      <p class="field-error" role="alert" data-field={f}>
        {errors[f]}
      </p>
    );
  return (
    <form class="edit-form question-edit" data-question={p.question} onSubmit={save} noValidate>
      <label for={id('score')}>{t('edit.score', { max: p.max })}</label>
      <input
        id={id('score')}
        name="score"
        type="number"
        min={0}
        max={p.max}
        step={1}
        value={score}
        onInput={(e) => setScore(e.currentTarget.value)}
      />
      {p.previous && (
        <p class="muted">
          {t('edit.previous', {
            edition: p.previous.edition,
            score: p.previous.score === null ? t('common.unknown') : p.previous.score,
          })}
        </p>
      )}
      {error('score')}
      {p.justification && (
        <p class="muted">
          {t('edit.currentReason')} <span class="datum">{p.justification}</span>
        </p>
      )}
      <label for={id('reason')}>{t('edit.reason')}</label>
      <textarea
        id={id('reason')}
        name="reason"
        rows={2}
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      {error('reason')}
      <label for={id('source')}>{t('edit.sourceUrl')}</label>
      <input
        id={id('source')}
        name="source_url"
        type="url"
        value={source}
        onInput={(e) => setSource(e.currentTarget.value)}
      />
      {error('source')}
      {(plan.needsExplanation || explanation) && p.previous && (
        <>
          <label for={id('explanation')}>{t('edit.explanation', { edition: p.previous.edition })}</label>
          <textarea
            id={id('explanation')}
            name="explanation"
            rows={2}
            value={explanation}
            onInput={(e) => setExplanation(e.currentTarget.value)}
          />
          {error('explanation')}
        </>
      )}
      <label for={id('narrative')}>{t('edit.narrative')}</label>
      <textarea
        id={id('narrative')}
        name="narrative"
        rows={4}
        value={narrative}
        onInput={(e) => setNarrative(e.currentTarget.value)}
      />
      <p class="muted">{t('edit.narrativeInDraft')}</p>
      {error('narrative')}
      <button type="submit" disabled={busy}>
        {t('edit.save')}
      </button>
      {done && (
        <span role="status" class="saved">
          {' '}
          {done}
        </span>
      )}
    </form>
  );
}
