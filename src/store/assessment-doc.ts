/** A stored assessment as the current model has it: documents written before sources carried their verification are read with 'unknown' and 'unverified' in the fields they lack. */
import { type Assessment, type Source, UNKNOWN } from '../model/assessment.js';
import { sourceId } from '../shared/source-id.js';

type StoredSource = Partial<Source> & { url: string; title?: string | null; accessed?: string | null };

/**
 * Parses a stored document. An older document (before a source carried its publisher and verification) gets
 * them as not established, never guessed: re-importing the bundled scores fills them from data/fotn/sources.csv.
 */
export function readAssessmentDoc(text: string): Assessment {
  const a = JSON.parse(text) as Assessment;
  const fix = (s: StoredSource): Source => ({
    id: s.id ?? sourceId(s.url),
    url: s.url,
    title: s.title ?? UNKNOWN,
    publisher: s.publisher ?? UNKNOWN,
    accessed: s.accessed ?? UNKNOWN,
    published: s.published ?? UNKNOWN,
    archiveSha256: s.archiveSha256 ?? null,
    verification: s.verification ?? 'unverified',
    kind: s.kind ?? 'unknown',
    originalPublisher: s.originalPublisher ?? null,
    note: s.note ?? null,
  });
  const totalSources = a.totalSources.map(fix);
  const categorySources = a.categorySources.map(fix);
  return {
    ...a,
    totalSources,
    categorySources,
    questions: a.questions.map((q) => ({ ...q, sources: q.sources.map(fix) })),
    keyControls: a.keyControls.map((k) => ({ ...k, sources: k.sources.map(fix) })),
    restatedInEdition: a.restatedInEdition ?? null,
    totalVerification:
      a.totalVerification !== undefined ? a.totalVerification : totalSources.length ? 'unverified' : null,
    categoryVerification:
      a.categoryVerification !== undefined
        ? a.categoryVerification
        : categorySources.length
          ? 'unverified'
          : null,
  };
}
