/**
 * The sites blocked in a country: filters by category and technique (in the URL), and per site its confirmations (OONI's
 * and netfreedom's, as the API names them), how much of it is simulated, its category by name, techniques, first and
 * last seen, and its measurements.
 */
import type { BlockedSite } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { href, Link } from '../router.js';
import { CategoryName } from './category-name.js';
import { ConfirmedBadge, TlsConfirmedBadge } from './confirmation-badges.js';
import { SimulatedShare } from './simulated.js';
import { TableHead } from './table-head.js';
import { TechniqueName, techniqueLabel } from './technique-name.js';

export function BlockedSites({
  sites,
  category,
  technique,
  onFilter,
  simulated,
  filters,
}: {
  sites: BlockedSite[];
  category: string;
  technique: string;
  onFilter: (key: 'category' | 'technique', value: string) => void;
  simulated: boolean;
  /** The page's filters, carried into the links to the measurements. */
  filters: Record<string, string | undefined>;
}) {
  const { t, num, date, category: categoryName } = useI18n();
  const categories = [...new Set(sites.map((s) => s.category_code).filter(Boolean))] as string[];
  const allTechniques = [...new Set(sites.flatMap((s) => s.techniques))];
  const shown = sites.filter(
    (s) => (!category || s.category_code === category) && (!technique || s.techniques.includes(technique)),
  );
  return (
    <>
      <div class="filters">
        <label>
          {t('explorer.category')}{' '}
          <select
            value={category}
            onChange={(e) => onFilter('category', (e.target as HTMLSelectElement).value)}
          >
            <option value="">{t('explorer.any')}</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {categoryName(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('explorer.technique')}{' '}
          <select
            value={technique}
            onChange={(e) => onFilter('technique', (e.target as HTMLSelectElement).value)}
          >
            <option value="">{t('explorer.any')}</option>
            {allTechniques.map((c) => (
              <option key={c} value={c}>
                {techniqueLabel(t, c)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table class="data blocked-sites">
        <TableHead
          columns={[
            'explorer.domain',
            'explorer.category',
            'col.technique',
            'col.firstSeen',
            'col.lastSeen',
            'col.measurements',
          ]}
        />
        <tbody>
          {shown.map((s) => (
            <tr key={s.domain}>
              <td>
                <Link href={href(`/domain/${s.domain}`, { simulated: simulated ? '1' : undefined })}>
                  {s.domain}
                </Link>{' '}
                {s.confirmed && <ConfirmedBadge />} {s.tls_confirmed && <TlsConfirmedBadge />}{' '}
                <SimulatedShare simulated={s.simulated_count} total={s.measurement_count} />
              </td>
              <td>
                <CategoryName code={s.category_code} />
              </td>
              <td class="technique">
                {s.techniques.map((c, i) => (
                  <span key={c}>
                    {i > 0 && ', '}
                    <TechniqueName code={c} />
                  </span>
                ))}
              </td>
              <td>{date(s.first_seen)}</td>
              <td>{date(s.last_seen)}</td>
              <td>
                <Link href={href('/measurements', { ...filters, domain: s.domain })}>
                  {num(s.measurement_count)}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p class="muted">{t('country.noSiteMatches')}</p>}
    </>
  );
}
