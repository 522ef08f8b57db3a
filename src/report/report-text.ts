/**
 * The report's fixed words in English, Russian and Kazakh: headings, table headers and the sentences a report
 * always says (netfreedom's translations; quoted texts from sources stay as their sources give them).
 */
import type { Lang } from '../model/language.js';
import { EN, type ReportTextKey, type Texts } from './report-text-en.js';
import { KK } from './report-text-kk.js';
import { RU } from './report-text-ru.js';

export type { ReportTextKey };

/** Constants of the methods the texts name (the surveys' confidence level), filled unless given. */
const DEFAULTS: Record<string, string> = { level: '95 %', zero: '0' };

const TEXTS: Record<Lang, Texts> = { en: EN, ru: RU, kk: KK };

/** The report's words in `lang`, with `{name}` placeholders filled from `values`. */
export function reportText(
  lang: Lang,
): (key: ReportTextKey, values?: Record<string, string | number>) => string {
  const texts = TEXTS[lang];
  return (key, values = {}) =>
    texts[key].replace(/\{(\w+)\}/g, (m, name: string) => String(values[name] ?? DEFAULTS[name] ?? m));
}

/**
 * The same words with each `{name}` filled by `fill(name)`, and the text around them passed through `text`:
 * for renderers that put markup (a dated or referenced figure) into a sentence and escape the rest.
 */
export function reportTemplate(
  lang: Lang,
): (key: ReportTextKey, text: (s: string) => string, fill: (name: string) => string) => string {
  const texts = TEXTS[lang];
  return (key, text, fill) =>
    texts[key]
      .split(/(\{\w+\})/)
      .map((part) => (/^\{\w+\}$/.test(part) ? fill(part.slice(1, -1)) : text(part)))
      .join('');
}

/** The country's name in `lang` (the ICU's region names), or the code when it has none. */
export function countryName(country: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang, 'en'], { type: 'region' }).of(country) ?? country;
  } catch {
    return country;
  }
}
