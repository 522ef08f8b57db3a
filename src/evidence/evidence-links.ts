/**
 * Evidence links from a question score or a key internet control of an assessment to an event, a source, or a
 * saved measurement query with a snapshot of its figures when it was linked. Linking the same evidence to the
 * same target again changes nothing, so the first snapshot stays.
 */

import { createHash } from 'node:crypto';
import { visibleEvidence } from '../assessment/revisions.js';
import type { CountryEvent, EvidenceLink, EvidenceRef, EvidenceTarget } from '../model/evidence.js';
import type { Methodology } from '../model/methodology.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import type { Store, WriteResult } from '../store/store.js';
import { coveragePeriod, placeInPeriod } from './fact-rules.js';
import { measurementFigures } from './measurement-figures.js';
import { type QueryFilters, savedQuery } from './saved-query.js';

/** What to link: an event by id, a stored source by id, or measurement filters (the window defaults to the period). */
export type LinkRequest =
  | { kind: 'event'; eventId: string }
  | { kind: 'source'; sourceId: string }
  | { kind: 'measurement_query'; filters: QueryFilters };

export interface LinkInput {
  country: string;
  edition: number;
  target: EvidenceTarget;
  request: LinkRequest;
  note?: string | null;
  now?: () => Date;
}

/**
 * Links evidence after checking it: the event must be the country's and lie (at least partly) in the edition's
 * coverage period, the source must be stored, the query's window must lie in the period. Answers the link as
 * stored and what the write did.
 */
export function linkEvidence(
  store: Store,
  methodology: Methodology,
  input: LinkInput,
): Promise<{ link: EvidenceLink; result: WriteResult }> {
  const now = input.now ?? (() => new Date());
  const { country, edition, target } = input;
  return store.transaction(async () => {
    const period = await coveragePeriod(store, methodology, country, edition);
    let evidence: EvidenceRef;
    const r = input.request;
    if (r.kind === 'event') {
      // An event the edition's open revision holds may be linked too (it is public once that revision is).
      const event = (await visibleEvidence(
        store,
        { country, edition },
        'event',
        r.eventId,
      )) as CountryEvent | null;
      if (!event || event.country !== country)
        throw new NotFoundError(`no event ${r.eventId} for ${country}`);
      if (placeInPeriod(event.start, event.end, period) === 'outside')
        throw new InvalidInputError(
          `event ${event.id} (${event.end ? `${event.start} – ${event.end}` : event.start}) is outside ${country} ` +
            `${edition}'s coverage period ${period.start} – ${period.end}`,
        );
      evidence = { kind: 'event', eventId: event.id };
    } else if (r.kind === 'source') {
      if (!(await store.evidence.get('source', r.sourceId)))
        throw new NotFoundError(`no source ${r.sourceId}`);
      evidence = { kind: 'source', sourceId: r.sourceId };
    } else {
      const query = savedQuery(country, r.filters, period);
      evidence = { kind: 'measurement_query', query, snapshot: await measurementFigures(store, query, now) };
    }
    const id = linkId(country, edition, target, evidence);
    const existing = await store.evidence.get('evidence_link', id);
    if (existing) return { link: existing, result: 'unchanged' as const };
    const link: EvidenceLink = {
      id,
      country,
      edition,
      target,
      evidence,
      note: input.note?.trim() || null,
      linkedAt: now().toISOString(),
    };
    return { link, result: await store.evidence.put('evidence_link', link) };
  });
}

/** The id of a link: the same target and evidence (the query, not its figures) is the same link. */
export function linkId(
  country: string,
  edition: number,
  target: EvidenceTarget,
  evidence: EvidenceRef,
): string {
  const what =
    evidence.kind === 'event'
      ? evidence.eventId
      : evidence.kind === 'source'
        ? evidence.sourceId
        : evidence.query.query;
  const hash = createHash('sha256')
    .update(`${country}|${edition}|${target.kind}|${target.id}|${evidence.kind}|${what}`)
    .digest('hex')
    .slice(0, 12);
  return `${country.toLowerCase()}-${edition}-${target.id.toLowerCase()}-${hash}`;
}
