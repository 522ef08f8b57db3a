/** A data table's header row: one column heading per message key, then any headings the table adds itself. */
import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';

export function TableHead({ columns, children }: { columns: MessageKey[]; children?: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        {columns.map((key) => (
          <th scope="col" key={key}>
            {t(key)}
          </th>
        ))}
        {children}
      </tr>
    </thead>
  );
}
