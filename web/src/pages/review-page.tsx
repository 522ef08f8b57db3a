/** An assessment's revision for signed-in users: its review state, authors, history and question scores. */

import { accountApi } from '../api/account-client.js';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { href, Link } from '../router.js';
import { useApi } from '../use-api.js';

export function ReviewPage({ cc, edition }: { cc: string; edition: number }) {
  const { t, country } = useI18n();
  const loaded = useApi(
    () =>
      accountApi.revision(cc, edition).catch((err: unknown) => {
        if (err instanceof ApiError && (err.status === 401 || err.status === 404)) return err.status;
        throw err;
      }),
    `${cc}/${edition}`,
  );
  const title = <h1>{t('review.title', { country: country(cc), edition })}</h1>;
  if (loaded.status === 'loading') return <p>{t('common.loading')}</p>;
  if (loaded.status === 'error') return <p role="alert">{t('common.error', { message: loaded.message })}</p>;
  const r = loaded.data;
  if (r === 401)
    return (
      <section>
        {title}
        <p>
          {t('review.signInFirst')}{' '}
          <Link href={href('/login', { next: `/review/${cc}/${edition}` })}>{t('account.signIn')}</Link>
        </p>
      </section>
    );
  if (r === 404)
    return (
      <section>
        {title}
        <p>{t('review.none')}</p>
      </section>
    );
  return (
    <section>
      {title}
      <p>
        <strong data-testid="review-state" data-state={r.state}>
          {t(`review.state.${r.state}`)}
        </strong>{' '}
        · {t('review.revision', { n: r.revision })}
        {r.authors.length > 0 && <> · {t('review.authors', { names: r.authors.join(', ') })}</>}
      </p>
      <h2>{t('review.scores')}</h2>
      <table>
        <tbody>
          {r.draft.questions.map((q) => (
            <tr key={q.question_id}>
              <th scope="row">{q.question_id}</th>
              <td class="num">{q.score ?? '–'}</td>
              <td class="datum">{q.justification}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('review.history')}</h2>
      <ol data-testid="review-history">
        {r.history.map((h) => (
          <li key={h.at + h.action}>
            <span class="datum">{h.at.slice(0, 16).replace('T', ' ')} UTC</span> ·{' '}
            <span class="datum">{h.actor}</span> · {t(`review.action.${h.action}`)}
            {h.note && (
              <>
                {' '}
                · <span class="datum">{h.note}</span>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
