/** The "simulated" mark: on a measurement, and on a figure according to how much of its data is simulated. */
import { useI18n } from '../i18n/i18n.js';

/** The badge of simulated (demonstration) data, with what it means in its tooltip. */
export function SimulatedBadge() {
  const { t } = useI18n();
  return (
    <span class="badge simulated" title={t('common.simulatedHelp')}>
      {t('common.simulated')}
    </span>
  );
}

/**
 * The mark of a figure drawn from `total` measurements of which `simulated` are simulated: none when none is, the
 * badge when all are, and how many when some are (a figure half real is still not a real one).
 */
export function SimulatedShare({ simulated, total }: { simulated: number; total: number }) {
  const { t, num } = useI18n();
  if (simulated <= 0) return null;
  if (simulated >= total) return <SimulatedBadge />;
  return (
    <span class="badge simulated" title={t('common.simulatedHelp')}>
      {t('common.simulatedShare', { n: num(simulated), total: num(total) })}
    </span>
  );
}
