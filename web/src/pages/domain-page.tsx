/** The domain page: the countries it was measured in with their counts, outcomes over time, the latest measurements. */
import { api } from '../api/client.js';
import { OutcomesOverTime } from '../components/outcomes-over-time.js';
import { ResultsTable } from '../components/results-table.js';
import { SimulatedShare } from '../components/simulated.js';
import { Await } from '../components/status.js';
import { TableHead } from '../components/table-head.js';
import { useI18n } from '../i18n/i18n.js';
import { href, Link, type Location } from '../router.js';
import { useApi } from '../use-api.js';

export function DomainPage({ domain, loc }: { domain: string; loc: Location }) {
  const { t, num, country } = useI18n();
  const simulated = loc.query.get('simulated') === '1';
  const include = simulated || undefined;
  const agg = useApi(
    () => api.aggregation({ domain, axis_x: 'probe_cc', include_simulated: include }),
    `dom-${domain}-${simulated}`,
  );
  const query = { domain, include_simulated: include };
  const latest = useApi(() => api.search({ ...query, limit: 20 }), `domm-${domain}-${simulated}`);
  return (
    <section>
      <h1>{t('domain.title', { domain })}</h1>
      <h2>{t('domain.countries')}</h2>
      <Await state={agg}>
        {(d) => (
          <table class="data domain-countries">
            <TableHead
              columns={[
                'compare.country',
                'col.measurements',
                'outcome.ok',
                'outcome.anomaly',
                'badge.confirmed',
                'outcome.failure',
                'badge.tlsConfirmed',
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
                    </Link>{' '}
                    <SimulatedShare simulated={r.simulated_count} total={r.measurement_count} />
                  </td>
                  <td>{num(r.measurement_count)}</td>
                  <td>{num(r.ok_count)}</td>
                  <td>{num(r.anomaly_count)}</td>
                  <td>{num(r.confirmed_count)}</td>
                  <td>{num(r.failure_count)}</td>
                  <td>{num(r.tls_confirmed_count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Await>
      <h2>{t('country.outcomes')}</h2>
      <OutcomesOverTime
        filter={{ domain }}
        simulated={simulated}
        links={{ domain, simulated: simulated ? '1' : undefined }}
        empty={<p class="muted">{t('explorer.empty')}</p>}
      />
      <h2>{t('explorer.results')}</h2>
      <Await state={latest}>{(page) => <ResultsTable items={page.items} query={query} loc={loc} />}</Await>
    </section>
  );
}
