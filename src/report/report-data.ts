/**
 * The report's one door to the store's assessments and evidence: it reads them through the same store calls the
 * public API uses, so that a report shows what the public sees. When assessments and evidence gain a review
 * state, "published only" is filtered here and nowhere else.
 */
import type { Assessment, Source } from '../model/assessment.js';
import type {
  CountryEvent,
  EvidenceLink,
  IndicatorNarrative,
  KeyDevelopment,
  Recommendation,
  Survey,
} from '../model/evidence.js';
import { NotFoundError } from '../shared/errors.js';
import type { Store } from '../store/store.js';

/** What a report of one country × edition reads, as the public API would answer it. */
export interface ReportData {
  /** The country's assessments, oldest first. */
  assessments: Assessment[];
  assessment: Assessment;
  keyDevelopments: KeyDevelopment[];
  narratives: IndicatorNarrative[];
  links: EvidenceLink[];
  events: CountryEvent[];
  surveys: Survey[];
  recommendations: Recommendation[];
  sources: Map<string, Source>;
}

/** Thrown when the country has no assessment at all, or none for the edition (listing those it has). */
export class NoReportError extends NotFoundError {}

/** Assessments as the public API lists them (of one country, or all), by country then edition. */
export function publicAssessments(store: Store, country?: string): Promise<Assessment[]> {
  return store.assessments.list(country ? { country } : {});
}

/** Reported events as the public API lists them (of one country, or all). */
export function publicEvents(store: Store, country?: string): Promise<CountryEvent[]> {
  return store.evidence.list('event', country ? { country } : {});
}

/** Reads everything the report of `country` × `edition` needs; NoReportError when there is no such assessment. */
export async function readReportData(store: Store, country: string, edition: number): Promise<ReportData> {
  const assessments = (await publicAssessments(store, country)).sort((a, b) => a.edition - b.edition);
  if (assessments.length === 0) throw new NoReportError(`no assessment of ${country} in the store`);
  const assessment = assessments.find((a) => a.edition === edition);
  if (!assessment)
    throw new NoReportError(
      `no ${edition} assessment of ${country}; editions: ${assessments.map((a) => a.edition).join(', ')}`,
    );
  const scope = { country, edition };
  const [keyDevelopments, narratives, links, events, surveys, recommendations, sources] = await Promise.all([
    store.evidence.list('key_development', scope),
    store.evidence.list('narrative', scope),
    store.evidence.list('evidence_link', scope),
    publicEvents(store, country),
    store.evidence.list('survey', scope),
    store.evidence.list('recommendation', { country }),
    store.evidence.list('source'),
  ]);
  return {
    assessments,
    assessment,
    keyDevelopments: keyDevelopments.sort((a, b) => a.position - b.position),
    narratives,
    links,
    events,
    surveys,
    recommendations,
    sources: new Map(sources.map((s) => [s.id, s])),
  };
}
