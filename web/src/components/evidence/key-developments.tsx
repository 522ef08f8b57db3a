/** An edition's "Key Developments": ordered items, each with the questions it bears on and its sources. */

import { api } from '../../api/client.js';
import type { Methodology } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { useApi } from '../../use-api.js';
import { Datum } from '../message.js';
import { Await, Sources, VerificationMark } from '../status.js';
import { DraftMark } from './draft-mark.js';
import { EventDate, IndicatorRefs } from './fact-refs.js';

export function KeyDevelopments({
  cc,
  edition,
  methodology,
}: {
  cc: string;
  edition: number;
  methodology: Methodology;
}) {
  const { t } = useI18n();
  const items = useApi(() => api.keyDevelopments(cc, edition), `kd-${cc}-${edition}`);
  return (
    <section aria-labelledby="key-developments">
      <h2 id="key-developments">{t('keyDevelopments.title', { edition })}</h2>
      <Await state={items}>
        {(page) =>
          page.items.length === 0 ? (
            <p class="muted">{t('keyDevelopments.none', { edition })}</p>
          ) : (
            <ol class="key-developments">
              {page.items.map((k) => (
                <li key={k.id} value={k.position}>
                  <DraftMark state={k.review_state} />
                  <span lang="en">
                    <Datum>{k.text}</Datum>
                  </span>{' '}
                  <VerificationMark verification={k.verification} />
                  <div class="muted">
                    {k.start && (
                      <>
                        <EventDate start={k.start} end={k.end} />
                        {k.indicators.length > 0 && ' · '}
                      </>
                    )}
                    <IndicatorRefs ids={k.indicators} methodology={methodology} />
                  </div>
                  <Sources sources={k.sources} numbered />
                </li>
              ))}
            </ol>
          )
        }
      </Await>
    </section>
  );
}
