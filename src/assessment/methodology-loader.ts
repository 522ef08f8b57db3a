/** Loads the methodology file and refuses a broken one with a clear error naming the field at fault. */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Methodology, StatusBand } from '../model/methodology.js';
import { InvalidDataError } from '../shared/errors.js';
import { dataPath } from '../shared/paths.js';
import { DEFAULT_TRANSLATIONS_PATH, loadMethodologyTranslations } from './methodology-translations.js';
import { bestVerification, loadSourceRegistry, type SourceRegistry, sourceFor } from './source-registry.js';

export const DEFAULT_METHODOLOGY_PATH = dataPath('fotn', 'methodology.json');

const band = z.object({
  status: z.enum(['Free', 'Partly Free', 'Not Free']),
  min: z.number().int(),
  max: z.number().int(),
});

const fileSchema = z.object({
  index: z.string().min(1),
  publisher: z.string().min(1),
  coveragePeriods: z.array(z.object({ edition: z.number().int(), start: z.string(), end: z.string() })),
  scale: z.object({
    min: z.literal(0),
    max: z.number().int().positive(),
    appliesFromEdition: z.number().int(),
    legacy: z.object({ statusBands: z.array(band).min(1) }),
  }),
  statusBands: z.array(band).min(1),
  categories: z
    .array(
      z.object({
        id: z.string().regex(/^[A-Z]$/),
        name: z.string().min(1),
        maxPoints: z.number().int().positive(),
        questions: z
          .array(
            z.object({
              id: z.string().regex(/^[A-Z]\d+$/),
              maxPoints: z.number().int().positive(),
              text: z.string().min(1),
              verification: z.string().default('unknown'),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
  keyInternetControls: z.object({
    items: z.array(z.object({ id: z.string().min(1), label: z.string().min(1) })).min(1),
  }),
  sources: z
    .array(
      z.object({
        what: z.string().min(1),
        urls: z.array(z.string().regex(/^https?:\/\/\S+$/)),
        note: z.string().nullable().default(null),
      }),
    )
    .default([]),
  primaryDocument: z.object({
    url: z.string().regex(/^https?:\/\/\S+$/),
    checked: z.string().min(1),
    notChecked: z.string().min(1),
  }),
});

/**
 * Reads and validates a methodology file (default: the bundled FOTN methodology), with the Russian and Kazakh
 * texts of the translations file (default: the bundled one; texts it lacks stay English).
 */
export async function loadMethodology(
  path: string = DEFAULT_METHODOLOGY_PATH,
  translationsPath: string = DEFAULT_TRANSLATIONS_PATH,
): Promise<Methodology> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InvalidDataError(path, `cannot read the methodology file (${(err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InvalidDataError(path, `not valid JSON (${(err as Error).message})`);
  }
  return {
    ...parseMethodology(json, path, await loadSourceRegistry()),
    translations: await loadMethodologyTranslations(translationsPath),
  };
}

/**
 * Validates parsed methodology JSON: schema, unique ids, question sums = category maxima = scale maximum. Source
 * URLs become the `registry`'s sources (or unverified ones it does not list).
 */
export function parseMethodology(
  json: unknown,
  where = 'methodology',
  registry: SourceRegistry = new Map(),
): Methodology {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidDataError(`${where}: ${issue.path.join('.') || '(root)'}`, issue.message);
  }
  const m = parsed.data;
  const ids = new Set<string>();
  let sum = 0;
  for (const category of m.categories) {
    const questionSum = category.questions.reduce((s, q) => s + q.maxPoints, 0);
    if (questionSum !== category.maxPoints) {
      throw new InvalidDataError(
        where,
        `category ${category.id}: its questions add up to ${questionSum} points, but its maximum is ${category.maxPoints}`,
      );
    }
    for (const q of category.questions) {
      if (ids.has(q.id)) throw new InvalidDataError(where, `question ${q.id} appears twice`);
      if (!q.id.startsWith(category.id)) {
        throw new InvalidDataError(where, `question ${q.id} is listed under category ${category.id}`);
      }
      ids.add(q.id);
    }
    sum += category.maxPoints;
  }
  if (sum !== m.scale.max) {
    throw new InvalidDataError(
      where,
      `categories add up to ${sum} points, but the scale maximum is ${m.scale.max}`,
    );
  }
  checkBands(m.statusBands, m.scale.max, `${where}: statusBands`);
  checkBands(m.scale.legacy.statusBands, m.scale.max, `${where}: scale.legacy.statusBands`);
  const controlIds = new Set(m.keyInternetControls.items.map((k) => k.id));
  if (controlIds.size !== m.keyInternetControls.items.length) {
    throw new InvalidDataError(where, 'key internet control ids are not unique');
  }
  return {
    index: m.index,
    publisher: m.publisher,
    maxTotal: m.scale.max,
    categories: m.categories.map((c) => ({
      id: c.id,
      name: c.name,
      maxPoints: c.maxPoints,
      questions: c.questions.map((q) => ({ ...q, categoryId: c.id })),
    })),
    statusBands: m.statusBands,
    legacyStatusBands: m.scale.legacy.statusBands,
    currentScaleFromEdition: m.scale.appliesFromEdition,
    keyInternetControls: m.keyInternetControls.items,
    coveragePeriods: m.coveragePeriods,
    sources: m.sources.map((s) => {
      const sources = s.urls.map((u) => sourceFor(u, registry));
      return { what: s.what, sources, verification: bestVerification(sources) ?? 'unverified', note: s.note };
    }),
    primaryDocument: {
      source: sourceFor(m.primaryDocument.url, registry),
      checked: m.primaryDocument.checked,
      notChecked: m.primaryDocument.notChecked,
    },
  };
}

/** Bands must cover 0..max exactly once. */
function checkBands(bands: StatusBand[], max: number, where: string): void {
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  let next = 0;
  for (const b of sorted) {
    if (b.min !== next || b.max < b.min) {
      throw new InvalidDataError(
        where,
        `bands must cover 0..${max} without gaps or overlaps (at ${b.status})`,
      );
    }
    next = b.max + 1;
  }
  if (next !== max + 1) throw new InvalidDataError(where, `bands must end at ${max}`);
}
