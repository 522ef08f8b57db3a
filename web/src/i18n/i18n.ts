/** The current language, translation with `{name}` placeholders, and localised numbers and dates. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { COUNTRY_NAMES } from './country-names.js';
import { type Formats, makeFormats } from './formats.js';
import { en, type MessageKey, type Messages } from './messages.js';
import { kk } from './messages-kk.js';
import { ru } from './messages-ru.js';

export const LANGUAGES = ['en', 'ru', 'kk'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', ru: 'Русский', kk: 'Қазақша' };

const CATALOG: Record<Lang, Messages> = { en, ru, kk };

/** Translation helpers for one language. */
export interface I18n extends Formats {
  lang: Lang;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  country(cc: string): string;
}

/** Builds the helpers for a language; unknown placeholders stay visible rather than vanish. */
export function makeI18n(lang: Lang): I18n {
  const messages = CATALOG[lang];
  const formats = makeFormats(lang);
  return {
    lang,
    t: (key, vars) =>
      (messages[key] ?? en[key]).replace(/\{(\w+)\}/g, (m, name: string) =>
        vars && name in vars ? String(vars[name]) : m,
      ),
    ...formats,
    // Our own table: many browsers have no Kazakh names and answer in English. A code nobody knows stays as given.
    country: (cc) => COUNTRY_NAMES[lang]?.[cc.toUpperCase()] ?? COUNTRY_NAMES.en?.[cc.toUpperCase()] ?? cc,
  };
}

/** The language saved by the switcher, else the browser's if we have it, else English. */
export function initialLang(): Lang {
  const saved = globalThis.localStorage?.getItem('netfreedom.lang');
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Lang;
  const nav = globalThis.navigator?.language?.slice(0, 2);
  return nav && (LANGUAGES as readonly string[]).includes(nav) ? (nav as Lang) : 'en';
}

export const I18nContext = createContext<I18n>(makeI18n('en'));

/** The translation helpers of the current language. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
