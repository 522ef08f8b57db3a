/**
 * The frame of an evidence form on the review page: its title, whether what it saves goes into the draft or is
 * public at once, the submit button, and the answer (saved, missing fields, or the server's refusal in its words).
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.js';

export function EvidenceFormShell({
  name,
  title,
  inDraft,
  submit,
  save,
  children,
}: {
  /** The form's class, for tests and styles (`kd-form`). */
  name: string;
  title: MessageKey;
  inDraft: boolean;
  submit: MessageKey;
  /** Sends the write: answers the saved id, or null when a required field is empty (nothing was sent). */
  save: () => Promise<string | null>;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    try {
      const id = await save();
      setMessage(
        id === null
          ? { ok: false, text: t('edit.required') }
          : { ok: true, text: t('edit.recorded', { id }) },
      );
    } catch (err) {
      setMessage({
        ok: false,
        text: t('edit.refused', { message: err instanceof Error ? err.message : String(err) }),
      });
    }
  };
  return (
    <section>
      <h2>{t(title)}</h2>
      <p class="muted">{t(inDraft ? 'edit.inDraftNote' : 'edit.publicNote')}</p>
      <form class={`edit-form ${name}`} onSubmit={onSubmit} noValidate>
        {children}
        <button type="submit">{t(submit)}</button>
        {message && (
          <p class={message.ok ? 'saved' : 'field-error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
      </form>
    </section>
  );
}
