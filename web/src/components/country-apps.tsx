/**
 * The apps and circumvention tools of a country page: per app and network, how many measurements reached it and a
 * strip of its days (reachable, partly, not), each linked to the explorer filtered by test and network.
 */
import { api } from '../api/client.js';
import type { AggregationRow } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { href, Link } from '../router.js';
import { useApi } from '../use-api.js';
import { NetworkName } from './network-name.js';
import { SimulatedShare } from './simulated.js';
import { Await } from './status.js';
import { TableHead } from './table-head.js';
import { TestTarget } from './test-target.js';

/** The messaging-app and circumvention tests, in the order the section lists them. */
export const APP_TESTS = [
  'telegram',
  'whatsapp',
  'signal',
  'facebook_messenger',
  'tor',
  'vanilla_tor',
  'torsf',
  'psiphon',
  'riseupvpn',
  'dnscheck',
  'stunreachability',
] as const;

/** A day's state: every measurement ok, some, or none (OONI's anomaly, confirmed or failure). */
function dayState(r: AggregationRow): 'ok' | 'partly' | 'blocked' {
  if (r.ok_count === r.measurement_count) return 'ok';
  return r.ok_count === 0 ? 'blocked' : 'partly';
}

export function CountryApps({
  cc,
  simulated,
  filters,
}: {
  cc: string;
  simulated: boolean;
  filters: Record<string, string | undefined>;
}) {
  const { t } = useI18n();
  const base = {
    probe_cc: cc,
    test_name: APP_TESTS.join(','),
    include_simulated: simulated || undefined,
  };
  const cells = useApi(
    () => api.aggregation({ ...base, axis_x: 'test_name', axis_y: 'probe_asn' }),
    `apps-${cc}-${simulated}`,
  );
  return (
    <section data-testid="country-apps">
      <h2>{t('apps.title')}</h2>
      <Await state={cells}>
        {(d) => {
          const rows = [...d.result].sort(
            (a, b) =>
              APP_TESTS.indexOf(a.test_name as (typeof APP_TESTS)[number]) -
                APP_TESTS.indexOf(b.test_name as (typeof APP_TESTS)[number]) ||
              String(a.probe_asn).localeCompare(String(b.probe_asn)),
          );
          if (rows.length === 0) return <p class="muted">{t('apps.none')}</p>;
          const tests = [...new Set(rows.map((r) => r.test_name!))];
          return (
            <>
              <table class="data apps">
                <TableHead columns={['apps.app', 'explorer.asn', 'apps.reachable', 'apps.days']} />
                <tbody>
                  {tests.map((test) => (
                    <AppRows
                      key={test}
                      cc={cc}
                      test={test}
                      rows={rows.filter((r) => r.test_name === test)}
                      simulated={simulated}
                      filters={filters}
                    />
                  ))}
                </tbody>
              </table>
              <p class="muted day-legend">
                {(['ok', 'partly', 'blocked'] as const).map((state) => (
                  <span key={state}>
                    <span class={`day ${state}`} aria-hidden="true" /> {t(`apps.day.${state}`)}{' '}
                  </span>
                ))}
              </p>
            </>
          );
        }}
      </Await>
    </section>
  );
}

/** One app: a row per network, with its days (asked for per app: the API aggregates along two axes at most). */
function AppRows({
  cc,
  test,
  rows,
  simulated,
  filters,
}: {
  cc: string;
  test: string;
  rows: AggregationRow[];
  simulated: boolean;
  filters: Record<string, string | undefined>;
}) {
  const { t, num, date } = useI18n();
  const days = useApi(
    () =>
      api.aggregation({
        probe_cc: cc,
        test_name: test,
        include_simulated: simulated || undefined,
        axis_x: 'probe_asn',
        axis_y: 'measurement_start_day',
      }),
    `app-days-${cc}-${test}-${simulated}`,
  );
  return (
    <>
      {rows.map((r, i) => (
        <tr key={r.probe_asn} data-test={test} data-asn={r.probe_asn}>
          <td>
            {i === 0 && (
              <Link href={href('/measurements', { ...filters, test_name: test })}>
                <TestTarget testName={test} />
              </Link>
            )}
          </td>
          <td>
            <Link href={href('/measurements', { ...filters, test_name: test, probe_asn: r.probe_asn })}>
              {r.probe_asn}
            </Link>{' '}
            <NetworkName asn={r.probe_asn!} />
          </td>
          <td>
            {t('apps.okOf', { ok: num(r.ok_count), n: num(r.measurement_count) })}{' '}
            <SimulatedShare simulated={r.simulated_count} total={r.measurement_count} />
          </td>
          <td>
            <Await state={days}>
              {(d) => (
                <span class="day-strip">
                  {d.result
                    .filter((c) => c.probe_asn === r.probe_asn)
                    .map((c) => {
                      const state = dayState(c);
                      const label = `${date(c.measurement_start_day)}: ${t('apps.okOf', { ok: num(c.ok_count), n: num(c.measurement_count) })}`;
                      return (
                        <Link
                          key={c.measurement_start_day}
                          class={`day ${state}`}
                          title={label}
                          aria-label={label}
                          href={href('/measurements', {
                            ...filters,
                            test_name: test,
                            probe_asn: r.probe_asn,
                            since: c.measurement_start_day,
                            until: nextDay(c.measurement_start_day!),
                          })}
                        />
                      );
                    })}
                </span>
              )}
            </Await>
          </td>
        </tr>
      ))}
    </>
  );
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
