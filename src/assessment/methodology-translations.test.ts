import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../model/language.js';
import { loadMethodology } from './methodology-loader.js';
import { inLanguage, parseMethodologyTranslations } from './methodology-translations.js';

const CYRILLIC = /[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/;

describe('the methodology in en, ru and kk', () => {
  it('has every category, question, key internet control and source in all three languages', async () => {
    const english = await loadMethodology();
    for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
      const m = inLanguage(english, lang);
      const pairs = [
        ...english.categories.map((c, i) => [c.id, c.name, m.categories[i]!.name]),
        ...english.categories.flatMap((c, i) =>
          c.questions.map((q, j) => [q.id, q.text, m.categories[i]!.questions[j]!.text]),
        ),
        ...english.keyInternetControls.map((k, i) => [k.id, k.label, m.keyInternetControls[i]!.label]),
        ...english.sources.map((s, i) => [s.what, s.what, m.sources[i]!.what]),
        ...english.sources
          .map((s, i) => [s.what, s.note, m.sources[i]!.note])
          .filter(([, note]) => note !== null),
        ['primary document, checked', english.primaryDocument.checked, m.primaryDocument.checked],
        ['primary document, not checked', english.primaryDocument.notChecked, m.primaryDocument.notChecked],
      ];
      const notes = english.sources.filter((s) => s.note !== null).length;
      expect(pairs.length).toBe(3 + 21 + 9 + english.sources.length + notes + 2);
      for (const [id, en, translated] of pairs) {
        expect(translated, `${lang} ${id}`).not.toBe(en);
        expect(translated, `${lang} ${id}`).toMatch(CYRILLIC);
      }
      // The sources cited are data: the same documents, addresses and verification in every language.
      expect(m.sources.map((s) => [s.sources, s.verification])).toEqual(
        english.sources.map((s) => [s.sources, s.verification]),
      );
      expect(m.primaryDocument.source).toEqual(english.primaryDocument.source);
      // Ids, points and bands are the same methodology.
      expect(m.categories.flatMap((c) => c.questions.map((q) => [q.id, q.maxPoints]))).toEqual(
        english.categories.flatMap((c) => c.questions.map((q) => [q.id, q.maxPoints])),
      );
    }
  });

  it('keeps the English text of anything a language lacks, and English as it is', async () => {
    const english = await loadMethodology();
    const partial = { ...english, translations: { kk: parseMethodologyTranslations({ questions: {} }).kk } };
    expect(inLanguage(partial, 'kk').categories[0]!.questions[0]!.text).toBe(
      english.categories[0]!.questions[0]!.text,
    );
    expect(inLanguage(english, 'en')).toEqual(english);
  });
});
