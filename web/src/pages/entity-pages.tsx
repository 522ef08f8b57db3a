/** The domain page and the network (ASN) page: where it was measured, counts, and the latest measurements. */
import { api } from '../api/client.js';
import { Await } from '../components/status.js';
import { TableHead } from '../components/table-head.js';
import { useI18n } from '../i18n/i18n.js';
import { href, Link, type Location } from '../router.js';
import { useApi } from '../use-api.js';
import { ResultsTable } from './explorer-page.js';

export function DomainPage({ domain, loc }: { domain: string; loc: Location }) {
  const { t, num, country } = useI18n();
  const simulated = loc.query.get('simulated') === '1' || undefined;
  const agg = useApi(
    () => api.aggregation({ domain, axis_x: 'probe_cc', include_simulated: simulated }),
    `dom-${domain}-${simulated}`,
  );
  const query = { domain, include_simulated: simulated };
  const latest = useApi(() => api.search({ ...query, limit: 20 }), `domm-${domain}-${simulated}`);
  return (
    <section>
      <h1>{t('domain.title', { domain })}</h1>
      <h2>{t('domain.countries')}</h2>
      <Await state={agg}>
        {(d) => (
          <table class="data">
            <TableHead
              columns={[
                'compare.country',
                'col.measurements',
                'outcome.anomaly',
                'outcome.confirmed',
                'outcome.ok',
              ]}
            />
            <tbody>
              {d.result.map((r) => (
                <tr key={r.probe_cc}>
                  <td>
                    <Link
                      href={href('/measurements', {
                        domain,
                        probe_cc: r.probe_cc,
                        simulated: simulated ? '1' : undefined,
                      })}
                    >
                      {country(r.probe_cc ?? '')}
                    </Link>
                  </td>
                  <td>{num(r.measurement_count)}</td>
                  <td>{num(r.anomaly_count)}</td>
                  <td>{num(r.confirmed_count)}</td>
                  <td>{num(r.ok_count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Await>
      <h2>{t('explorer.results')}</h2>
      <Await state={latest}>{(page) => <ResultsTable items={page.items} query={query} loc={loc} />}</Await>
    </section>
  );
}

export function NetworkPage({ asn, loc }: { asn: string; loc: Location }) {
  const { t, num, date, country } = useI18n();
  const simulated = loc.query.get('simulated') === '1' || undefined;
  const nets = useApi(
    () => api.networks({ probe_asn: asn, include_simulated: simulated }),
    `net-${asn}-${simulated}`,
  );
  const query = { probe_asn: asn, include_simulated: simulated };
  const latest = useApi(() => api.search({ ...query, limit: 20 }), `netm-${asn}-${simulated}`);
  return (
    <section>
      <h1>{t('network.title', { asn })}</h1>
      <Await state={nets}>
        {(page) => (
          <ul>
            {page.items.map((n) => (
              <li key={n.probe_cc}>
                <Link href={`/country/${n.probe_cc}`}>{country(n.probe_cc)}</Link>:{' '}
                {t('network.counts', {
                  measurements: num(n.measurement_count),
                  anomalies: num(n.anomaly_count),
                  confirmed: num(n.confirmed_count),
                })}{' '}
                · {date(n.first_seen)} – {date(n.last_seen)}
              </li>
            ))}
          </ul>
        )}
      </Await>
      <h2>{t('explorer.results')}</h2>
      <Await state={latest}>{(page) => <ResultsTable items={page.items} query={query} loc={loc} />}</Await>
    </section>
  );
}
