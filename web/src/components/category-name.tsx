/** A Citizen Lab category by name in the reader's language, its code (what filters and the API use) in the tooltip. */
import { useI18n } from '../i18n/i18n.js';

export function CategoryName({ code }: { code: string | null }) {
  const { category } = useI18n();
  if (!code) return <>–</>;
  const name = category(code);
  return name === code ? <code>{code}</code> : <span title={code}>{name}</span>;
}
