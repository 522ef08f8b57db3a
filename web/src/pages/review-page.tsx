/**
 * An assessment's revision for signed-in users: its review state, the diff against the published one, the review
 * steps open to them, the edit forms for analysts of the country, and the history and audit log.
 */

import { useRef, useState } from 'preact/hooks';
import type { Assessment, Revision } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { href, Link } from '../router.js';
import { useApi } from '../use-api.js';
import { AuditHistory } from './review/audit-history.js';
import { ControlEdits } from './review/control-edits.js';
import { EventForm } from './review/event-form.js';
import { EvidenceLinkForm } from './review/evidence-link-form.js';
import { EvidenceRecords } from './review/evidence-records.js';
import { HeldEvidence } from './review/held-evidence.js';
import { KeyDevelopmentForm } from './review/key-development-form.js';
import { QuestionEdit } from './review/question-edit.js';
import { RecommendationForm } from './review/recommendation-form.js';
import { ReviewActions } from './review/review-actions.js';
import { loadReview, mayAct, type ReviewData } from './review/review-data.js';
import { ReviewDiff } from './review/review-diff.js';
import { SurveyForm } from './review/survey-form.js';

export function ReviewPage({ cc, edition }: { cc: string; edition: number }) {
  const { t, country, lang } = useI18n();
  const [loads, setLoads] = useState(0);
  const loaded = useApi(() => loadReview(cc, edition, lang), `${cc}/${edition}/${lang}/${loads}`);
  const reload = () => setLoads((n) => n + 1);
  // While a write's reload runs, the page stays as it was: the forms keep their state and their "saved".
  const last = useRef<{ key: string; data: ReviewData | null } | null>(null);
  const here = `${cc}/${edition}/${lang}`;
  if (loaded.status === 'ok') last.current = { key: here, data: loaded.data };
  const kept = last.current?.key === here ? last.current : null;
  const title = <h1>{t('review.title', { country: country(cc), edition })}</h1>;
  if (loaded.status === 'loading' && !kept) return <p>{t('common.loading')}</p>;
  if (loaded.status === 'error') return <p role="alert">{t('common.error', { message: loaded.message })}</p>;
  const data = loaded.status === 'ok' ? loaded.data : kept!.data;
  if (data === null)
    return (
      <section>
        {title}
        <p>
          {t('review.signInFirst')}{' '}
          <Link href={href('/login', { next: `/review/${cc}/${edition}` })}>{t('account.signIn')}</Link>
        </p>
      </section>
    );
  const draft = data.revision?.draft ?? data.published;
  if (!draft)
    return (
      <section>
        {title}
        <p>{t('edit.noAssessment', { country: country(cc), edition })}</p>
      </section>
    );
  const canEdit = mayAct(data.me, cc, ['analyst', 'admin']);
  const editable = canEdit && data.revision?.state !== 'in_review';
  return (
    <section class="review-page">
      {title}
      <RevisionState revision={data.revision} />
      <ReviewDiff
        published={data.published}
        previous={data.previous}
        draft={draft}
        narratives={data.narratives}
        questionIds={data.methodology.categories.flatMap((c) => c.questions.map((q) => q.id))}
        held={
          data.revision && data.revision.state !== 'published' && data.revision.evidence.length > 0 ? (
            <HeldEvidence held={data.revision.evidence} published={data.publishedNarratives} />
          ) : null
        }
      />
      {data.revision && data.revision.state !== 'published' && (
        <ReviewActions cc={cc} edition={edition} me={data.me} revision={data.revision} onDone={reload} />
      )}
      {canEdit ? (
        editable && <Edits cc={cc} edition={edition} data={data} draft={draft} onSaved={reload} />
      ) : (
        <p class="muted" data-testid="no-edit">
          {t('edit.mayNotEdit', { country: country(cc) })}
        </p>
      )}
      {data.revision && <RevisionHistory revision={data.revision} />}
      <EvidenceRecords cc={cc} edition={edition} data={data} />
      <AuditHistory entries={data.audit} />
    </section>
  );
}

