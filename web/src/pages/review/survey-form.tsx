/** The form for a survey of the edition: one question with its answers and shares, the sample, the source. */
import { useState } from 'preact/hooks';
import { accountApi } from '../../api/account-client.js';
import { useI18n } from '../../i18n/i18n.js';
import { EvidenceFormShell } from './evidence-form-shell.js';
import { recordId } from './record-id.js';

/** `yes = 58%` or `no = 0.42` per line; null when a line is not that. */
export function parseAnswers(text: string): { answer: string; share: number }[] | null {
  const lines = text.split('\n').filter((l) => l.trim());
  const out = lines.map((line) => {
    const m = /^(.+?)\s*=\s*(\d+(?:[.,]\d+)?)\s*(%?)\s*$/.exec(line.trim());
    if (!m) return null;
    const n = Number(m[2]!.replace(',', '.'));
    const share = m[3] ? n / 100 : n;
    return share >= 0 && share <= 1 ? { answer: m[1]!.trim(), share } : null;
  });
  return out.length > 0 && out.every((a) => a !== null) ? (out as { answer: string; share: number }[]) : null;
}

export function SurveyForm({ cc, edition, onSaved }: { cc: string; edition: number; onSaved: () => void }) {
  const { t } = useI18n();
  const [question, setQuestion] = useState('');
  const [answers, setAnswers] = useState('');
  const [sample, setSample] = useState('');
  const [method, setMethod] = useState('');
  const [source, setSource] = useState('');
  const save = async () => {
    if (!question.trim() || !answers.trim() || !source.trim()) return null;
    const parsed = parseAnswers(answers);
    if (!parsed) throw new Error(t('edit.surveyAnswersBad'));
    const out = await accountApi.addSurvey(cc, {
      id: recordId(`${cc.toLowerCase()}-${edition}-survey`, question),
      edition,
      method: method.trim() || null,
      questions: [
        {
          question: question.trim(),
          sample_size: /^\d+$/.test(sample.trim()) ? Number(sample) : null,
          answers: parsed,
        },
      ],
      source_urls: [source.trim()],
    });
    onSaved();
    return out.id;
  };
  const field = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    type: 'text' | 'number' | 'url' = 'text',
  ) => (
    <>
      <label for={`survey-${id}`}>{label}</label>
      <input
        id={`survey-${id}`}
        name={id}
        type={type as 'text'}
        value={value}
        onInput={(e) => set(e.currentTarget.value)}
      />
    </>
  );
  return (
    <EvidenceFormShell
      name="survey-form"
      title="edit.surveyTitle"
      inDraft={false}
      submit="edit.surveyAdd"
      save={save}
    >
      {field('question', t('edit.surveyQuestion'), question, setQuestion)}
      <label for="survey-answers">{t('edit.surveyAnswers')}</label>
      <textarea
        id="survey-answers"
        name="answers"
        rows={3}
        value={answers}
        onInput={(e) => setAnswers(e.currentTarget.value)}
      />
      {field('sample_size', t('edit.surveySample'), sample, setSample, 'number')}
      {field('method', t('edit.surveyMethod'), method, setMethod)}
      {field('source_url', t('edit.sourceUrl'), source, setSource, 'url')}
    </EvidenceFormShell>
  );
}
