/** The methodology's texts in Russian and Kazakh (netfreedom's own translations): loading, and the methodology in a language. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Lang } from '../model/language.js';
import type { Methodology, MethodologyTexts } from '../model/methodology.js';
import { InvalidDataError } from '../shared/errors.js';
import { dataPath } from '../shared/paths.js';

export const DEFAULT_TRANSLATIONS_PATH = dataPath('fotn', 'methodology-translations.json');

type Translations = NonNullable<Methodology['translations']>;

const text = z.string().min(1);
const byLanguage = z.strictObject({ ru: text, kk: text });
const fileSchema = z.object({
  categories: z.record(z.string(), byLanguage).default({}),
  questions: z.record(z.string(), byLanguage).default({}),
  keyInternetControls: z.record(z.string(), byLanguage).default({}),
  sources: z
    .record(
      z.string(),
      z.strictObject({
        ru: z.strictObject({ what: text, note: text.optional() }),
        kk: z.strictObject({ what: text, note: text.optional() }),
      }),
    )
    .default({}),
  primaryDocument: z
    .strictObject({
      ru: z.strictObject({ checked: text, notChecked: text }),
      kk: z.strictObject({ checked: text, notChecked: text }),
    })
    .optional(),
});

/** Checks parsed translations and turns them around: one set of texts per language. */
export function parseMethodologyTranslations(
  json: unknown,
  where = 'methodology translations',
): Translations {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidDataError(`${where}: ${issue.path.join('.') || '(root)'}`, issue.message);
  }
  const file = parsed.data;
  const texts = (lang: 'ru' | 'kk'): MethodologyTexts => ({
    categories: pick(file.categories, lang),
    questions: pick(file.questions, lang),
    keyInternetControls: pick(file.keyInternetControls, lang),
    sources: pick(file.sources, lang),
    ...(file.primaryDocument ? { primaryDocument: file.primaryDocument[lang] } : {}),
  });
  return { ru: texts('ru'), kk: texts('kk') };
}

function pick<T>(entries: Record<string, Record<'ru' | 'kk', T>>, lang: 'ru' | 'kk'): Record<string, T> {
  return Object.fromEntries(Object.entries(entries).map(([id, byLang]) => [id, byLang[lang]]));
}

/** Reads the translations; a missing file means none (everything stays English). */
export async function loadMethodologyTranslations(path = DEFAULT_TRANSLATIONS_PATH): Promise<Translations> {
  if (!existsSync(path)) return {};
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new InvalidDataError(path, `not valid JSON (${(err as Error).message})`);
  }
  return parseMethodologyTranslations(json, path);
}

/** The methodology with its texts in `lang`; what that language lacks keeps its English text. */
export function inLanguage(m: Methodology, lang: Lang): Methodology {
  const texts = lang === 'en' ? undefined : m.translations?.[lang];
  if (!texts) return m;
  return {
    ...m,
    categories: m.categories.map((c) => ({
      ...c,
      name: texts.categories[c.id] ?? c.name,
      questions: c.questions.map((q) => ({ ...q, text: texts.questions[q.id] ?? q.text })),
    })),
    keyInternetControls: m.keyInternetControls.map((k) => ({
      ...k,
      label: texts.keyInternetControls[k.id] ?? k.label,
    })),
    // The cited sources (titles, publishers, addresses) are data and stay as they are; the words about them are ours.
    sources: m.sources.map((s) => ({
      ...s,
      what: texts.sources[s.what]?.what ?? s.what,
      note: (s.note !== null && texts.sources[s.what]?.note) || s.note,
    })),
    primaryDocument: { ...m.primaryDocument, ...texts.primaryDocument },
  };
}
