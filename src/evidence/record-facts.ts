/** Writing facts: each is checked against the rules (fact-rules.ts) and stored in one transaction of the single writer. */

import { type SourceRegistry, sourceFor } from '../assessment/source-registry.js';
import type { Source } from '../model/assessment.js';
import {
  ADDRESSEES,
  type CountryEvent,
  EVENT_TYPES,
  type IndicatorNarrative,
  type KeyDevelopment,
  RECOMMENDATION_STATUSES,
  type Recommendation,
  type Survey,
} from '../model/evidence.js';
import type { Methodology } from '../model/methodology.js';
import { InvalidInputError } from '../shared/errors.js';
import { sourceId } from '../shared/source-id.js';
import type { Store, WriteResult } from '../store/store.js';
import {
  checkControls,
  checkDates,
  checkId,
  checkIndicators,
  checkInPeriod,
  checkSources,
  checkText,
  coveragePeriod,
} from './fact-rules.js';

/**
 * The ids of these URLs' sources, storing each that is not stored yet: the registry's entry when it lists the URL,
 * else an unverified source about which nothing is established. A URL that is not http(s) is refused: a source is
 * shown as a link, and `javascript:` or `data:` there would run or show whatever its writer wanted.
 */
export async function storeSources(
  store: Store,
  urls: readonly string[],
  registry: SourceRegistry,
): Promise<string[]> {
  return store.transaction(async () => {
    const ids: string[] = [];
    for (const url of urls) {
      if (!/^https?:\/\/\S+$/i.test(url))
        throw new InvalidInputError(`source "${url.slice(0, 200)}" is not an http(s) URL`);
      const id = sourceId(url);
      if (!(await store.evidence.get('source', id)))
        await store.evidence.put('source', sourceFor(url, registry));
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  });
}

/** Stores a source; its id must be its URL's. */
export async function recordSource(store: Store, source: Source): Promise<WriteResult> {
  if (source.id !== sourceId(source.url))
    throw new InvalidInputError(
      `source ${source.url}: id ${source.id} is not its URL's (${sourceId(source.url)})`,
    );
  return store.evidence.put('source', source);
}

/** Stores a reported event after checking its id, type, dates, indicators, key internet controls and sources. */
export async function recordEvent(
  store: Store,
  methodology: Methodology,
  e: CountryEvent,
): Promise<WriteResult> {
  checkEvent(methodology, e);
  return store.transaction(async () => {
    await checkSources(store, e.sourceIds, `event ${e.id}`);
    return store.evidence.put('event', e);
  });
}

/** The checks of an event that need no store: id, type, country, dates, texts, indicators, controls. */
export function checkEvent(methodology: Methodology, e: CountryEvent): void {
  const what = `event ${e.id}`;
  checkId(e.id, what);
  if (!EVENT_TYPES.includes(e.type))
    throw new InvalidInputError(`${what}: type "${e.type}" is not one of ${EVENT_TYPES.join(', ')}`);
  checkCountry(e.country, what);
  checkDates(e.start, e.end, what);
  checkText(e.title, `${what}: the title`);
  checkText(e.summary, `${what}: the summary`);
  checkIndicators(methodology, e.indicators, what);
  checkControls(methodology, e.keyControls, what);
}

/** Stores a key development; a date it gives must lie in its edition's coverage period. */
export async function recordKeyDevelopment(
  store: Store,
  methodology: Methodology,
  k: KeyDevelopment,
): Promise<WriteResult> {
  return store.transaction(async () => {
    await checkKeyDevelopment(store, methodology, k);
    return store.evidence.put('key_development', k);
  });
}

/** The checks of a key development: id, country, text, position, indicators, dates in the period, sources stored. */
export async function checkKeyDevelopment(
  store: Store,
  methodology: Methodology,
  k: KeyDevelopment,
): Promise<void> {
  const what = `key development ${k.id}`;
  checkId(k.id, what);
  checkCountry(k.country, what);
  checkText(k.text, what);
  if (!Number.isInteger(k.position) || k.position < 1)
    throw new InvalidInputError(`${what}: position ${k.position} is not a positive integer`);
  checkIndicators(methodology, k.indicators, what);
  if (k.start !== null) {
    checkDates(k.start, k.end, what);
    checkInPeriod(k.start, k.end, await coveragePeriod(store, methodology, k.country, k.edition), what);
  }
  await checkSources(store, k.sourceIds, what);
}

/** Stores the narrative of one question of an assessment. */
export async function recordNarrative(
  store: Store,
  methodology: Methodology,
  n: IndicatorNarrative,
): Promise<WriteResult> {
  checkNarrative(methodology, n);
  return store.transaction(async () => {
    await checkSources(store, n.sourceIds, `narrative ${n.id}`);
    return store.evidence.put('narrative', n);
  });
}

/** The checks of a narrative that need no store: country, question, id, text. */
export function checkNarrative(methodology: Methodology, n: IndicatorNarrative): void {
  const what = `narrative ${n.id}`;
  checkCountry(n.country, what);
  checkIndicators(methodology, [n.questionId], what);
  if (n.id !== narrativeId(n.country, n.edition, n.questionId))
    throw new InvalidInputError(`${what}: the id must be ${narrativeId(n.country, n.edition, n.questionId)}`);
  checkText(n.text, what);
}

/** The id of a question's narrative: one per country, edition and question. */
export function narrativeId(country: string, edition: number, questionId: string): string {
  return `${country.toLowerCase()}-${edition}-${questionId.toLowerCase()}`;
}

/** Stores a survey: shares between 0 and 1, a positive sample size where one is given, fieldwork in order. */
export async function recordSurvey(store: Store, s: Survey): Promise<WriteResult> {
  checkSurvey(s);
  return store.transaction(async () => {
    await checkSources(store, s.sourceIds, `survey ${s.id}`);
    return store.evidence.put('survey', s);
  });
}

/** The checks of a survey that need no store. */
export function checkSurvey(s: Survey): void {
  const what = `survey ${s.id}`;
  checkId(s.id, what);
  checkCountry(s.country, what);
  if (s.fieldworkStart && s.fieldworkEnd) checkDates(s.fieldworkStart, s.fieldworkEnd, `${what}: fieldwork`);
  if (s.questions.length === 0) throw new InvalidInputError(`${what} has no question`);
  for (const q of s.questions) {
    checkText(q.question, `${what}: a question`);
    if (q.sampleSize !== null && (!Number.isInteger(q.sampleSize) || q.sampleSize < 1))
      throw new InvalidInputError(`${what}: sample size ${q.sampleSize} is not a positive integer`);
    for (const a of q.answers)
      if (!(a.share >= 0 && a.share <= 1))
        throw new InvalidInputError(`${what}: share ${a.share} of "${a.answer}" is not between 0 and 1`);
  }
}

/** Stores a recommendation with its addressees and its status in later editions, each status with its evidence. */
export async function recordRecommendation(store: Store, r: Recommendation): Promise<WriteResult> {
  const what = `recommendation ${r.id}`;
  checkId(r.id, what);
  checkCountry(r.country, what);
  checkText(r.text, what);
  if (r.addressees.length === 0 || r.addressees.some((a) => !ADDRESSEES.includes(a)))
    throw new InvalidInputError(`${what}: addressees must be some of ${ADDRESSEES.join(', ')}`);
  for (const st of r.statuses) {
    if (st.edition <= r.edition)
      throw new InvalidInputError(
        `${what}: a status belongs to a later edition than ${r.edition}, not ${st.edition}`,
      );
    if (!RECOMMENDATION_STATUSES.includes(st.status))
      throw new InvalidInputError(
        `${what}: status "${st.status}" is not one of ${RECOMMENDATION_STATUSES.join(', ')}`,
      );
  }
  return store.transaction(async () => {
    await checkSources(store, r.sourceIds, what);
    for (const st of r.statuses) await checkSources(store, st.sourceIds, `${what}, status in ${st.edition}`);
    return store.evidence.put('recommendation', r);
  });
}

function checkCountry(country: string, what: string): void {
  if (!/^[A-Z]{2}$/.test(country))
    throw new InvalidInputError(`${what}: country "${country}" is not a two-letter code`);
}
