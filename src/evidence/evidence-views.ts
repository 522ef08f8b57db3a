/** What the API and the CLI show of the evidence: facts with their sources looked up, links with today's figures. */
import type { Source } from '../model/assessment.js';
import type { IndicatorNarrative, Recommendation } from '../model/evidence.js';
import type { Store } from '../store/store.js';
import { type SeenRecord, withDrafts } from './draft-evidence.js';
import { measurementFigures } from './measurement-figures.js';

/** Attaches to each fact the sources its ids name, in the order named (an id the store lacks is left out). */
export async function withSources<T extends { sourceIds: string[] }>(
  store: Store,
  facts: readonly T[],
): Promise<(T & { sources: Source[] })[]> {
  const all = new Map((await store.evidence.list('source')).map((s) => [s.id, s]));
  const look = (ids: readonly string[]) => ids.flatMap((id) => (all.has(id) ? [all.get(id)!] : []));
  return facts.map((f) => ({ ...f, sources: look(f.sourceIds) }));
}

/** A country's recommendations, with the sources of each and of each of its statuses. */
export async function recommendationsWithSources(store: Store, country: string) {
  const list = await withSources<Recommendation>(
    store,
    await store.evidence.list('recommendation', { country }),
  );
  return Promise.all(list.map(async (r) => ({ ...r, statuses: await withSources(store, r.statuses) })));
}

/**
 * An assessment's narratives, by question id, each with the ids of its question's evidence links; with `drafts`, as a
 * reader of drafts sees them (the open revision's in place of the published, marked).
 */
export async function narrativesWithLinks(store: Store, country: string, edition: number, drafts = false) {
  const links = await store.evidence.list('evidence_link', { country, edition });
  const published = await store.evidence.list('narrative', { country, edition });
  const narratives = await withSources<SeenRecord<IndicatorNarrative>>(
    store,
    drafts ? await withDrafts(store, 'narrative', { country, edition }, published) : published,
  );
  return narratives
    .map((n) => ({
      ...n,
      evidenceLinkIds: links
        .filter((l) => l.target.kind === 'question' && l.target.id === n.questionId)
        .map((l) => l.id),
    }))
    .sort((a, b) => a.questionId.localeCompare(b.questionId, 'en', { numeric: true }));
}

/** An assessment's evidence links with what they point to, and for a measurement query its figures now. */
export async function resolvedLinks(
  store: Store,
  country: string,
  edition: number,
  now: () => Date = () => new Date(),
) {
  const links = await store.evidence.list('evidence_link', { country, edition });
  return Promise.all(
    links.map(async (link) => {
      const e = link.evidence;
      return {
        link,
        event: e.kind === 'event' ? await store.evidence.get('event', e.eventId) : null,
        source: e.kind === 'source' ? await store.evidence.get('source', e.sourceId) : null,
        current: e.kind === 'measurement_query' ? await measurementFigures(store, e.query, now) : null,
      };
    }),
  );
}
