/** One record's history (its audit entries, newest first), loaded when the reader opens it; signed-in users only. */
import { useState } from 'preact/hooks';
import { accountApi } from '../../api/account-client.js';
import type { AuditEntry } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { AuditTable } from './audit-history.js';

/** `entity` as the audit log names it: `event:kz-2022-01-shutdown`, `survey:…`, `control_decision:…`. */
export function EntityHistory({ entity }: { entity: string }) {
  const { t } = useI18n();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onToggle = (e: Event) => {
    if (!(e.currentTarget as HTMLDetailsElement).open || entries) return;
    accountApi.audit(entity).then(
      (page) => setEntries(page.items),
      (err: Error) => setError(err.message),
    );
  };
  return (
    <details class="entity-history" data-entity={entity} onToggle={onToggle}>
      <summary>{t('edit.history')}</summary>
      {error && <p role="alert">{t('common.error', { message: error })}</p>}
      {entries && <AuditTable entries={entries} none={t('edit.historyNone')} />}
    </details>
  );
}
