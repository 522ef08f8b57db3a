/** Which language to show: `?lang=` (so a link can be shared in a language), the saved choice, the browser's, English. */

import { LANGUAGES, type Lang } from '../../../src/model/language.js';

export { LANGUAGES, type Lang };

function isLang(value: string | null | undefined): value is Lang {
  return (LANGUAGES as readonly (string | null | undefined)[]).includes(value);
}

/** The language a query names with `lang`, when it is one we have. */
export function langOf(query: URLSearchParams): Lang | null {
  const lang = query.get('lang');
  return isLang(lang) ? lang : null;
}

/**
 * `?lang=` wins; without it the saved choice, then the browser's language, then English. An unknown `?lang=` is a
 * link someone meant for a language we lack: the browser's language serves that reader better than an old choice.
 */
export function chooseLang(where: {
  search: string;
  saved: string | null | undefined;
  browser: string | undefined;
}): Lang {
  const query = new URLSearchParams(where.search);
  const asked = langOf(query);
  if (asked) return asked;
  if (!query.has('lang') && isLang(where.saved)) return where.saved;
  const browser = where.browser?.slice(0, 2).toLowerCase();
  return isLang(browser) ? browser : 'en';
}

/** `url` (an app path with its query) naming `lang`; unchanged when `lang` is null. */
export function withLang(url: string, lang: Lang | null): string {
  if (!lang) return url;
  const hashAt = url.indexOf('#');
  const hash = hashAt < 0 ? '' : url.slice(hashAt);
  const rest = hashAt < 0 ? url : url.slice(0, hashAt);
  const queryAt = rest.indexOf('?');
  const path = queryAt < 0 ? rest : rest.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : rest.slice(queryAt + 1));
  query.set('lang', lang);
  return `${path}?${query}${hash}`;
}

/** A link from the page at `currentSearch`: in the language that page's URL names, unless the link names its own. */
export function linkInLang(url: string, currentSearch: string): string {
  const queryAt = url.split('#')[0]!.indexOf('?');
  if (queryAt >= 0 && new URLSearchParams(url.split('#')[0]!.slice(queryAt + 1)).has('lang')) return url;
  return withLang(url, langOf(new URLSearchParams(currentSearch)));
}
