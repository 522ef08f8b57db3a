/** Everything the review page shows, loaded at once: who is signed in, the revision, the published and previous editions. */
import { accountApi } from '../../api/account-client.js';
import { ApiError, api } from '../../api/client.js';
import type {
  Assessment,
  AuditEntry,
  ControlSuggestion,
  EvidenceLink,
  IndicatorNarrative,
  KeyDevelopment,
  Methodology,
  Principal,
  Recommendation,
  Revision,
  Survey,
  TimelineEvent,
} from '../../api/types.js';
import type { Lang } from '../../i18n/i18n.js';

export interface ReviewData {
  me: Principal;
  /** null: no revision was ever made, the assessment is as published. */
  revision: Revision | null;
  published: Assessment | null;
  /** The edition before, when it is on the same scale: a score that differs from it needs an explanation. */
  previous: Assessment | null;
  methodology: Methodology;
  narratives: IndicatorNarrative[];
  /** The narratives as published (the public's), which the revision's replace. */
  publishedNarratives: IndicatorNarrative[];
  suggestions: ControlSuggestion[];
  audit: AuditEntry[];
  /** The other records, as a reader of drafts sees them (an open revision's marked). */
  events: TimelineEvent[];
  keyDevelopments: KeyDevelopment[];
  links: EvidenceLink[];
  /** Of this edition. */
  surveys: Survey[];
  recommendations: Recommendation[];
}

/** `null` when nobody is signed in. */
export async function loadReview(cc: string, edition: number, lang: Lang): Promise<ReviewData | null> {
  const me = await accountApi.me();
  if (!me) return null;
  const [
    revision,
    published,
    previous,
    methodology,
    narratives,
    publishedNarratives,
    suggestions,
    audit,
    records,
  ] = await Promise.all([
    orNull(accountApi.revision(cc, edition)),
    orNull(accountApi.published(cc, edition)),
    orNull(accountApi.published(cc, edition - 1)),
    api.methodology(lang),
    orNull(api.narratives(cc, edition)).then((p) => p?.items ?? []),
    orNull(accountApi.publishedNarratives(cc, edition)).then((p) => p?.items ?? []),
    // 400: no coverage period is known for the edition, so the rules suggest nothing.
    orNull(api.suggestions(cc, edition), [400, 404]).then((p) => p?.items ?? []),
    accountApi.audit(`assessment:${cc}:${edition}`).then((p) => p.items),
    loadRecords(cc, edition),
  ]);
  const current = revision?.draft ?? published;
  return {
    me,
    revision,
    published,
    previous: previous && current && previous.scale === current.scale ? previous : null,
    methodology,
    narratives,
    publishedNarratives,
    suggestions,
    audit,
    ...records,
  };
}

async function loadRecords(cc: string, edition: number) {
  const [events, keyDevelopments, links, surveys, recommendations] = await Promise.all([
    api.events(cc, { origin: 'reported' }).then((p) => p.items),
    api.keyDevelopments(cc, edition).then((p) => p.items),
    // 400: no coverage period is known for the edition, so nothing can be linked.
    orNull(api.evidenceLinks(cc, edition), [400, 404]).then((p) => p?.items ?? []),
    api.surveys(cc).then((p) => p.items.filter((s) => s.edition === edition)),
    api.recommendations(cc).then((p) => p.items.filter((r) => r.edition === edition)),
  ]);
  return { events, keyDevelopments, links, surveys, recommendations };
}

async function orNull<T>(p: Promise<T>, statuses: number[] = [404]): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof ApiError && statuses.includes(err.status)) return null;
    throw err;
  }
}

/** Whether the signed-in user may act on the country in a role: the server decides, this only hides what it refuses. */
export function mayAct(me: Principal, cc: string, roles: readonly Principal['role'][]): boolean {
  return roles.includes(me.role) && (me.countries.length === 0 || me.countries.includes(cc));
}
