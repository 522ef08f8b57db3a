import { describe, expect, it } from 'vitest';
import legend from '../../../data/test-lists/00-LEGEND-new_category_codes.csv?raw';
import { CATEGORY_NAMES } from './category-names.js';

describe('category names', () => {
  it('name every category of the bundled legend, in English as Citizen Lab does, in Russian and Kazakh', () => {
    const codes = legend
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[1]?.trim() ?? '')
      .filter(Boolean);
    for (const lang of ['en', 'ru', 'kk'] as const)
      expect(Object.keys(CATEGORY_NAMES[lang]).sort(), lang).toEqual([...codes].sort());
    expect(CATEGORY_NAMES.en.NEWS).toBe('News Media');
    // Russian and Kazakh are written in Cyrillic, not left in English.
    for (const lang of ['ru', 'kk'] as const)
      expect(
        Object.values(CATEGORY_NAMES[lang]).filter((n) => !/[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/.test(n)),
      ).toEqual([]);
  });
});
