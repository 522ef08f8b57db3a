/**
 * The two confirmations, named as the API and the CLI name them and never mixed: OONI's (`confirmed`: a blockpage
 * or DNS fingerprint matched) and netfreedom's (`tls_confirmed`: the neutral-SNI retry, a known interception CA).
 */
import { useI18n } from '../i18n/i18n.js';

export function ConfirmedBadge() {
  const { t } = useI18n();
  return (
    <span class="badge confirmed" title={t('badge.confirmedHelp')}>
      {t('badge.confirmed')}
    </span>
  );
}

export function TlsConfirmedBadge() {
  const { t } = useI18n();
  return (
    <span class="badge tls-confirmed" title={t('badge.tlsConfirmedHelp')}>
      {t('badge.tlsConfirmed')}
    </span>
  );
}
