/**
 * What the bundled registry data says of a network: its organisation (as data) and the countries its addresses are
 * registered in, or that its number belongs to no real network (documentation, private use, AS0). Said to come from
 * the registry, not from the measurements.
 */
import type { NetworkRegistry } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { Datum } from './message.js';

export function NetworkRegistryLine({ network }: { network: NetworkRegistry }) {
  const { t, num, country } = useI18n();
  const total = network.countries.reduce((n, c) => n + c.ipv4_addresses, 0);
  const [first, ...others] = network.countries;
  return (
    <p data-testid="network-registry">
      {network.reserved ? (
        <strong>{t(`network.reserved.${network.reserved}`)}</strong>
      ) : network.name ? (
        <strong>
          <Datum>{network.name}</Datum>
        </strong>
      ) : (
        t('network.unknown')
      )}
      {first && (
        <>
          {' · '}
          {t('network.registeredIn', {
            country: country(first.probe_cc),
            // One decimal, and never "100" while some addresses are registered elsewhere.
            share: num(Math.floor((first.ipv4_addresses / total) * 1000) / 10, 1),
          })}
          {others.length > 0 &&
            `; ${t('network.alsoIn', {
              list: others
                .slice(0, 3)
                .map((c) => country(c.probe_cc))
                .join(', '),
            })}${others.length > 3 ? ' …' : ''}`}
        </>
      )}{' '}
      <span class="muted">({t('network.registrySource')})</span>
    </p>
  );
}
