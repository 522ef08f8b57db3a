/**
 * A country's timeline: filters (event type, question) kept in the URL, the chart, and the numbered list of events,
 * each with its date as precise as its source, its type, title and summary (data, rendered as text), the questions
 * and key internet controls it bears on, and its numbered sources. Measured changes say so and link to their
 * measurements; they have no sources, only measurements.
 */

import { lazy, Suspense } from 'preact/compat';
// The closed vocabulary of event types, from the model itself (types only, no I/O), in the order the filter lists them.
import { EVENT_TYPES } from '../../../../src/model/evidence.js';
import { api, timelinePath } from '../../api/client.js';
import type { Methodology, TimelineEvent } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { href, Link, type Location, navigate } from '../../router.js';
import { useApi } from '../../use-api.js';
import { Datum, Message } from '../message.js';
import { Await, Sources, VerificationMark } from '../status.js';
import { DraftMark } from './draft-mark.js';
import { ControlRefs, EventDate, IndicatorRefs } from './fact-refs.js';
import type { Coverage } from './timeline-chart.js';

const TimelineChart = lazy(() => import('./timeline-chart.js'));

export function CountryTimeline({
  cc,
  loc,
  methodology,
  coverage,
}: {
  cc: string;
  loc: Location;
  methodology: Methodology;
  coverage: Coverage | null;
}) {
  const { t } = useI18n();
  const type = loc.query.get('event_type') ?? '';
  const indicator = loc.query.get('event_indicator') ?? '';
  const filter = { type: type || undefined, indicator: indicator || undefined };
  const events = useApi(() => api.events(cc, filter), `events-${cc}-${type}-${indicator}`);
  const setFilter = (k: string, v: string) => {
    const q = new URLSearchParams(loc.query);
    if (v) q.set(k, v);
    else q.delete(k);
    navigate(`${loc.path}?${q}#timeline`, true);
  };
  const questions = methodology.categories.flatMap((c) => c.questions);
  return (
    <section class="timeline" aria-labelledby="timeline">
      <h2 id="timeline">{t('timeline.title')}</h2>
      <p class="muted">{t('timeline.intro')}</p>
      <div class="timeline-filters">
        <label>
          {t('timeline.type')}{' '}
          <select
            value={type}
            onChange={(e) => setFilter('event_type', (e.target as HTMLSelectElement).value)}
          >
            <option value="">{t('explorer.any')}</option>
            {EVENT_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`eventType.${ty}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('timeline.indicator')}{' '}
          <select
            value={indicator}
            onChange={(e) => setFilter('event_indicator', (e.target as HTMLSelectElement).value)}
          >
            <option value="">{t('explorer.any')}</option>
            {questions.map((q) => (
              <option key={q.id} value={q.id}>
                {q.id}
              </option>
            ))}
          </select>
        </label>{' '}
        <a class="api-link" href={apiLink(cc, filter)}>
          {t('common.apiQuery')}
        </a>
        <a href={apiLink(cc, { ...filter, format: 'csv' })} download>
          {t('common.downloadCsv')}
        </a>
      </div>
      <Await state={events}>
        {(page) =>
          page.items.length === 0 ? (
            <p class="muted">{t(type || indicator ? 'timeline.noneMatch' : 'timeline.none')}</p>
          ) : (
            <>
              <Suspense fallback={<p class="muted">{t('common.loading')}</p>}>
                <TimelineChart items={page.items} coverage={coverage} />
              </Suspense>
              {!page.items.some((i) => i.origin === 'measured') && (
                <p class="muted" data-testid="no-measured">
                  {t(type || indicator ? 'timeline.noMeasuredMatch' : 'timeline.noMeasured')}
                </p>
              )}
              <ol class="events">
                {page.items.map((item) => (
                  <EventItem key={item.id} item={item} methodology={methodology} />
                ))}
              </ol>
            </>
          )
        }
      </Await>
    </section>
  );
}

function apiLink(
  cc: string,
  filter: { type?: string | undefined; indicator?: string | undefined; format?: string },
): string {
  return href(`/api/v1${timelinePath(cc)}`, filter);
}

/** One event: reported (with its sources) or measured (with its measurements). */
function EventItem({ item, methodology }: { item: TimelineEvent; methodology: Methodology }) {
  const { t, count, date } = useI18n();
  const m = item.measured;
  return (
    <li id={`ev-${item.id}`} class={`event ${item.origin}`} data-origin={item.origin} data-type={item.type}>
      <div class="event-head">
        <DraftMark state={item.review_state} />
        <EventDate start={item.start} end={item.end} /> ·{' '}
        <span class="badge event-type">{t(`eventType.${item.type}`)}</span>{' '}
        <span class={`badge origin-${item.origin}`} title={t(`timeline.${item.origin}Help`)}>
          {t(`timeline.${item.origin}`)}
        </span>{' '}
        <VerificationMark verification={item.verification} />
      </div>
      {m ? (
        // netfreedom's own words, in the reader's language, from the detected change's fields.
        <>
          <strong class="event-title">
            <Message
              id={m.change === 'blocking_started' ? 'timeline.measuredStarted' : 'timeline.measuredStopped'}
              values={{ domain: <Datum>{m.domain}</Datum>, asn: <code>{m.probe_asn}</code> }}
            />
          </strong>
          <p class="event-summary">
            <Message
              id="timeline.measuredSummary"
              values={{
                method: <code>{m.method}</code>,
                at: date(m.at),
                count: count('timeline.fromMeasurements', m.measurement_uids.length),
              }}
            />
          </p>
          {/* The supporting measurements are kept by uid; the explorer's filter shows the whole series they come from. */}
          <div>
            {m.measurement_uids[0] && (
              <>
                <Link href={`/m/${encodeURIComponent(m.measurement_uids[0])}`} class="first-measurement">
                  {t('timeline.firstMeasurement')} →
                </Link>
                {' · '}
              </>
            )}
            <Link href={`/measurements?${m.query}`} class="measured-link">
              {t('timeline.allMeasurements')} →
            </Link>
          </div>
        </>
      ) : (
        <>
          {/* Titles and summaries are data (netfreedom's English): text, never HTML. */}
          <strong class="event-title" lang="en">
            <Datum>{item.title}</Datum>
          </strong>
          <p class="event-summary" lang="en">
            <Datum>{item.summary}</Datum>
          </p>
        </>
      )}
      <div class="muted">
        <IndicatorRefs ids={item.indicators} methodology={methodology} />
        {item.indicators.length > 0 && item.indicator_attribution && (
          <> ({t(`timeline.attribution.${item.indicator_attribution}`)})</>
        )}
        {item.indicators.length > 0 && item.key_controls.length > 0 && ' · '}
        <ControlRefs ids={item.key_controls} methodology={methodology} />
      </div>
      {item.origin === 'reported' &&
        (item.sources.length > 0 ? (
          <Sources sources={item.sources} numbered />
        ) : (
          <p class="muted">{t('fact.noSource')}</p>
        ))}
    </li>
  );
}
