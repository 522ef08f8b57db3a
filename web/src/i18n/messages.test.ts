import { describe, expect, it } from 'vitest';
import { makeI18n } from './i18n.js';
import { en } from './messages.js';
import { kk } from './messages-kk.js';
import { ru } from './messages-ru.js';

/** Brand names and codes, the same in every language. */
const SAME_IN_EVERY_LANGUAGE = ['app.title', 'nav.api'];

describe('UI strings', () => {
  it('ru and kk translate every key (evidence sentences too), keep every placeholder, and differ from English', () => {
    for (const [name, messages] of [
      ['ru', ru],
      ['kk', kk],
    ] as const) {
      expect(Object.keys(messages).sort(), name).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) {
        const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
        expect(placeholders(messages[key as keyof typeof en]), `${name} ${key}`).toEqual(placeholders(text));
      }
      const same = Object.keys(en).filter((k) => messages[k as keyof typeof en] === en[k as keyof typeof en]);
      // Only brand names and codes may stay as they are.
      expect(
        same.filter((k) => !SAME_IN_EVERY_LANGUAGE.includes(k)),
        name,
      ).toEqual([]);
      // Written in Cyrillic, not English with a word changed; Russian without Kazakh letters.
      const notCyrillic = Object.entries(messages).filter(
        ([k, text]) => !SAME_IN_EVERY_LANGUAGE.includes(k) && !/[А-Яа-яЁё]/.test(text),
      );
      expect(notCyrillic, name).toEqual([]);
    }
    expect(Object.values(ru).filter((text) => /[ӘәҒғҚқҢңӨөҰұҮүҺһІі]/.test(text))).toEqual([]);
  });

  it('fills placeholders and localises numbers and dates', () => {
    const i = makeI18n('ru');
    expect(i.t('country.outOf', { score: 12, max: 35 })).toBe('12 из 35');
    expect(i.num(1234567)).toBe(new Intl.NumberFormat('ru').format(1234567));
    expect(i.date('2024-05-31')).toContain('2024');
    expect(makeI18n('en').t('common.error', {})).toBe('Could not load: {message}');
  });
});
