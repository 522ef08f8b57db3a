/** A network's name beside its ASN, from the bundled registry data; a reserved number says what it is reserved for. */
import { api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { useApi } from '../use-api.js';
import { Datum } from './message.js';

export function NetworkName({ asn }: { asn: string }) {
  const { t } = useI18n();
  const network = useApi(() => api.network(asn), `net-registry-${asn}`);
  if (network.status !== 'ok') return null;
  const { reserved, name } = network.data;
  if (reserved) return <span class="network-name muted">({t(`network.reservedShort.${reserved}`)})</span>;
  if (!name) return null;
  return (
    <span class="network-name muted">
      (<Datum>{name}</Datum>)
    </span>
  );
}
