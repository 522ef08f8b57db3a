/** Key internet controls from the review page: an answer with its evidence and source, and the suggestions to accept or reject. */
import { useState } from 'preact/hooks';
import { accountApi } from '../../api/account-client.js';
import type { Assessment, ControlSuggestion, Methodology } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';

type Answer = 'yes' | 'no' | 'unknown';

export function ControlEdits({
  cc,
  edition,
  draft,
  methodology,
  suggestions,
  onSaved,
}: {
  cc: string;
  edition: number;
  draft: Assessment;
  methodology: Methodology;
  suggestions: ControlSuggestion[];
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<{ control: string; message: string } | null>(null);
  // The methodology's label is in the reader's language; the suggestion's is English.
  const label = (id: string, fallback: string) =>
    methodology.key_internet_controls.find((k) => k.id === id)?.label ?? fallback;
  const decide = async (control: string, decision: 'accept' | 'reject') => {
    setError(null);
    try {
      await accountApi.decideSuggestion(cc, edition, control, decision);
      onSaved();
    } catch (err) {
      setError({ control, message: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <section class="control-edits">
      <h2>{t('edit.controlsTitle')}</h2>
      {suggestions.length > 0 && (
        <>
          <h3>{t('edit.suggestionsTitle')}</h3>
          <ul data-testid="suggestions">
            {suggestions.map((s) => (
              <li key={s.control_id} data-control={s.control_id}>
                <strong>{s.control_id}</strong> {label(s.control_id, s.control_label)} ·{' '}
                {s.decision ? (
                  t(`edit.decision.${s.decision}`)
                ) : (
                  <>
                    <button type="button" name="accept" onClick={() => decide(s.control_id, 'accept')}>
                      {t('edit.accept')}
                    </button>{' '}
                    <button type="button" name="reject" onClick={() => decide(s.control_id, 'reject')}>
                      {t('edit.reject')}
                    </button>
                  </>
                )}
                {error?.control === s.control_id && (
                  <p class="field-error" role="alert">
                    {t('edit.refused', { message: error.message })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {methodology.key_internet_controls.map((k) => {
        const current = draft.key_controls.find((a) => a.control_id === k.id);
        return (
          <details key={k.id}>
            <summary>
              <strong>{k.id}</strong> {k.label}: {t(`common.${current?.answer ?? 'unknown'}`)}
            </summary>
            <ControlForm
              cc={cc}
              edition={edition}
              control={k.id}
              answer={current?.answer ?? 'unknown'}
              onSaved={onSaved}
            />
          </details>
        );
      })}
    </section>
  );
}

function ControlForm(p: {
  cc: string;
  edition: number;
  control: string;
  answer: Answer;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState<Answer>(p.answer);
  const [evidence, setEvidence] = useState('');
  const [source, setSource] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    if (!evidence.trim() || !source.trim()) {
      setError(t('edit.required'));
      return;
    }
    try {
      await accountApi.setControl(p.cc, p.edition, p.control, {
        answer,
        evidence: evidence.trim(),
        source_url: source.trim(),
      });
      setError(null);
      p.onSaved();
    } catch (err) {
      setError(t('edit.refused', { message: err instanceof Error ? err.message : String(err) }));
    }
  };
  const id = (f: string) => `kic-${p.control}-${f}`;
  return (
    <form class="edit-form" data-control={p.control} onSubmit={save} noValidate>
      <label for={id('answer')}>{t('edit.answer')}</label>
      <select id={id('answer')} value={answer} onChange={(e) => setAnswer(e.currentTarget.value as Answer)}>
        {(['yes', 'no', 'unknown'] as const).map((a) => (
          <option key={a} value={a}>
            {t(`common.${a}`)}
          </option>
        ))}
      </select>
      <label for={id('evidence')}>{t('edit.evidence')}</label>
      <textarea
        id={id('evidence')}
        rows={2}
        value={evidence}
        onInput={(e) => setEvidence(e.currentTarget.value)}
      />
      <label for={id('source')}>{t('edit.sourceUrl')}</label>
      <input id={id('source')} type="url" value={source} onInput={(e) => setSource(e.currentTarget.value)} />
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">{t('edit.save')}</button>
    </form>
  );
}
