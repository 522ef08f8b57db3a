/**
 * A list of measurements (the explorer, the domain and network pages): when, where, which test and what it tested,
 * OONI's outcome beside netfreedom's TLS confirmation, the technique, the simulated mark, and a link to the same
 * measurement on OONI Explorer when OONI knows it.
 */
import type { MeasurementQuery } from '../api/client.js';
import { api } from '../api/client.js';
import type { MeasurementSummary } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { Link, type Location } from '../router.js';
import { useApi } from '../use-api.js';
import { TlsConfirmedBadge } from './confirmation-badges.js';
import { SimulatedBadge } from './simulated.js';
import { TableHead } from './table-head.js';
import { TechniqueName } from './technique-name.js';
import { TestTarget } from './test-target.js';

/** Empty, it says so, and whether simulated measurements would match `query` when it left them out. */
export function ResultsTable({
  items,
  query,
  loc,
}: {
  items: MeasurementSummary[];
  query: MeasurementQuery;
  loc: Location;
}) {
  const { t, dateTime, country } = useI18n();
  if (items.length === 0)
    return (
      <>
        <p class="muted">{t('explorer.empty')}</p>
        {!query.include_simulated && <SimulatedHint query={query} loc={loc} />}
      </>
    );
  return (
    <table class="data results">
      <TableHead
        columns={[
          'col.time',
          'explorer.country',
          'col.network',
          'explorer.test',
          'col.input',
          'col.outcome',
          'col.technique',
        ]}
      >
        {/* A domain is data in every language. */}
        <th scope="col">explorer.ooni.org</th>
      </TableHead>
      <tbody>
        {items.map((m) => {
          // The API's link (by uid; none for measurements that are not OONI's): only an http(s) URL becomes one.
          const ooni = m.ooni_explorer_url?.startsWith('https://') ? m.ooni_explorer_url : null;
          return (
            <tr key={m.measurement_uid} data-outcome={m.outcome} data-uid={m.measurement_uid}>
              <td>
                <Link href={`/m/${encodeURIComponent(m.measurement_uid)}`}>
                  {dateTime(m.measurement_start_time)}
                </Link>
              </td>
              <td>{country(m.probe_cc)}</td>
              <td>{m.probe_asn}</td>
              <td class="test">
                <code>{m.test_name}</code>
              </td>
              <td class="input">
                {m.input || m.domain ? (
                  <span class="datum">{m.input ?? m.domain}</span>
                ) : (
                  <TestTarget testName={m.test_name} />
                )}{' '}
                {m.simulated && <SimulatedBadge />}
              </td>
              <td>
                <span class={`badge outcome-${m.outcome}`}>{t(`outcome.${m.outcome}`)}</span>{' '}
                {m.tls_confirmed && <TlsConfirmedBadge />}
              </td>
              <td class="technique">{m.technique ? <TechniqueName code={m.technique} /> : '–'}</td>
              <td>
                {ooni && (
                  <a
                    class="ooni-link"
                    href={ooni}
                    rel="noopener noreferrer"
                    target="_blank"
                    aria-label={t('measurement.onOoni')}
                    title={t('measurement.onOoni')}
                  >
                    ↗
                  </a>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Shown when nothing real matches `query`: whether simulated measurements would (the bundled KZ demonstration data
 * is simulated, and a newcomer's first search is often that country), with a link to this page including them.
 */
function SimulatedHint({ query, loc }: { query: MeasurementQuery; loc: Location }) {
  const { t } = useI18n();
  const simulated = useApi(
    () => api.search({ ...query, include_simulated: true, limit: 1 }),
    `simulated-hint-${JSON.stringify(query)}`,
  );
  if (simulated.status !== 'ok' || simulated.data.items.length === 0) return null;
  const withSimulated = new URLSearchParams(loc.query);
  withSimulated.delete('cursor');
  withSimulated.set('simulated', '1');
  return (
    <p class="muted simulated-hint">
      {t('explorer.simulatedOnly')}{' '}
      <Link href={`${loc.path}?${withSimulated}`}>{t('explorer.showSimulated')}</Link>
    </p>
  );
}
