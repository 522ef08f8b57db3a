/**
 * The key internet controls of an assessment: each answer with the analyst's evidence, its sources and evidence links;
 * beside it, what the rules suggest, shown as a suggestion (never as an answer) with the events and measurements that
 * triggered it, until an analyst accepts or rejects it.
 */
import { ApiError, api } from '../../api/client.js';
import type {
  Assessment,
  ControlSuggestion,
  EvidenceLink,
  ListPage,
  Methodology,
  SuggestionEvidence,
} from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../router.js';
import { type Loaded, useApi } from '../../use-api.js';
import { CategoryName } from '../category-name.js';
import { Datum } from '../message.js';
import { Loading, Sources } from '../status.js';
import { LinkList } from './evidence-link-item.js';
import { EventDate } from './fact-refs.js';

export function KeyControls({
  cc,
  a,
  methodology,
  links,
}: {
  cc: string;
  a: Assessment;
  methodology: Methodology;
  links: Loaded<ListPage<EvidenceLink>>;
}) {
  const { t } = useI18n();
  const key = `${cc}-${a.edition}`;
  // The API refuses (400) an edition whose coverage period is not known: no suggestion can be made for it.
  const suggestions = useApi(
    () =>
      api
        .suggestions(cc, a.edition)
        .catch((e: unknown) => (e instanceof ApiError && e.status === 400 ? null : Promise.reject(e))),
    `suggestions-${key}`,
  );
  const linkItems = links.status === 'ok' ? links.data.items : [];
  const suggestionItems = (suggestions.status === 'ok' && suggestions.data?.items) || [];
  const answered = a.key_controls.filter((k) => k.answer !== 'unknown').length;
  return (
    <section aria-labelledby="key-controls">
      <h2 id="key-controls">{t('country.controls')}</h2>
      {answered === 0 && <p class="muted">{t('controls.noAnswers', { edition: a.edition })}</p>}
      {suggestions.status === 'loading' && <Loading />}
      {links.status === 'error' && (
        <p class="error" role="alert">
          {t('common.error', { message: links.message })}
        </p>
      )}
      {suggestions.status === 'error' && (
        <p class="error" role="alert">
          {t('common.error', { message: suggestions.message })}
        </p>
      )}
      {suggestions.status === 'ok' && suggestions.data === null && (
        <p class="muted" data-testid="suggestions-unavailable">
          {t('controls.suggestionsUnavailable', { edition: a.edition })}
        </p>
      )}
      {suggestions.status === 'ok' && suggestions.data?.items.length === 0 && (
        <p class="muted">{t('controls.noSuggestions', { edition: a.edition })}</p>
      )}
      <ul class="controls">
        {methodology.key_internet_controls.map((k) => {
          const answer = a.key_controls.find((x) => x.control_id === k.id);
          const value = answer?.answer ?? 'unknown';
          const suggestion = suggestionItems.find((s) => s.control_id === k.id);
          const kicLinks = linkItems.filter((l) => l.target_kind === 'key_control' && l.target_id === k.id);
          return (
            <li key={k.id} id={`kic-${k.id}`} class={`control control-${value}`}>
              <span class="badge">
                {t(value === 'unknown' ? 'common.unknown' : value === 'yes' ? 'common.yes' : 'common.no')}
              </span>{' '}
              {k.label}
              {/* The analyst's own words, in the language they wrote them. */}
              {answer?.evidence ? (
                <span class="muted">
                  {' '}
                  — <q class="datum">{answer.evidence}</q>
                </span>
              ) : null}
              {answer ? <Sources sources={answer.sources} /> : null}
              {kicLinks.length > 0 && <LinkList links={kicLinks} />}
              {suggestion && <Suggestion s={suggestion} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** A suggested yes, marked as such, with its evidence and any decision. */
function Suggestion({ s }: { s: ControlSuggestion }) {
  const { t, date } = useI18n();
  return (
    <div
      class={`suggestion decision-${s.decision ?? 'none'}`}
      data-testid="suggestion"
      data-control={s.control_id}
    >
      <span class="badge suggested">
        {s.decision === 'accepted'
          ? t('controls.accepted', { date: date(s.decided_at) })
          : s.decision === 'rejected'
            ? t('controls.rejected', { date: date(s.decided_at) })
            : t('controls.suggested')}
      </span>{' '}
      <span class="muted">
        {t('controls.suggestedWhy', {
          period: t('common.period', { first: date(s.coverage_start), last: date(s.coverage_end) }),
        })}
      </span>
      <ul class="suggestion-evidence">
        {unique(s.evidence).map((e) => (
          <SuggestionEvidenceItem key={evidenceKey(e)} e={e} />
        ))}
      </ul>
    </div>
  );
}

/** What the evidence is about: an event or a site. */
function evidenceKey(e: SuggestionEvidence): string {
  return e.kind === 'event' ? `event-${e.event_id}` : `site-${e.domain}`;
}

/** The evidence once each: two rules fired by the same event (a shutdown that also names the control) show it once. */
function unique(evidence: SuggestionEvidence[]): SuggestionEvidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => !seen.has(evidenceKey(e)) && Boolean(seen.add(evidenceKey(e))));
}

function SuggestionEvidenceItem({ e }: { e: SuggestionEvidence }) {
  const { t, num, date } = useI18n();
  if (e.kind === 'event')
    return (
      <li data-kind="event">
        {e.start && <EventDate start={e.start} end={e.end} />}:{' '}
        <a href={`#ev-${e.event_id}`} lang="en">
          <Datum>{e.title ?? e.event_id ?? ''}</Datum>
        </a>
        {e.in_period === 'partly' && <span class="muted"> ({t('controls.partlyInPeriod')})</span>}
      </li>
    );
  return (
    <li data-kind="measurements">
      <Datum>{e.domain ?? ''}</Datum>
      {e.category_code && (
        <>
          {' '}
          (<CategoryName code={e.category_code} />)
        </>
      )}
      {': '}
      {e.confirmed_count ? `${t('count.confirmed', { n: num(e.confirmed_count) })} ` : ''}
      {e.tls_confirmed_count ? `${t('count.tlsConfirmed', { n: num(e.tls_confirmed_count) })} ` : ''}
      {e.first_seen &&
        `· ${t('controls.blockingSeen', { first: date(e.first_seen), last: date(e.last_seen) })} `}
      {e.query && (
        <Link href={`/measurements?${e.query}`} class="measured-link">
          {t('controls.seeMeasurements')} →
        </Link>
      )}
    </li>
  );
}
