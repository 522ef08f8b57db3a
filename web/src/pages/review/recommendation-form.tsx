/** The form for a recommendation of the edition: whom it addresses, its text and source (public once saved). */
import { useState } from 'preact/hooks';
import { ADDRESSEES } from '../../../../src/model/evidence.js';
import { accountApi } from '../../api/account-client.js';
import { useI18n } from '../../i18n/i18n.js';
import { EvidenceFormShell } from './evidence-form-shell.js';
import { recordId } from './record-id.js';

export function RecommendationForm({
  cc,
  edition,
  onSaved,
}: {
  cc: string;
  edition: number;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [to, setTo] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [source, setSource] = useState('');
  const save = async () => {
    if (to.length === 0 || !text.trim() || !source.trim()) return null;
    const out = await accountApi.addRecommendation(cc, {
      id: recordId(`${cc.toLowerCase()}-${edition}-rec`, text),
      edition,
      addressees: to,
      text: text.trim(),
      source_urls: [source.trim()],
    });
    onSaved();
    return out.id;
  };
  return (
    <EvidenceFormShell name="rec-form" title="edit.recTitle" inDraft={false} submit="edit.recAdd" save={save}>
      <fieldset>
        <legend>{t('edit.recAddressees')}</legend>
        {ADDRESSEES.map((a) => (
          <label key={a} class="inline">
            <input
              type="checkbox"
              name="addressee"
              value={a}
              checked={to.includes(a)}
              onChange={(e) => setTo(e.currentTarget.checked ? [...to, a] : to.filter((x) => x !== a))}
            />{' '}
            {t(`addressee.${a}`)}
          </label>
        ))}
      </fieldset>
      <label for="rec-text">{t('edit.recText')}</label>
      <textarea
        id="rec-text"
        name="text"
        rows={3}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <label for="rec-source">{t('edit.sourceUrl')}</label>
      <input
        id="rec-source"
        name="source_url"
        type="url"
        value={source}
        onInput={(e) => setSource(e.currentTarget.value)}
      />
    </EvidenceFormShell>
  );
}
