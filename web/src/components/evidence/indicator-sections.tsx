/**
 * Per question of the methodology: its score with the score's sources, the narrative and the explanation of the
 * score's change since the previous edition (with their sources), its evidence links, and the events of the timeline
 * tied to it. Questions with nothing recorded are listed in one line rather than as empty sections.
 */

import { api } from '../../api/client.js';
import type { Assessment, EvidenceLink, ListPage, Methodology, TimelineEvent } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { type Loaded, useApi } from '../../use-api.js';
import { Datum } from '../message.js';
import { overlaps } from '../partial-date.js';
import { Await, Sources, VerificationMark } from '../status.js';
import { DraftMark } from './draft-mark.js';
import { LinkList } from './evidence-link-item.js';
import { EventDate } from './fact-refs.js';
import type { Coverage } from './timeline-chart.js';

export function IndicatorSections({
  cc,
  a,
  methodology,
  coverage,
  links,
}: {
  cc: string;
  a: Assessment;
  methodology: Methodology;
  coverage: Coverage | null;
  /** The edition's evidence links, loaded once for this section and the key internet controls. */
  links: Loaded<ListPage<EvidenceLink>>;
}) {
  const { t, num, date } = useI18n();
  const key = `${cc}-${a.edition}`;
  const loaded = useApi(
    () => Promise.all([api.narratives(cc, a.edition), api.events(cc, { origin: 'reported' })]),
    `indicators-${key}`,
  );
  const known = a.questions.filter((q) => q.score !== null);
  return (
    <section aria-labelledby="indicators">
      <h2 id="indicators">{t('country.indicators')}</h2>
      {known.length === 0 && <p class="muted">{t('country.indicatorsUnknown')}</p>}
      <Await state={both(loaded, links)}>
        {([[narratives, events], links]) => {
          const questions = methodology.categories.flatMap((c) => c.questions);
          const parts = questions.map((q) => ({
            q,
            score: a.questions.find((x) => x.question_id === q.id) ?? null,
            narrative: narratives.items.find((n) => n.question_id === q.id) ?? null,
            links: links.items.filter((l) => l.target_kind === 'question' && l.target_id === q.id),
            // Only what happened in the edition's coverage period bears on its score.
            events: events.items.filter(
              (e) => e.indicators.includes(q.id) && (!coverage || overlaps(e.start, e.end, coverage)),
            ),
          }));
          const has = (p: (typeof parts)[number]) =>
            (p.score?.score ?? null) !== null || p.narrative || p.links.length > 0 || p.events.length > 0;
          const empty = parts.filter((p) => !has(p));
          return (
            <>
              {narratives.items.length === 0 && (
                <p class="muted" data-testid="no-narratives">
                  {t('indicators.noNarratives', { edition: a.edition })}
                </p>
              )}
              {parts.filter(has).map((p) => (
                <article key={p.q.id} id={`q-${p.q.id}`} class="indicator">
                  <h3>
                    <strong>{p.q.id}</strong> {p.q.text}
                  </h3>
                  {(p.score?.score ?? null) !== null && (
                    <p>
                      <span class="label">{t('methodology.points')}:</span>{' '}
                      {t('country.outOf', { score: num(p.score?.score ?? null), max: p.q.max_points })}
                    </p>
                  )}
                  {p.score && <Sources sources={p.score.sources} />}
                  {p.narrative && (
                    <div class="narrative">
                      <p lang="en">
                        <DraftMark state={p.narrative.review_state} />
                        <Datum>{p.narrative.text}</Datum>{' '}
                        <VerificationMark verification={p.narrative.verification} />
                      </p>
                      <p>
                        <span class="label">{t('indicators.scoreChange')}:</span>{' '}
                        {p.narrative.score_change ? (
                          <span lang="en">
                            <Datum>{p.narrative.score_change}</Datum>
                          </span>
                        ) : (
                          <span class="muted">{t('indicators.noScoreChange')}</span>
                        )}
                      </p>
                      <Sources sources={p.narrative.sources} numbered />
                    </div>
                  )}
                  {p.links.length > 0 && <LinkList links={p.links} />}
                  {p.events.length > 0 && (
                    <EventRefs
                      events={p.events}
                      label={
                        coverage
                          ? t('indicators.eventsInPeriod', {
                              period: t('common.period', {
                                first: date(coverage.start),
                                last: date(coverage.end),
                              }),
                            })
                          : t('indicators.events')
                      }
                    />
                  )}
                </article>
              ))}
              {empty.length > 0 && (
                <p class="muted" data-testid="indicators-empty">
                  {t('indicators.nothingFor')}{' '}
                  {empty.map((p, i) => (
                    <span key={p.q.id} id={`q-${p.q.id}`} title={p.q.text}>
                      {i > 0 && ', '}
                      {p.q.id}
                    </span>
                  ))}
                </p>
              )}
            </>
          );
        }}
      </Await>
    </section>
  );
}

/** The reported events tied to a question, each a link to its entry on the timeline. */
function EventRefs({ events, label }: { events: TimelineEvent[]; label: string }) {
  const { t } = useI18n();
  return (
    <div class="event-refs">
      <span class="label">{label}:</span>
      <ul>
        {events.map((e) => (
          <li key={e.id}>
            <EventDate start={e.start} end={e.end} />:{' '}
            <a href={`#ev-${e.id}`} lang="en">
              <Datum>{e.title}</Datum>
            </a>
            {e.indicator_attribution && (
              <span class="muted"> ({t(`timeline.attribution.${e.indicator_attribution}`)})</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Two loads as one: loading while either is, the first error, else both answers. */
function both<A, B>(a: Loaded<A>, b: Loaded<B>): Loaded<[A, B]> {
  if (a.status === 'error') return a;
  if (b.status === 'error') return b;
  if (a.status === 'loading' || b.status === 'loading') return { status: 'loading' };
  return { status: 'ok', data: [a.data, b.data] };
}
