/**
 * The network (ASN) page: what the registry data says of it, where it was measured with its counts, outcomes over
 * time, the latest measurements.
 */
import { api } from '../api/client.js';
import { NetworkRegistryLine } from '../components/network-registry.js';
import { OutcomeCounts } from '../components/outcome-counts.js';
import { OutcomesOverTime } from '../components/outcomes-over-time.js';
import { ResultsTable } from '../components/results-table.js';
import { Await } from '../components/status.js';
import { useI18n } from '../i18n/i18n.js';
import { Link, type Location } from '../router.js';
import { useApi } from '../use-api.js';

export function NetworkPage({ asn, loc }: { asn: string; loc: Location }) {
  const { t, date, country } = useI18n();
  const simulated = loc.query.get('simulated') === '1';
  const include = simulated || undefined;
  const nets = useApi(
    () => api.networks({ probe_asn: asn, include_simulated: include }),
    `net-${asn}-${simulated}`,
  );
  const registry = useApi(() => api.network(asn), `net-registry-${asn}`);
  const query = { probe_asn: asn, include_simulated: include };
  const latest = useApi(() => api.search({ ...query, limit: 20 }), `netm-${asn}-${simulated}`);
  return (
    <section>
      <h1>{t('network.title', { asn })}</h1>
      <Await state={registry}>{(network) => <NetworkRegistryLine network={network} />}</Await>
      <Await state={nets}>
        {(page) => (
          <ul data-testid="network-counts">
            {page.items.map((n) => (
              <li key={n.probe_cc}>
                <Link href={`/country/${n.probe_cc}`}>{country(n.probe_cc)}</Link>:{' '}
                <OutcomeCounts counts={n} /> ·{' '}
                {t('common.period', { first: date(n.first_seen), last: date(n.last_seen) })}
              </li>
            ))}
          </ul>
        )}
      </Await>
      <h2>{t('country.outcomes')}</h2>
      <OutcomesOverTime
        filter={{ probe_asn: asn }}
        simulated={simulated}
        links={{ probe_asn: asn, simulated: simulated ? '1' : undefined }}
        empty={<p class="muted">{t('explorer.empty')}</p>}
      />
      <h2>{t('explorer.results')}</h2>
      <Await state={latest}>{(page) => <ResultsTable items={page.items} query={query} loc={loc} />}</Await>
    </section>
  );
}
