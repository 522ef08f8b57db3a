import { describe, expect, it } from 'vitest';
import { chooseLang, langOf, linkInLang, withLang } from './lang-choice.js';

describe('choosing the language', () => {
  it('takes ?lang= first, over the saved choice and the browser', () => {
    expect(chooseLang({ search: '?lang=ru', saved: 'kk', browser: 'en-US' })).toBe('ru');
    expect(chooseLang({ search: '?edition=2024&lang=kk', saved: null, browser: 'ru-RU' })).toBe('kk');
  });

  it('without ?lang=, takes the saved choice, then the browser’s language, then English', () => {
    expect(chooseLang({ search: '', saved: 'kk', browser: 'ru-RU' })).toBe('kk');
    expect(chooseLang({ search: '', saved: 'de', browser: 'ru-RU' })).toBe('ru');
    expect(chooseLang({ search: '', saved: null, browser: 'kk-KZ' })).toBe('kk');
    expect(chooseLang({ search: '', saved: null, browser: 'de-DE' })).toBe('en');
    expect(chooseLang({ search: '', saved: null, browser: undefined })).toBe('en');
  });

  it('falls back from an unknown ?lang= to the browser’s language, then English', () => {
    expect(chooseLang({ search: '?lang=xx', saved: 'kk', browser: 'ru' })).toBe('ru');
    expect(chooseLang({ search: '?lang=<script>', saved: 'kk', browser: 'fr-FR' })).toBe('en');
  });

  it('reads only a language it has from a query', () => {
    expect(langOf(new URLSearchParams('lang=kk'))).toBe('kk');
    expect(langOf(new URLSearchParams('lang=KK'))).toBe(null);
    expect(langOf(new URLSearchParams(''))).toBe(null);
  });
});

describe('links keep the language', () => {
  it('adds it to an app URL, after the URL’s own query and before its fragment', () => {
    expect(withLang('/country/KZ?edition=2024', 'ru')).toBe('/country/KZ?edition=2024&lang=ru');
    expect(withLang('/compare', 'kk')).toBe('/compare?lang=kk');
    expect(withLang('/m/abc#raw', 'kk')).toBe('/m/abc?lang=kk#raw');
  });

  it('replaces a language the URL already names, and leaves URLs alone without one', () => {
    expect(withLang('/?lang=en&edition=2024', 'kk')).toBe('/?lang=kk&edition=2024');
    expect(withLang('/methodology', null)).toBe('/methodology');
  });
});

describe('a link from a page', () => {
  it('is in the language the page’s URL names, unless it names its own', () => {
    expect(linkInLang('/country/KZ?edition=2024', '?lang=kk&simulated=1')).toBe(
      '/country/KZ?edition=2024&lang=kk',
    );
    expect(linkInLang('/compare?lang=ru', '?lang=kk')).toBe('/compare?lang=ru');
    expect(linkInLang('/compare', '?edition=2024')).toBe('/compare');
    expect(linkInLang('/compare', '?lang=xx')).toBe('/compare');
  });
});