/** The state, clearly a draft when it is one, the revision and its authors. */
function RevisionState({ revision }: { revision: Revision | null }) {
  const { t } = useI18n();
  if (!revision) return <p>{t('review.none')}</p>;
  return (
    <>
      <p>
        <strong data-testid="review-state" data-state={revision.state}>
          {t(`review.state.${revision.state}`)}
        </strong>{' '}
        · {t('review.revision', { n: revision.revision })}
        {revision.authors.length > 0 && (
          <>
            {' '}
            · {t('review.authors', { names: '' })}
            <span class="datum">{revision.authors.join(', ')}</span>
          </>
        )}
      </p>
      {revision.state !== 'published' && (
        <p class="draft-banner" role="note" data-testid="draft-banner">
          {t(revision.state === 'draft' ? 'edit.draftBanner' : 'edit.inReviewBanner')}
        </p>
      )}
    </>
  );
}

function Edits({
  cc,
  edition,
  data,
  draft,
  onSaved,
}: {
  cc: string;
  edition: number;
  data: ReviewData;
  draft: Assessment;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <section class="question-edits">
        <h2>{t('edit.questionsTitle')}</h2>
        {data.methodology.categories
          .flatMap((c) => c.questions)
          .map((mq) => {
            // Every question of the methodology: an assessment lists only those with something recorded.
            const q = draft.questions.find((x) => x.question_id === mq.id);
            const prev = data.previous?.questions.find((p) => p.question_id === mq.id);
            return (
              <details key={mq.id} data-question={mq.id}>
                <summary>
                  {t('edit.questionSummary', {
                    question: mq.id,
                    score: q?.score ?? t('common.unknown'),
                    max: mq.max_points,
                  })}{' '}
                  <span class="muted">{mq.text}</span>
                </summary>
                <QuestionEdit
                  cc={cc}
                  edition={edition}
                  question={mq.id}
                  max={mq.max_points}
                  score={q?.score ?? null}
                  justification={q?.justification ?? null}
                  previous={
                    data.previous ? { edition: data.previous.edition, score: prev?.score ?? null } : null
                  }
                  narrative={data.narratives.find((n) => n.question_id === mq.id)}
                  onSaved={onSaved}
                />
              </details>
            );
          })}
      </section>
      <ControlEdits
        cc={cc}
        edition={edition}
        draft={draft}
        methodology={data.methodology}
        suggestions={data.suggestions}
        onSaved={onSaved}
      />
      <EventForm cc={cc} edition={edition} onSaved={onSaved} />
      <KeyDevelopmentForm
        cc={cc}
        edition={edition}
        nextPosition={Math.max(0, ...data.keyDevelopments.map((k) => k.position)) + 1}
        onSaved={onSaved}
      />
      <EvidenceLinkForm
        cc={cc}
        edition={edition}
        draft={draft}
        methodology={data.methodology}
        onSaved={onSaved}
      />
      <SurveyForm cc={cc} edition={edition} onSaved={onSaved} />
      <RecommendationForm cc={cc} edition={edition} onSaved={onSaved} />
    </>
  );
}

/** The review steps of the revision, with what changed or the reviewer's comment. */
function RevisionHistory({ revision }: { revision: Revision }) {
  const { t } = useI18n();
  return (
    <>
      <h2>{t('review.history')}</h2>
      <ol data-testid="review-history">
        {revision.history.map((h) => (
          <li key={h.at + h.action}>
            <span class="datum">{h.at.slice(0, 16).replace('T', ' ')} UTC</span> ·{' '}
            <span class="datum">{h.actor}</span> · {t(`review.action.${h.action}`)}
            {h.change ? (
              <>
                {' '}
                · <StepChange change={h.change} />
              </>
            ) : (
              h.note && (
                <>
                  {' '}
                  · <span class="datum">{h.note}</span>
                </>
              )
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

/** An edit's change in the reader's language: `B1: unknown → 2`, `KIC3: no → yes`, `narrative B1`. */
function StepChange({ change }: { change: NonNullable<Revision['history'][number]['change']> }) {
  const { t } = useI18n();
  const value = (v: string | null) =>
    v === 'unknown' || v === 'yes' || v === 'no' ? t(`common.${v}`) : (v ?? t('common.unknown'));
  if (change.part === 'question' || change.part === 'control')
    return (
      <span data-change={change.part}>
        {change.id}: {value(change.from)} → {value(change.to)}
      </span>
    );
  return <span data-change={change.part}>{t(`edit.change.${change.part}`, { id: change.id })}</span>;
}
