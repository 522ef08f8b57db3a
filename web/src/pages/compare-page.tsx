/** Compare several countries for one edition: totals, A/B/C and rank; countries and edition live in the URL. */
import { api, csvUrl } from '../api/client.js';
import { Await, RestatedMark, StatusBadge, VerificationMark } from '../components/status.js';
import { TableHead } from '../components/table-head.js';
import { useI18n } from '../i18n/i18n.js';
import { href, Link, type Location, navigate } from '../router.js';
import { useApi } from '../use-api.js';

export function ComparePage({ loc }: { loc: Location }) {
  const { t, country, num, lang, rank } = useI18n();
  const countries = useApi(() => api.countries(), 'countries');
  // The category names and maxima, in the reader's language, for the A/B/C headings: "12" alone says nothing.
  const methodology = useApi(() => api.methodology(lang), `methodology-${lang}`);
  const categoryHeading = (id: string) => {
    const cat =
      methodology.status === 'ok' ? methodology.data.categories.find((c) => c.id === id) : undefined;
    return cat ? t('compare.categoryHeading', { id, name: cat.name, max: cat.max_points }) : id;
  };
  const all = countries.status === 'ok' ? countries.data.items : [];
  const editions = [...new Set(all.flatMap((c) => c.editions))].sort((a, b) => b - a);
  const edition = Number(loc.query.get('edition')) || editions[0] || 0;
  const chosen = (loc.query.get('countries') ?? '').split(',').filter((c) => /^[A-Z]{2}$/.test(c));
  const rows = useApi(
    () => (edition ? api.compare(edition, chosen) : Promise.resolve(null)),
    `cmp-${edition}-${chosen.join()}`,
  );
  const go = (next: string[], ed = edition) =>
    navigate(href('/compare', { countries: next.join(','), edition: ed }), true);
  return (
    <section>
      <h1>{t('compare.title')}</h1>
      <div class="filters">
        <label>
          {t('map.edition')}{' '}
          <select value={edition} onChange={(e) => go(chosen, Number((e.target as HTMLSelectElement).value))}>
            {editions.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('compare.add')}{' '}
          <select
            value=""
            onChange={(e) => {
              const cc = (e.target as HTMLSelectElement).value;
              if (cc && !chosen.includes(cc)) go([...chosen, cc]);
            }}
          >
            <option value="">—</option>
            {all
              .filter((c) => c.editions.includes(edition) && !chosen.includes(c.country))
              .map((c) => (
                <option key={c.country} value={c.country}>
                  {country(c.country)}
                </option>
              ))}
          </select>
        </label>
        <a href={csvUrl('/compare', { edition, countries: chosen })} download>
          {t('common.downloadCsv')}
        </a>
      </div>
      <Await state={rows}>
        {(page) =>
          page && (
            <table class="data compare">
              <TableHead columns={['compare.rank', 'compare.country', 'country.total', 'country.status']}>
                {['A', 'B', 'C'].map((k) => (
                  <th scope="col" key={k}>
                    {categoryHeading(k)}
                  </th>
                ))}
                <th scope="col">
                  <span class="sr-only">×</span>
                </th>
              </TableHead>
              <tbody>
                {page.items.map((r) => (
                  <tr key={r.country}>
                    <td>{r.rank ? rank(r.rank, r.ranked_among) : '–'}</td>
                    <td>
                      <Link href={href(`/country/${r.country}`, { edition })}>{country(r.country)}</Link>
                    </td>
                    <td>
                      {num(r.total)} <VerificationMark verification={r.verification} />{' '}
                      <RestatedMark edition={r.edition} restatedIn={r.restated_in_edition} />
                    </td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                    {['A', 'B', 'C'].map((k) => (
                      <td key={k}>{num(r.categories[k] ?? null)}</td>
                    ))}
                    <td>
                      {chosen.includes(r.country) && (
                        <button
                          type="button"
                          aria-label={`− ${country(r.country)}`}
                          onClick={() => go(chosen.filter((c) => c !== r.country))}
                        >
                          ×
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Await>
    </section>
  );
}
