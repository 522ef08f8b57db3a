import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from './i18n.js';

describe('country names', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('do not depend on the browser knowing Kazakh or Russian', () => {
    // Chromium without Kazakh data: every DisplayNames answers in English.
    class EnglishOnly {
      of(cc: string) {
        return cc === 'KZ' ? 'Kazakhstan' : cc;
      }
    }
    vi.stubGlobal('Intl', Object.create(Intl, { DisplayNames: { value: EnglishOnly } }));
    expect(makeI18n('kk').country('KZ')).toBe('Қазақстан');
    expect(makeI18n('ru').country('KZ')).toBe('Казахстан');
    expect(makeI18n('en').country('KZ')).toBe('Kazakhstan');
  });

  it('name OONI’s unknown country, and keep a code nobody knows as it is', () => {
    expect(makeI18n('kk').country('ZZ')).not.toBe('ZZ');
    expect(makeI18n('ru').country('kz')).toBe('Казахстан');
    expect(makeI18n('ru').country('Q1')).toBe('Q1');
  });
});
