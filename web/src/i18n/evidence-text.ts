/** An evidence item in the reader's language: the sentence's words translated, the values it quotes kept as data. */
import { PROBE_ADDRESS_REMOVED } from '../../../src/analysis/evidence-messages.js';
import type { EvidenceItem, EvidenceValue } from '../../../src/model/analysis.js';
import type { I18n } from './i18n.js';
import { en, type MessageKey } from './messages.js';

/** Words of the sentence, or a value it quotes (measurement text: shown as text, never as markup). */
export type EvidencePart = string | { datum: string };

/** The sentence in parts; null for a sentence this dashboard does not know (the caller shows the English one). */
export function evidenceParts(i18n: I18n, item: EvidenceItem): EvidencePart[] | null {
  const key = `evidence.${item.key}`;
  if (!Object.hasOwn(en, key)) return null;
  // Without values, t() gives the template with its placeholders; each is filled once, so a value is never re-read.
  return i18n
    .t(key as MessageKey)
    .split(/\{(\w+)\}/)
    .map((piece, i) => {
      if (i % 2 === 0) return piece;
      const value = item.values[piece];
      return value === undefined ? `{${piece}}` : { datum: valueText(i18n, piece, value) };
    })
    .filter((part) => part !== '');
}

function valueText(i18n: I18n, name: string, v: EvidenceValue): string {
  const { t, num } = i18n;
  if (v === null) return t('common.unknown');
  if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
  if (typeof v === 'number') return num(v);
  if (typeof v === 'string') {
    // How a known CA matched is a code with words of its own.
    const how = `evidenceValue.how.${v}`;
    if (name === 'how' && Object.hasOwn(en, how)) return t(how as MessageKey);
    return v.split(PROBE_ADDRESS_REMOVED).join(t('evidenceValue.probeAddressRemoved'));
  }
  if ('number' in v) return num(v.number, v.digits);
  if (v.list.length === 0) return t('evidenceValue.nothing');
  const list = v.list.map((x) => valueText(i18n, name, x)).join(', ');
  return v.more > 0 ? t('evidenceValue.listMore', { list, more: num(v.more) }) : list;
}
