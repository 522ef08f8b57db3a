/** The evidence on a country page: outcomes over time, blocked sites, techniques, networks, changes. */
import { api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { href, Link, type Location, navigate } from '../router.js';
import { useApi } from '../use-api.js';
import { BlockedSites } from './blocked-sites.js';
import { Datum } from './message.js';
import { NetworkName } from './network-name.js';
import { OutcomeCounts } from './outcome-counts.js';
import { OutcomesOverTime } from './outcomes-over-time.js';
import { SimulatedBadge, SimulatedShare } from './simulated.js';
import { Await, None } from './status.js';
import { TechniqueName } from './technique-name.js';

export function CountryMeasurements({ cc, loc }: { cc: string; loc: Location }) {
  const { t, count, date } = useI18n();
  const simulated = loc.query.get('simulated') === '1';
  const category = loc.query.get('category') ?? '';
  const technique = loc.query.get('technique') ?? '';
  const base = { probe_cc: cc, include_simulated: simulated || undefined };
  const key = `${cc}-${simulated}`;
  const techniques = useApi(() => api.aggregation({ ...base, axis_x: 'technique' }), `tech-${key}`);
  const sites = useApi(() => api.blockedSites(cc, base), `sites-${key}`);
  const networks = useApi(() => api.networks(base), `nets-${key}`);
  const changes = useApi(() => api.changes(base), `changes-${key}`);
  const setQuery = (k: string, v: string | boolean) => {
    const q = new URLSearchParams(loc.query);
    if (v === '' || v === false) q.delete(k);
    else q.set(k, v === true ? '1' : v);
    navigate(`${loc.path}?${q}`, true);
  };
  const filters = { probe_cc: cc, simulated: simulated ? '1' : undefined };
  return (
    <div class="evidence">
      <h2>{t('country.outcomes')}</h2>
      <label class="toggle">
        <input
          type="checkbox"
          checked={simulated}
          onChange={(e) => setQuery('simulated', (e.target as HTMLInputElement).checked)}
        />{' '}
        {t('explorer.simulated')} <SimulatedBadge />
      </label>
      <OutcomesOverTime
        filter={{ probe_cc: cc }}
        simulated={simulated}
        links={filters}
        empty={
          <p class="muted">
            {t('country.noMeasurements')}{' '}
            {!simulated && (
              <button type="button" onClick={() => setQuery('simulated', true)}>
                {t('explorer.simulated')}
              </button>
            )}
          </p>
        }
      />
      <h2>{t('country.techniques')}</h2>
      <Await state={techniques}>
        {(d) => {
          const seen = d.result.filter(
            (r) => r.technique && r.technique !== 'false' && r.technique !== 'null',
          );
          return seen.length === 0 ? (
            <None />
          ) : (
            <ul class="techniques">
              {seen.map((r) => (
                <li key={r.technique}>
                  <Link href={href('/measurements', { ...filters, technique: r.technique })}>
                    <TechniqueName code={r.technique!} />
                  </Link>
                  : {count('count.measurements', r.measurement_count)}{' '}
                  <SimulatedShare simulated={r.simulated_count} total={r.measurement_count} />
                </li>
              ))}
            </ul>
          );
        }}
      </Await>
      <h2>{t('country.blocked')}</h2>
      <Await state={sites}>
        {(page) =>
          page.items.length === 0 ? (
            <None />
          ) : (
            <BlockedSites
              sites={page.items}
              category={category}
              technique={technique}
              onFilter={setQuery}
              simulated={simulated}
              filters={filters}
            />
          )
        }
      </Await>
      <h2>{t('country.networks')}</h2>
      <Await state={networks}>
        {(page) =>
          page.items.length === 0 ? (
            <None />
          ) : (
            <ul class="networks">
              {page.items.map((n) => (
                <li
                  key={n.probe_asn}
                  data-confirmed={n.confirmed_count}
                  data-tls-confirmed={n.tls_confirmed_count}
                >
                  <Link href={href(`/network/${n.probe_asn}`, { simulated: simulated ? '1' : undefined })}>
                    {n.probe_asn}
                  </Link>{' '}
                  <NetworkName asn={n.probe_asn} />: <OutcomeCounts counts={n} />
                </li>
              ))}
            </ul>
          )
        }
      </Await>
      <h2>{t('country.changes')}</h2>
      <Await state={changes}>
        {(page) =>
          page.items.length === 0 ? (
            <None />
          ) : (
            <ul class="changes">
              {page.items.map((ev) => (
                <li key={ev.id}>
                  {date(ev.at)} · {ev.probe_asn} · <Datum>{ev.domain}</Datum> · {t(`change.${ev.kind}`)}{' '}
                  {ev.measurement_uids[0] && (
                    <Link href={`/m/${encodeURIComponent(ev.measurement_uids[0])}`}>→</Link>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Await>
    </div>
  );
}
