/** Small shared pieces: loading/error states, status badge, source links. */
import type { ComponentChildren } from 'preact';
import type { Source } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import type { Loaded } from '../use-api.js';
import { Datum } from './message.js';

/** Renders `children(data)` once loaded, else a loading line or the error. */
export function Await<T>({
  state,
  children,
}: {
  state: Loaded<T>;
  children: (data: T) => ComponentChildren;
}) {
  const { t } = useI18n();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return (
      <p class="error" role="alert">
        {t('common.error', { message: state.message })}
      </p>
    );
  return <>{children(state.data)}</>;
}

/** An evidence section with nothing in it says so rather than showing an empty list or table. */
export function None() {
  const { t } = useI18n();
  return <p class="muted">{t('common.none')}</p>;
}

/** The line shown while data loads. */
export function Loading() {
  const { t } = useI18n();
  return (
    <p class="muted" aria-busy="true">
      {t('common.loading')}
    </p>
  );
}

export function StatusBadge({ status }: { status: string | null }) {
  const { t } = useI18n();
  const cls = status ? `badge status-${status.replace(/ /g, '-').toLowerCase()}` : 'badge';
  return <span class={cls}>{status ? t(`status.${status}` as 'status.Free') : t('status.none')}</span>;
}

/**
 * The sources of a figure, each with what a reader needs to weigh it: title, publisher, whether it is the publisher's
 * own page (primary) or a copy, a report or an aggregator (secondary), and when it was read ("unknown" when not
 * recorded). Only http(s) URLs become links (data is not trusted).
 */
export function Sources({ sources }: { sources: Source[] }) {
  const { t, date } = useI18n();
  if (sources.length === 0) return null;
  const known = (v: string | null | undefined) => Boolean(v && v !== 'unknown');
  return (
    <ul class="sources" aria-label={t('common.sources')}>
      {sources.map((s) => (
        <li key={s.url}>
          {t('common.source')}:{' '}
          {/^https?:\/\//.test(s.url) ? (
            <a href={s.url} rel="noopener noreferrer nofollow" target="_blank">
              {/* A cited document's title stays in its own language. */}
              <cite>{known(s.title) ? s.title : s.url}</cite>
            </a>
          ) : (
            <cite>{s.url}</cite>
          )}
          {!known(s.title) && ` (${t('source.titleUnknown')})`}
          {' — '}
          {known(s.publisher) ? <Datum>{s.publisher!}</Datum> : t('source.publisherUnknown')}
          {' · '}
          {s.verification === 'primary' ? (
            t('source.primary', { kind: t(`source.kind.${s.kind ?? 'unknown'}`) })
          ) : (
            <span class={`badge source-${s.verification}`}>
              {t(s.verification === 'secondary' ? 'source.secondary' : 'source.unverified', {
                kind: t(`source.kind.${s.kind ?? 'unknown'}`),
              })}
            </span>
          )}
          {' · '}
          {known(s.accessed) ? t('source.accessed', { date: date(s.accessed) }) : t('source.accessedUnknown')}
        </li>
      ))}
    </ul>
  );
}

/** Beside a figure: that it rests on a secondary or unverified source only (the API's `*_verification`). */
export function VerificationMark({ verification }: { verification: string | null | undefined }) {
  const { t } = useI18n();
  if (!verification || verification === 'primary') return null;
  return (
    <span class={`badge source-${verification}`}>
      {t(verification === 'secondary' ? 'figure.secondary' : 'figure.unverified')}
    </span>
  );
}

/** Beside a figure that is a restatement (the API's `restated_in_edition`): in which edition it was published. */
export function RestatedMark({ edition, restatedIn }: { edition: number; restatedIn: number | null }) {
  const { t } = useI18n();
  if (!restatedIn) return null;
  return (
    <span class="badge restated" title={t('figure.restated', { edition, restated: restatedIn })}>
      {t('figure.restatedShort', { restated: restatedIn })}
    </span>
  );
}
