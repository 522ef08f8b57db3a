/** A country's recommendations: to whom, the text, the edition, and how far later editions found each carried out. */
import { api } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';
import { useApi } from '../../use-api.js';
import { Datum } from '../message.js';
import { Await, Sources, VerificationMark } from '../status.js';

export function Recommendations({ cc }: { cc: string }) {
  const { t } = useI18n();
  const items = useApi(() => api.recommendations(cc), `recommendations-${cc}`);
  return (
    <section aria-labelledby="recommendations">
      <h2 id="recommendations">{t('recommendations.title')}</h2>
      <Await state={items}>
        {(page) => {
          if (page.items.length === 0) return <p class="muted">{t('recommendations.none')}</p>;
          // Facts citing one source in common show it once, after the list, rather than under every item.
          const urls = new Set(page.items.flatMap((r) => r.sources.map((s) => s.url)));
          const shared =
            urls.size === 1 && page.items.every((r) => r.sources.length === 1)
              ? page.items[0]!.sources
              : null;
          return (
            <>
              <ol class="recommendations">
                {page.items.map((r) => (
                  <li key={r.id} data-recommendation={r.id}>
                    <span class="label">
                      {r.addressees.map((a) => t(`addressee.${a}`)).join(', ')} ·{' '}
                      {t('country.edition', { edition: r.edition })}
                    </span>{' '}
                    <VerificationMark verification={r.verification} />
                    <div lang="en">
                      <Datum>{r.text}</Datum>
                    </div>
                    {r.statuses.length === 0 ? (
                      <div class="muted" data-testid="recommendation-status">
                        {t('recommendations.noStatus')}
                      </div>
                    ) : (
                      <ul class="statuses" data-testid="recommendation-status">
                        {r.statuses.map((st) => (
                          <li key={st.edition}>
                            {t('country.edition', { edition: st.edition })}:{' '}
                            <span class={`badge rec-${st.status}`}>{t(`recStatus.${st.status}`)}</span>
                            {st.note && (
                              <span lang="en">
                                {' '}
                                — <Datum>{st.note}</Datum>
                              </span>
                            )}
                            <Sources sources={st.sources} />
                          </li>
                        ))}
                      </ul>
                    )}
                    {!shared && <Sources sources={r.sources} numbered />}
                  </li>
                ))}
              </ol>
              {shared && (
                <>
                  <p class="muted">{t('recommendations.sharedSource')}</p>
                  <Sources sources={shared} />
                </>
              )}
            </>
          );
        }}
      </Await>
    </section>
  );
}
