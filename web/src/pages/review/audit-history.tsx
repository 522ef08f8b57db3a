/** The audit entries of an assessment, newest first: who wrote what, when and why (signed-in users). */
import type { AuditEntry } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';

export function AuditHistory({ entries }: { entries: AuditEntry[] }) {
  const { t } = useI18n();
  return (
    <section>
      <h2>{t('edit.auditTitle')}</h2>
      {entries.length === 0 ? (
        <p class="muted">{t('edit.auditNone')}</p>
      ) : (
        <table data-testid="audit-history">
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
      )}
    </section>
  );
}
