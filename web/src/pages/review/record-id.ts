/** The id a form gives a new record: a prefix and the text's Latin letters and digits, else a random tail. */

/** E.g. `recordId('kz-2024-kd', 'Telegram throttled')` → `kz-2024-kd-telegram-throttled`. */
export function recordId(prefix: string, text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');
  return `${prefix}-${slug || Math.random().toString(36).slice(2, 10)}`;
}
