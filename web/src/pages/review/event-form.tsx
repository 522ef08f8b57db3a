/** A small form to record a reported event of the country with its source (URL), in the page's draft revision. */
import { useState } from 'preact/hooks';
import { EVENT_TYPES } from '../../../../src/model/evidence.js';
import { accountApi } from '../../api/account-client.js';
import { useI18n } from '../../i18n/i18n.js';
import { recordId } from './record-id.js';

export function EventForm({ cc, edition, onSaved }: { cc: string; edition: number; onSaved: () => void }) {
  const { t } = useI18n();
  const [type, setType] = useState<string>('block');
  const [start, setStart] = useState('');
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [source, setSource] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    if (!start || !title.trim() || !summary.trim() || !source.trim()) {
      setMessage({ ok: false, text: t('edit.required') });
      return;
    }
    // The id is the record's key: the date and the title's Latin letters, else a random tail.
    const id = recordId(start, title);
    try {
      const out = await accountApi.addEvent(cc, {
        id,
        edition,
        type,
        start,
        title: title.trim(),
        summary: summary.trim(),
        source_urls: [source.trim()],
      });
      setMessage({ ok: true, text: t('edit.eventAdded', { id: out.id }) });
      onSaved();
    } catch (err) {
      setMessage({
        ok: false,
        text: t('edit.refused', { message: err instanceof Error ? err.message : String(err) }),
      });
    }
  };
  return (
    <section>
      <h2>{t('edit.eventTitle')}</h2>
      <p class="muted">{t('edit.eventInDraft')}</p>
      <form class="edit-form event-form" onSubmit={save} noValidate>
        <label for="event-type">{t('edit.eventType')}</label>
        <select id="event-type" name="type" value={type} onChange={(e) => setType(e.currentTarget.value)}>
          {EVENT_TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`eventType.${ty}`)}
            </option>
          ))}
        </select>
        <label for="event-start">{t('edit.eventStart')}</label>
        <input
          id="event-start"
          name="start"
          type="date"
          value={start}
          onInput={(e) => setStart(e.currentTarget.value)}
        />
        <label for="event-title">{t('edit.eventName')}</label>
        <input id="event-title" name="title" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        <label for="event-summary">{t('edit.eventSummary')}</label>
        <textarea
          id="event-summary"
          name="summary"
          rows={3}
          value={summary}
          onInput={(e) => setSummary(e.currentTarget.value)}
        />
        <label for="event-source">{t('edit.sourceUrl')}</label>
        <input
          id="event-source"
          name="source_url"
          type="url"
          value={source}
          onInput={(e) => setSource(e.currentTarget.value)}
        />
        <button type="submit">{t('edit.eventAdd')}</button>
        {message && (
          <p class={message.ok ? 'saved' : 'field-error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
      </form>
    </section>
  );
}
