/** The current language, translation with `{name}` placeholders, and localised numbers and dates. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { CATEGORY_NAMES } from './category-names.js';
import { COUNTRY_NAMES } from './country-names.js';
import { type Formats, makeFormats } from './formats.js';
import { chooseLang, type Lang } from './lang-choice.js';
import { en, type MessageKey, type Messages } from './messages.js';
import { kk } from './messages-kk.js';
import { ru } from './messages-ru.js';

export { LANGUAGES, type Lang } from './lang-choice.js';

export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', ru: 'Русский', kk: 'Қазақша' };

const CATALOG: Record<Lang, Messages> = { en, ru, kk };

/** The messages that come in a singular and a plural form (`KEY.one`, `KEY.other`), by KEY. */
export type CountKey = {
  [K in MessageKey]: K extends `${infer Base}.one` ? Base : never;
}[MessageKey];

/** Translation helpers for one language. */
export interface I18n extends Formats {
  lang: Lang;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** A count in words ("1 measurement", "10 measurements"): `{n}` of the message is the number, localised. */
  count(key: CountKey, n: number, vars?: Record<string, string | number>): string;
  /** A rank with what it ranks among: "9th of the 17 countries in this dataset" (never a bare "9 / 17"). */
  rank(rank: number, among: number): string;
  country(cc: string): string;
  /** A Citizen Lab category's name; a code nobody knows stays as given. */
  category(code: string): string;
}

/** Builds the helpers for a language; unknown placeholders stay visible rather than vanish. */
export function makeI18n(lang: Lang): I18n {
  const messages = CATALOG[lang];
  const formats = makeFormats(lang);
  const t: I18n['t'] = (key, vars) =>
    (messages[key] ?? en[key]).replace(/\{(\w+)\}/g, (m, name: string) =>
      vars && name in vars ? String(vars[name]) : m,
    );
  // A count's message comes in a singular (.one) and a plural (.other), chosen by the language's rules: Russian's
  // "one" takes 21 too, and its "few" and "many" take the genitive plural as .other does ("из 17 стран").
  const plural = new Intl.PluralRules(lang);
  const count: I18n['count'] = (key, n, vars) =>
    t(`${key}.${plural.select(n) === 'one' ? 'one' : 'other'}` as MessageKey, { ...vars, n: formats.num(n) });
  return {
    lang,
    t,
    count,
    rank: (rank, among) => count('rank.of', among, { rank: formats.ordinal(rank) }),
    ...formats,
    // Our own table: many browsers have no Kazakh names and answer in English. A code nobody knows stays as given.
    country: (cc) => COUNTRY_NAMES[lang]?.[cc.toUpperCase()] ?? COUNTRY_NAMES.en?.[cc.toUpperCase()] ?? cc,
    category: (code) => CATEGORY_NAMES[lang][code] ?? code,
  };
}

const SAVED_LANG = 'netfreedom.lang';

/** The language this page opens in: `?lang=`, the switcher's saved choice, the browser's, English. */
export function initialLang(): Lang {
  return chooseLang({
    search: globalThis.location?.search ?? '',
    saved: globalThis.localStorage?.getItem(SAVED_LANG),
    browser: globalThis.navigator?.language,
  });
}

/** Remembers the switcher's choice for the next visit. */
export function saveLang(lang: Lang): void {
  globalThis.localStorage?.setItem(SAVED_LANG, lang);
}

export const I18nContext = createContext<I18n>(makeI18n('en'));

/** The translation helpers of the current language. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
