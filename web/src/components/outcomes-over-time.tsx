/**
 * Outcomes over time for a filter (a country, a network, a domain): how many measurements over which days, how many
 * of them simulated, and the chart. The country, network and domain pages share it.
 */
import type { ComponentChildren } from 'preact';
import { lazy, Suspense } from 'preact/compat';
import { api, type MeasurementQuery } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { useApi } from '../use-api.js';
import { MeasurementCount } from './outcome-counts.js';
import { Await } from './status.js';

const OutcomeChart = lazy(() => import('./outcome-chart.js'));

/**
 * `filter` selects the measurements (without include_simulated: `simulated` says whether to include them);
 * `links` are the page's filters for the explorer links of the bars; `empty` is shown when nothing matches.
 */
export function OutcomesOverTime({
  filter,
  simulated,
  links,
  empty,
}: {
  filter: MeasurementQuery;
  simulated: boolean;
  links: Record<string, string | undefined>;
  empty: ComponentChildren;
}) {
  const { t, date } = useI18n();
  const key = JSON.stringify(filter);
  const days = useApi(
    () =>
      api.aggregation({
        ...filter,
        include_simulated: simulated || undefined,
        axis_x: 'measurement_start_day',
      }),
    `days-${key}-${simulated}`,
  );
  // The same days without simulated data: what the chart hatches is the difference, outcome by outcome.
  const real = useApi(
    () =>
      simulated
        ? api.aggregation({ ...filter, axis_x: 'measurement_start_day' })
        : Promise.resolve(undefined),
    `real-days-${key}-${simulated}`,
  );
  return (
    <Await state={days}>
      {(d) => {
        if (d.result.length === 0) return <>{empty}</>;
        const sum = (k: 'measurement_count' | 'simulated_count') => d.result.reduce((n, r) => n + r[k], 0);
        const sorted = d.result.map((r) => r.measurement_start_day ?? '').sort();
        return (
          <>
            <p class="muted" data-testid="outcomes-summary">
              <MeasurementCount n={sum('measurement_count')} simulated={sum('simulated_count')} /> ·{' '}
              {t('common.period', { first: date(sorted[0]), last: date(sorted.at(-1)) })}
            </p>
            <Await state={real}>
              {(realDays) => (
                <Suspense fallback={<p class="muted">{t('common.loading')}</p>}>
                  <OutcomeChart rows={d.result} realRows={realDays?.result} filters={links} />
                </Suspense>
              )}
            </Await>
          </>
        );
      }}
    </Await>
  );
}
