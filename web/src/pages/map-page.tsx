/** Home: the world map of FOTN status for a chosen edition (state in the URL) and the list of countries. */
import { lazy, Suspense } from 'preact/compat';
import { api } from '../api/client.js';
import { Await, RestatedMark, StatusBadge, VerificationMark } from '../components/status.js';
import { TableHead } from '../components/table-head.js';
import { useI18n } from '../i18n/i18n.js';
import { href, Link, type Location, navigate } from '../router.js';
import { useApi } from '../use-api.js';

const WorldMap = lazy(() => import('../components/world-map.js'));

export function MapPage({ loc }: { loc: Location }) {
  const { t, country, num, rank } = useI18n();
  const countries = useApi(() => api.countries(), 'countries');
  const editions =
    countries.status === 'ok'
      ? [...new Set(countries.data.items.flatMap((c) => c.editions))].sort((a, b) => b - a)
      : [];
  const edition = Number(loc.query.get('edition')) || editions[0] || 0;
  const rows = useApi(() => (edition ? api.compare(edition) : Promise.resolve(null)), `compare-${edition}`);
  return (
    <section>
      <h1>{t('map.title')}</h1>
      <label>
        {t('map.edition')}{' '}
        <select
          value={edition}
          onChange={(e) => navigate(href('/', { edition: (e.target as HTMLSelectElement).value }), true)}
        >
          {editions.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </select>
      </label>
      <Await state={rows}>
        {(page) =>
          page && (
            <>
              <Suspense fallback={<p class="muted">{t('common.loading')}</p>}>
                <WorldMap rows={page.items} edition={edition} />
              </Suspense>
              <h2>{t('map.countries')}</h2>
              <table class="data">
                <TableHead columns={['compare.rank', 'compare.country', 'country.total', 'country.status']} />
                <tbody>
                  {page.items.map((r) => (
                    <tr key={r.country}>
                      <td>{r.rank ? rank(r.rank, r.ranked_among) : '–'}</td>
                      <td>
                        <Link href={href(`/country/${r.country}`, { edition })}>{country(r.country)}</Link>
                      </td>
                      <td>
                        {num(r.total)} <span class="muted">· {t(`scale.${r.scale}`)}</span>{' '}
                        <VerificationMark verification={r.verification} />{' '}
                        <RestatedMark edition={r.edition} restatedIn={r.restated_in_edition} />
                      </td>
                      <td>
                        <StatusBadge status={r.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )
        }
      </Await>
    </section>
  );
}
