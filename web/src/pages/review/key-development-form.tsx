/** The form for a key development of the assessment: its place, text, questions and source, into the draft. */
import { useState } from 'preact/hooks';
import { accountApi } from '../../api/account-client.js';
import { useI18n } from '../../i18n/i18n.js';
import { EvidenceFormShell } from './evidence-form-shell.js';
import { recordId } from './record-id.js';

export function KeyDevelopmentForm({
  cc,
  edition,
  nextPosition,
  onSaved,
}: {
  cc: string;
  edition: number;
  /** The place a new one takes by default: after those recorded. */
  nextPosition: number;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [position, setPosition] = useState(String(nextPosition));
  const [text, setText] = useState('');
  const [indicators, setIndicators] = useState('');
  const [source, setSource] = useState('');
  const save = async () => {
    if (!text.trim() || !source.trim() || !/^\d+$/.test(position.trim())) return null;
    const out = await accountApi.addKeyDevelopment(cc, edition, {
      id: recordId(`${cc.toLowerCase()}-${edition}-kd`, text),
      position: Number(position),
      text: text.trim(),
      indicators: indicators.split(/[\s,]+/).filter(Boolean),
      source_urls: [source.trim()],
    });
    onSaved();
    return out.id;
  };
  return (
    <EvidenceFormShell name="kd-form" title="edit.kdTitle" inDraft submit="edit.kdAdd" save={save}>
      <label for="kd-position">{t('edit.kdPosition')}</label>
      <input
        id="kd-position"
        name="position"
        type="number"
        min={1}
        value={position}
        onInput={(e) => setPosition(e.currentTarget.value)}
      />
      <label for="kd-text">{t('edit.kdText')}</label>
      <textarea
        id="kd-text"
        name="text"
        rows={3}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <label for="kd-indicators">{t('edit.kdIndicators')}</label>
      <input
        id="kd-indicators"
        name="indicators"
        value={indicators}
        onInput={(e) => setIndicators(e.currentTarget.value)}
      />
      <label for="kd-source">{t('edit.sourceUrl')}</label>
      <input
        id="kd-source"
        name="source_url"
        type="url"
        value={source}
        onInput={(e) => setSource(e.currentTarget.value)}
      />
    </EvidenceFormShell>
  );
}
