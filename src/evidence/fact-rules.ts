/**
 * The rules every fact obeys before it is stored: at least one source, and every source it names stored; question
 * and key internet control ids of the methodology; well-formed partial dates, a range in order; a date inside the
 * assessment's coverage period where the fact belongs to an assessment.
 */
import type { EvidenceTarget, PartialDate } from '../model/evidence.js';
import type { Methodology } from '../model/methodology.js';
import { InvalidInputError } from '../shared/errors.js';
import { firstDay, isPartialDate, lastDay } from '../shared/source-id.js';
import type { Store } from '../store/store.js';

/** Refuses a fact that names no source, or a source the store does not hold. */
export async function checkSources(store: Store, sourceIds: readonly string[], what: string): Promise<void> {
  if (sourceIds.length === 0)
    throw new InvalidInputError(`${what} has no source: every fact needs at least one`);
  for (const id of sourceIds)
    if (!(await store.evidence.get('source', id)))
      throw new InvalidInputError(`${what} names source ${id}, which is not stored`);
}

/** Refuses question ids the methodology does not have (B3, C2…). */
export function checkIndicators(methodology: Methodology, ids: readonly string[], what: string): void {
  const known = new Set(methodology.categories.flatMap((c) => c.questions.map((q) => q.id)));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new InvalidInputError(
      `${what}: unknown indicator ${unknown.join(', ')} (the methodology's questions are ${[...known].join(', ')})`,
    );
}

/** Refuses key internet control ids the methodology does not have (KIC1…KIC9). */
export function checkControls(methodology: Methodology, ids: readonly string[], what: string): void {
  const known = methodology.keyInternetControls.map((k) => k.id);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0)
    throw new InvalidInputError(
      `${what}: unknown key internet control ${unknown.join(', ')} (${known.join(', ')})`,
    );
}

/** A target of an evidence link: a question or a key internet control of the methodology. */
export function parseTarget(methodology: Methodology, id: string): EvidenceTarget {
  const upper = id.toUpperCase();
  if (methodology.keyInternetControls.some((k) => k.id === upper)) return { kind: 'key_control', id: upper };
  checkIndicators(methodology, [upper], 'evidence target');
  return { kind: 'question', id: upper };
}

/** Refuses a malformed date or a range whose end comes before its start. */
export function checkDates(start: PartialDate, end: PartialDate | null, what: string): void {
  if (!isPartialDate(start))
    throw new InvalidInputError(`${what}: date "${start}" is not YYYY, YYYY-MM or YYYY-MM-DD`);
  if (end === null) return;
  if (!isPartialDate(end))
    throw new InvalidInputError(`${what}: end date "${end}" is not YYYY, YYYY-MM or YYYY-MM-DD`);
  if (lastDay(end) < firstDay(start))
    throw new InvalidInputError(`${what}: ends (${end}) before it starts (${start})`);
}

/** A period of days, both ends inclusive (YYYY-MM-DD). */
export interface Period {
  start: string;
  end: string;
}

/** How a (partial) date range lies against a period: entirely inside, partly, or outside. */
export function placeInPeriod(
  start: PartialDate,
  end: PartialDate | null,
  period: Period,
): 'entirely' | 'partly' | 'outside' {
  const from = firstDay(start);
  const to = lastDay(end ?? start);
  if (to < period.start || from > period.end) return 'outside';
  return from >= period.start && to <= period.end ? 'entirely' : 'partly';
}

/**
 * The coverage period of a country's edition: the stored assessment's, else the methodology's for the edition;
 * refused when neither knows it (a fact that must lie in it cannot be checked).
 */
export async function coveragePeriod(
  store: Store,
  methodology: Methodology,
  country: string,
  edition: number,
): Promise<Period> {
  const a = await store.assessments.get(country, edition);
  if (a?.coverageStart && a.coverageEnd) return { start: a.coverageStart, end: a.coverageEnd };
  const p = methodology.coveragePeriods.find((c) => c.edition === edition);
  if (p) return { start: p.start, end: p.end };
  throw new InvalidInputError(
    `no coverage period is known for ${country} ${edition} (neither its assessment nor the methodology gives one)`,
  );
}

/** Refuses a date range that does not lie entirely in the period. */
export function checkInPeriod(
  start: PartialDate,
  end: PartialDate | null,
  period: Period,
  what: string,
): void {
  if (placeInPeriod(start, end, period) !== 'entirely')
    throw new InvalidInputError(
      `${what}: ${end ? `${start} – ${end}` : start} is outside the coverage period ${period.start} – ${period.end}`,
    );
}

/** Refuses an id that is not lower-case letters, digits and dashes. */
export function checkId(id: string, what: string): void {
  if (!/^[a-z0-9][a-z0-9-]{1,99}$/.test(id))
    throw new InvalidInputError(`${what}: id "${id}" must be 2–100 lower-case letters, digits and dashes`);
}

/** Refuses an empty text. */
export function checkText(text: string, what: string): void {
  if (!text.trim()) throw new InvalidInputError(`${what} is empty`);
}
