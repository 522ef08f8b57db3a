/**
 * The country report model in the API's snake_case names: every figure `{ value, refs }`, each reference a
 * numbered source (`source`, n) or query snapshot (`query`, n) listed at the end.
 */
import { z } from 'zod';
import type { CountryReport } from '../../report/report-model.js';
import { named } from './api-schemas.js';
import { sourceJson, toSourceJson } from './assessment-json.js';

const refJson = named(
  'ReportRef',
  'A reference: source n of the numbered sources, or query snapshot n of the appendix',
  z.strictObject({ kind: z.enum(['source', 'query']), n: z.number().int().min(1) }),
);

const figureJson = named(
  'ReportFigure',
  'A number of the report with its references (at least one)',
  z.strictObject({ value: z.number(), refs: z.array(refJson).min(1) }),
);

const sourcedTextJson = z.looseObject({ text: z.string(), refs: z.array(refJson) });

const snapshotJson = named(
  'ReportQuerySnapshot',
  'A measurement query as it ran for the report: what it asked, when, and the figures it gave',
  z.strictObject({
    n: z.number().int(),
    label: z.string(),
    api: z.string().describe('API path and query string'),
    explorer: z.string().describe("the dashboard's explorer view of the same measurements"),
    computed_at: z.string(),
    includes_simulated: z.boolean(),
    figures: z.array(z.strictObject({ label: z.string(), value: z.number() })),
  }),
);

export const reportJson = named(
  'CountryReport',
  'A country report: status line, breakdown, history, key developments, key internet controls, events, ' +
    'measured evidence, surveys, recommendations, methodology note, numbered sources and query snapshots',
  z.strictObject({
    version: z.literal(1),
    country: z.string(),
    country_name: z.string(),
    edition: z.number().int(),
    lang: z.enum(['en', 'ru', 'kk']),
    generated_at: z.string(),
    status: z.looseObject({
      total: figureJson.nullable(),
      max_total: z.number(),
      scale: z.enum(['current', 'legacy']),
      status: z.enum(['Free', 'Partly Free', 'Not Free']).nullable(),
      change: z.looseObject({ value: figureJson, previous_edition: z.number().int() }).nullable(),
      coverage_start: z.string().nullable(),
      coverage_end: z.string().nullable(),
    }),
    categories: z.array(
      z.looseObject({ id: z.string(), name: z.string(), score: figureJson.nullable(), max: z.number() }),
    ),
    questions: z.array(
      z.looseObject({ id: z.string(), score: figureJson.nullable(), narrative: sourcedTextJson.nullable() }),
    ),
    history: z.array(
      z.looseObject({
        edition: z.number().int(),
        scale: z.enum(['current', 'legacy']),
        published: figureJson,
        current: figureJson.describe('on the current scale: legacy figures converted as 100 − published'),
        converted: z.boolean(),
      }),
    ),
    key_developments: z.array(sourcedTextJson),
    key_controls: z.array(z.looseObject({ id: z.string(), label: z.string(), answer: z.string() })),
    events: z.array(
      z.looseObject({
        id: z.string(),
        start: z.string(),
        title: z.string(),
        summary: z.string(),
        refs: z.array(refJson),
      }),
    ),
    measured: z
      .looseObject({
        total: figureJson,
        blocked: figureJson,
        simulated: figureJson,
        outside_coverage: z.boolean(),
        by_category: z.array(z.looseObject({ key: z.string(), sites: figureJson })),
        by_technique: z.array(z.looseObject({ key: z.string(), sites: figureJson })),
        sites: z.array(z.looseObject({ domain: z.string(), measurements: figureJson })),
        networks: z.array(z.looseObject({ asn: z.string(), measurements: figureJson })),
        issuers: z.array(z.looseObject({ issuer: z.string(), measurements: figureJson })),
        changes: z.array(z.looseObject({ domain: z.string(), asn: z.string(), measurements: figureJson })),
      })
      .nullable(),
    surveys: z.array(
      z.looseObject({ question: z.string(), answers: z.array(z.looseObject({ share: figureJson })) }),
    ),
    recommendations: z.array(sourcedTextJson),
    methodology: z.looseObject({ max_total: figureJson }),
    sources: z.array(z.strictObject({ n: z.number().int(), source: sourceJson })),
    snapshots: z.array(snapshotJson),
  }),
);

export type ReportJson = z.infer<typeof reportJson>;

/** The report model with its names in snake_case (the model's values are already JSON). */
export function toReportJson(report: CountryReport): ReportJson {
  const json = snakeKeys(report) as ReportJson;
  return { ...json, sources: report.sources.map(({ n, source }) => ({ n, source: toSourceJson(source) })) };
}

function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
        snakeKeys(v),
      ]),
    );
  return value;
}
