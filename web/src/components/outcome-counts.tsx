/**
 * A network's or a country's counts in words: measurements (and how many of them are simulated), anomalies, and the
 * two confirmations under the names their badges use, so that a badge and a count on one page never disagree.
 */
import { useI18n } from '../i18n/i18n.js';

/** The counts the API gives networks, domains and aggregation cells. */
export interface Counts {
  measurement_count: number;
  anomaly_count: number;
  confirmed_count: number;
  tls_confirmed_count: number;
  simulated_count: number;
}

/** "10 measurements (of which 10 simulated)": the count, marked when some of it is simulated. */
export function MeasurementCount({ n, simulated }: { n: number; simulated: number }) {
  const { count, t, num } = useI18n();
  return (
    <>
      {count('count.measurements', n)}
      {simulated > 0 && (
        <>
          {' '}
          <span class="badge simulated" title={t('common.simulatedHelp')}>
            {t('count.ofWhichSimulated', { n: num(simulated) })}
          </span>
        </>
      )}
    </>
  );
}

export function OutcomeCounts({ counts: c }: { counts: Counts }) {
  const { count, t, num } = useI18n();
  return (
    <>
      <MeasurementCount n={c.measurement_count} simulated={c.simulated_count} />,{' '}
      {count('count.anomalies', c.anomaly_count)}, {t('count.confirmed', { n: num(c.confirmed_count) })},{' '}
      {t('count.tlsConfirmed', { n: num(c.tls_confirmed_count) })}
    </>
  );
}
