/** The rules that suggest key internet controls, as data (data/evidence/suggestion-rules.json), loaded and checked. */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { EVENT_TYPES } from '../model/evidence.js';
import type { Methodology } from '../model/methodology.js';
import { InvalidDataError } from '../shared/errors.js';
import { dataPath } from '../shared/paths.js';

export const SUGGESTION_RULES_PATH = dataPath('evidence', 'suggestion-rules.json');

/** Which confirmation counts: OONI's fingerprint (`confirmed`) or netfreedom's TLS checks (`tls_confirmed`). */
export const CONFIRMATIONS = ['confirmed', 'tls_confirmed'] as const;
export type Confirmation = (typeof CONFIRMATIONS)[number];

const ruleSchema = z.union([
  z.strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** null: the rule proposes whichever control the event names. */
    control: z.string().nullable(),
    description: z.string().min(1),
    events: z.strictObject({
      types: z.array(z.enum(EVENT_TYPES)).optional(),
      indicators: z.array(z.string()).optional(),
      namesControl: z.boolean().optional(),
    }),
  }),
  z.strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    control: z.string(),
    description: z.string().min(1),
    measurements: z.strictObject({
      categories: z.array(z.string().regex(/^[A-Z]{2,6}$/)).min(1),
      confirmations: z.array(z.enum(CONFIRMATIONS)).min(1),
    }),
  }),
]);

export type SuggestionRule = z.infer<typeof ruleSchema>;
export type EventRule = Extract<SuggestionRule, { events: unknown }>;
export type MeasurementRule = Extract<SuggestionRule, { measurements: unknown }>;

/** Parses the rules; a rule naming a control or question the methodology lacks is refused by its id. */
export function parseSuggestionRules(
  json: unknown,
  methodology: Methodology,
  file: string,
): SuggestionRule[] {
  const parsed = z.object({ rules: z.array(ruleSchema) }).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidDataError(`${file}: ${issue.path.join('.')}`, issue.message);
  }
  const controls = methodology.keyInternetControls.map((k) => k.id);
  const questions = methodology.categories.flatMap((c) => c.questions.map((q) => q.id));
  const ids = new Set<string>();
  for (const rule of parsed.data.rules) {
    if (ids.has(rule.id)) throw new InvalidDataError(file, `rule ${rule.id} is given twice`);
    ids.add(rule.id);
    if (rule.control !== null && !controls.includes(rule.control))
      throw new InvalidDataError(file, `rule ${rule.id}: unknown key internet control ${rule.control}`);
    if ('events' in rule) {
      const unknown = (rule.events.indicators ?? []).filter((q) => !questions.includes(q));
      if (unknown.length)
        throw new InvalidDataError(file, `rule ${rule.id}: unknown indicator ${unknown.join(', ')}`);
      if (rule.control === null && !rule.events.namesControl)
        throw new InvalidDataError(
          file,
          `rule ${rule.id}: without a control it must match events that name one`,
        );
    }
  }
  return parsed.data.rules;
}

let bundled: Promise<SuggestionRule[]> | undefined;

/** Loads the bundled rules (once). */
export function loadSuggestionRules(methodology: Methodology): Promise<SuggestionRule[]> {
  bundled ??= readFile(SUGGESTION_RULES_PATH, 'utf8').then((text) =>
    parseSuggestionRules(JSON.parse(text), methodology, SUGGESTION_RULES_PATH),
  );
  return bundled;
}
