/** Analysts' edits: a question score or a key internet control answer, each with its evidence, made in the draft revision. */
import {
  type Assessment,
  type AssessmentInput,
  type ControlAnswer,
  type Source,
  UNKNOWN,
} from '../model/assessment.js';
import type { Acting } from '../model/audit.js';
import type { Methodology } from '../model/methodology.js';
import type { AssessmentRevision } from '../model/review.js';
import { isIsoDate } from '../shared/dates.js';
import { InvalidInputError } from '../shared/errors.js';
import { sourceId } from '../shared/source-id.js';
import type { Store } from '../store/store.js';
import { editDraft, getRevision } from './revisions.js';
import { buildAssessment, defaultScaleFor } from './scoring.js';
import { loadSourceRegistry } from './source-registry.js';

/**
 * A source an analyst gives: the URL and, when given, its title and the day it was read; nothing about it is
 * verified (unverified, publisher unknown) until someone checks it and lists it in data/fotn/sources.csv.
 */
export function analystSource(url: string, accessed: string, title: string = UNKNOWN): Source {
  return {
    id: sourceId(url),
    url,
    title,
    publisher: UNKNOWN,
    accessed,
    published: UNKNOWN,
    archiveSha256: null,
    verification: 'unverified',
    kind: 'unknown',
    originalPublisher: null,
    note: 'given by an analyst; not checked',
  };
}

/**
 * The source as the bundled lists describe it when they have its URL, else as the analyst gave it: one URL has one
 * description, the checked one (the evidence store's sources come from the same lists).
 */
export async function described(source: Source): Promise<Source> {
  return (await loadSourceRegistry()).get(source.url) ?? source;
}

export interface QuestionEdit {
  country: string;
  edition: number;
  questionId: string;
  /** null marks the score unknown again. */
  score: number | null;
  justification: string;
  source: Source;
}

/**
 * Sets one question score in the assessment's draft (a published edition gets a new revision); the category and
 * total are re-checked, so a contradicting edit is refused. Answers the draft.
 */
export async function setQuestionScore(
  store: Store,
  methodology: Methodology,
  acting: Acting,
  edit: QuestionEdit,
): Promise<AssessmentRevision> {
  checkEvidence(edit.justification, edit.source, 'a score');
  const entry = {
    questionId: edit.questionId,
    score: edit.score,
    justification: edit.justification.trim(),
    sources: [await described(edit.source)],
  };
  const before = await currentContent(store, edit.country, edit.edition);
  const was = before?.questions.find((q) => q.questionId === edit.questionId) ?? null;
  return editDraft(
    store,
    methodology,
    acting,
    {
      country: edit.country,
      edition: edit.edition,
      change: (base) => ({
        ...base,
        questions: [...base.questions.filter((q) => q.questionId !== edit.questionId), entry],
      }),
      note: `${edit.questionId}: ${scoreText(was?.score)} → ${scoreText(edit.score)}`,
      step: {
        part: 'question',
        id: edit.questionId,
        from: scoreText(was?.score),
        to: scoreText(edit.score),
      },
      audit: {
        action: 'assessment.edit_question',
        before: was,
        after: (a) => ({ question: entry, total: a.total }),
        reason: entry.justification,
      },
    },
    (country, edition) => emptyAssessment(methodology, country, edition),
  );
}

export interface ControlEdit {
  country: string;
  edition: number;
  controlId: string;
  answer: ControlAnswer;
  evidence: string;
  source: Source;
}

/** Answers one key internet control (yes / no / unknown) with its evidence and source, in the draft. */
export async function setKeyControl(
  store: Store,
  methodology: Methodology,
  acting: Acting,
  edit: ControlEdit,
): Promise<AssessmentRevision> {
  checkEvidence(edit.evidence, edit.source, 'an answer');
  const { source, ...rest } = edit;
  return answerKeyControl(
    store,
    methodology,
    acting,
    { ...rest, sources: [await described(source)] },
    'assessment.edit_control',
  );
}

/**
 * Answers one key internet control in the draft with evidence in words and the sources behind it (none when the
 * evidence is measurements, linked apart): also the answer to a suggestion an analyst accepted (src/evidence/),
 * which is reviewed and published like any other edit.
 */
export async function answerKeyControl(
  store: Store,
  methodology: Methodology,
  acting: Acting,
  edit: Omit<ControlEdit, 'source'> & { sources: Source[] },
  action = 'assessment.edit_control',
): Promise<AssessmentRevision> {
  const entry = {
    controlId: edit.controlId,
    answer: edit.answer,
    evidence: edit.evidence.trim(),
    sources: edit.sources,
  };
  const before = await currentContent(store, edit.country, edit.edition);
  const was = before?.keyControls.find((k) => k.controlId === edit.controlId) ?? null;
  return editDraft(
    store,
    methodology,
    acting,
    {
      country: edit.country,
      edition: edit.edition,
      change: (base) => ({
        ...base,
        keyControls: [...base.keyControls.filter((k) => k.controlId !== edit.controlId), entry],
      }),
      note: `${edit.controlId}: ${was?.answer ?? 'unknown'} → ${edit.answer}`,
      step: { part: 'control', id: edit.controlId, from: was?.answer ?? 'unknown', to: edit.answer },
      audit: {
        action,
        before: was,
        after: () => ({ control: entry }),
        reason: entry.evidence,
      },
    },
    (country, edition) => emptyAssessment(methodology, country, edition),
  );
}

/** What an edit starts from: the open draft, else the published assessment. */
async function currentContent(store: Store, country: string, edition: number): Promise<Assessment | null> {
  const r = await getRevision(store, country, edition);
  if (r && r.state !== 'published') return r.draft;
  return store.assessments.get(country, edition);
}

function scoreText(score: number | null | undefined): string {
  return score === null || score === undefined ? 'unknown' : String(score);
}

function checkEvidence(text: string, source: Source, what: string): void {
  if (!text.trim()) throw new InvalidInputError(`${what} needs a justification`);
  if (!/^https?:\/\/\S+$/.test(source.url))
    throw new InvalidInputError(`source "${source.url}" is not an http(s) URL`);
  if (source.accessed !== UNKNOWN && !isIsoDate(source.accessed)) {
    throw new InvalidInputError(`accessed date "${source.accessed}" is not a YYYY-MM-DD date`);
  }
}

export { toInput } from './revisions.js';

/** An assessment with nothing recorded yet: what a draft starts from when nothing of the edition is published. */
export function emptyAssessment(methodology: Methodology, country: string, edition: number): Assessment {
  return buildAssessment(methodology, emptyInput(methodology, country, edition));
}

function emptyInput(methodology: Methodology, country: string, edition: number): AssessmentInput {
  const period = methodology.coveragePeriods.find((p) => p.edition === edition);
  return {
    country,
    edition,
    scale: defaultScaleFor(methodology, edition),
    coverageStart: period?.start ?? null,
    coverageEnd: period?.end ?? null,
    total: null,
    categories: {},
    status: null,
    questions: [],
    keyControls: [],
    totalSources: [],
    categorySources: [],
    previousEditionTotal: null,
    notes: null,
    restatedInEdition: null,
  };
}
