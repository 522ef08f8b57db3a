/** The Freedom on the Net methodology in the API's snake_case names. */
import { z } from 'zod';
import { LANGUAGES, type Lang } from '../../model/language.js';
import type { Category, Methodology, Question, StatusBand } from '../../model/methodology.js';
import { named } from './api-schemas.js';
import { sourceJson, toSourceJson } from './assessment-json.js';

const questionJson = named(
  'Question',
  'One question of the methodology',
  z.strictObject({
    id: z.string(),
    category_id: z.string(),
    max_points: z.number().int(),
    text: z.string(),
    verification: z.string().describe("how sure the wording is ('verbatim', 'recalled', ...)"),
  }),
);

const categoryJson = named(
  'Category',
  'A category of the methodology (A, B, C) and its questions',
  z.strictObject({
    id: z.string(),
    name: z.string(),
    max_points: z.number().int(),
    questions: z.array(questionJson),
  }),
);

const statusBandJson = named(
  'StatusBand',
  'The totals that give a status on one scale',
  z.strictObject({
    status: z.enum(['Free', 'Partly Free', 'Not Free']),
    min: z.number(),
    max: z.number(),
  }),
);

/** The methodology. */
export const methodologyJson = named(
  'Methodology',
  'The Freedom on the Net methodology as data: categories, questions, status bands, key internet controls',
  z.strictObject({
    lang: z
      .enum(LANGUAGES)
      .describe(
        "the language of the texts (names, questions, controls, notes on sources); ru and kk are netfreedom's " +
          "translations, not Freedom House's",
      ),
    index: z.string(),
    publisher: z.string(),
    max_total: z.number().int(),
    categories: z.array(categoryJson),
    status_bands: z.array(statusBandJson).describe('bands of the current (2019+) scale, 0 least free'),
    legacy_status_bands: z
      .array(statusBandJson)
      .describe('bands of the legacy (2011–2018) scale, 0 most free'),
    current_scale_from_edition: z.number().int().describe('first edition published on the current scale'),
    key_internet_controls: z.array(z.strictObject({ id: z.string(), label: z.string() })),
    coverage_periods: z.array(
      z.strictObject({ edition: z.number().int(), start: z.string(), end: z.string() }),
    ),
    sources: z
      .array(
        z.strictObject({
          what: z.string().describe('which part of the methodology'),
          sources: z
            .array(sourceJson)
            .describe('empty when the only source could not be identified (see note)'),
          verification: z.enum(['primary', 'secondary', 'unverified']),
          note: z.string().nullable(),
        }),
      )
      .describe('where each part of the methodology comes from'),
    primary_document: z
      .strictObject({
        source: sourceJson,
        checked: z.string().describe('what of the methodology was checked against it'),
        not_checked: z.string().describe('what could not be checked against it'),
      })
      .describe("Freedom House's methodology page"),
  }),
);

export type MethodologyJson = z.output<typeof methodologyJson>;

/** The methodology in the API's names; `lang` says which language its texts are in. */
export function toMethodologyJson(m: Methodology, lang: Lang = 'en'): MethodologyJson {
  return {
    lang,
    index: m.index,
    publisher: m.publisher,
    max_total: m.maxTotal,
    categories: m.categories.map(toCategoryJson),
    status_bands: m.statusBands.map(toStatusBandJson),
    legacy_status_bands: m.legacyStatusBands.map(toStatusBandJson),
    current_scale_from_edition: m.currentScaleFromEdition,
    key_internet_controls: m.keyInternetControls.map((k) => ({ id: k.id, label: k.label })),
    coverage_periods: m.coveragePeriods.map((p) => ({ edition: p.edition, start: p.start, end: p.end })),
    sources: m.sources.map((s) => ({
      what: s.what,
      sources: s.sources.map(toSourceJson),
      verification: s.verification,
      note: s.note,
    })),
    primary_document: {
      source: toSourceJson(m.primaryDocument.source),
      checked: m.primaryDocument.checked,
      not_checked: m.primaryDocument.notChecked,
    },
  };
}

function toCategoryJson(c: Category): z.output<typeof categoryJson> {
  return { id: c.id, name: c.name, max_points: c.maxPoints, questions: c.questions.map(toQuestionJson) };
}

function toQuestionJson(q: Question): z.output<typeof questionJson> {
  return {
    id: q.id,
    category_id: q.categoryId,
    max_points: q.maxPoints,
    text: q.text,
    verification: q.verification,
  };
}

function toStatusBandJson(b: StatusBand): z.output<typeof statusBandJson> {
  return { status: b.status, min: b.min, max: b.max };
}
