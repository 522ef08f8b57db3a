/** What a fact is tied to: the methodology's questions ("B3, C2") and key internet controls, and when it happened. */
import type { Methodology } from '../../api/types.js';
import { type I18n, useI18n } from '../../i18n/i18n.js';

/** The question ids, each a link to its indicator section on the page, its text as the link's title. */
export function IndicatorRefs({ ids, methodology }: { ids: string[]; methodology: Methodology }) {
  const { t } = useI18n();
  if (ids.length === 0) return null;
  const text = (id: string) =>
    methodology.categories.flatMap((c) => c.questions).find((q) => q.id === id)?.text ?? id;
  return (
    <span class="refs" data-testid="indicator-refs">
      {t('fact.indicators')}{' '}
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 && ', '}
          <a href={`#q-${id}`} title={text(id)}>
            {id}
          </a>
        </span>
      ))}
    </span>
  );
}

/** The key internet control ids, each with its label in the reader's language. */
export function ControlRefs({ ids, methodology }: { ids: string[]; methodology: Methodology }) {
  const { t } = useI18n();
  if (ids.length === 0) return null;
  const label = (id: string) => methodology.key_internet_controls.find((k) => k.id === id)?.label ?? id;
  return (
    <span class="refs">
      {t('fact.controls')}{' '}
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 && '; '}
          <a href={`#kic-${id}`}>{label(id)}</a>
        </span>
      ))}
    </span>
  );
}

/** A date or a range in words, each end as precise as its source gives it. */
export function whenText(i18n: I18n, start: string, end: string | null): string {
  return end === null
    ? i18n.partialDate(start)
    : i18n.t('common.period', { first: i18n.partialDate(start, 'from'), last: i18n.partialDate(end) });
}

/** A date or a range, each end as precise as its source gives it. */
export function EventDate({ start, end }: { start: string; end: string | null }) {
  return <span class="event-date">{whenText(useI18n(), start, end)}</span>;
}
