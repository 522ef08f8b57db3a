/** The audit entries of an assessment, newest first: who wrote what, when and why (signed-in users). */
import type { AuditEntry } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';

export function AuditHistory({ entries }: { entries: AuditEntry[] }) {
  const { t } = useI18n();
  return (
    <section>
      <h2>{t('edit.auditTitle')}</h2>
      <AuditTable entries={entries} none={t('edit.auditNone')} testId="audit-history" />
    </section>
  );
}

/** Audit entries as a table (when, who, what, why); `none` when there is none. */
export function AuditTable({
  entries,
  none,
  testId,
}: {
  entries: AuditEntry[];
  none: string;
  testId?: string;
}) {
  const { t } = useI18n();
  if (entries.length === 0) return <p class="muted">{none}</p>;
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('edit.auditWhen')}</th>
          <th scope="col">{t('edit.auditWho')}</th>
          <th scope="col">{t('edit.auditWhat')}</th>
          <th scope="col">{t('edit.auditWhy')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.seq}>
            <td class="datum">{e.at.slice(0, 16).replace('T', ' ')} UTC</td>
            <td class="datum">{e.actor}</td>
            <td>
              <code>{e.action}</code>
            </td>
            <td class="datum">{e.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
